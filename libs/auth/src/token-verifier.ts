import { Inject, Injectable } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { AppConfig } from '../../config/src/app-config';
import { DomainError, DomainErrorCode } from '../../domain/src/domain-error';
import { devIssuerPublicJwks } from './dev-issuer';
import { Role, ROLES } from './principal';

export interface VerifiedClaims {
  personId: string;
  name: string;
  organisationCode: string;
  roles: Role[];
}

type KeySet = Parameters<typeof jwtVerify>[1];

/** Verifies bearer tokens against the configured issuer's JWKS (or the dev issuer's key). */
@Injectable()
export class TokenVerifier {
  private keys?: Promise<KeySet>;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  private keySet(): Promise<KeySet> {
    this.keys ??= this.config.devIssuerEnabled
      ? devIssuerPublicJwks(this.config.DATA_DIR).then((jwks) => createLocalJWKSet(jwks) as KeySet)
      : Promise.resolve(createRemoteJWKSet(new URL(this.config.AUTH_JWKS_URL as string)) as KeySet);
    return this.keys;
  }

  async verify(token: string): Promise<VerifiedClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.config.authIssuer,
        audience: this.config.AUTH_AUDIENCE,
        clockTolerance: this.config.AUTH_CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (err) {
      const why = err instanceof errors.JWTExpired ? 'the token has expired' : 'the token is not valid';
      throw new DomainError(DomainErrorCode.Unauthenticated, why);
    }
    const org = payload.org;
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => ROLES.includes(r as Role)) : [];
    if (typeof payload.sub !== 'string' || !payload.sub || typeof org !== 'string' || !org) {
      throw new DomainError(DomainErrorCode.Unauthenticated, 'the token lacks sub or org');
    }
    return {
      personId: payload.sub,
      name: typeof payload.name === 'string' ? payload.name : payload.sub,
      organisationCode: org,
      roles,
    };
  }
}
