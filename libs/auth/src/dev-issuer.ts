import { exportJWK, generateKeyPair, importJWK, JWK, SignJWT } from 'jose';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_ISSUER } from '../../config/src/app-config';
import type { Role } from './principal';

const ALG = 'ES256';
const KID = 'vardflode-dev-1';

/** The dev issuer's key pair, created once under DATA_DIR/dev-issuer and shared by the API and `npm run token`. */
async function loadOrCreateKey(dataDir: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const dir = join(dataDir, 'dev-issuer');
  const file = join(dir, 'signing-key.jwk.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const pair = {
    privateJwk: { ...(await exportJWK(privateKey)), kid: KID, alg: ALG },
    publicJwk: { ...(await exportJWK(publicKey)), kid: KID, alg: ALG, use: 'sig' },
  };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // 'wx': if another process created it meanwhile, use theirs so both sign and verify with one key.
    writeFileSync(file, JSON.stringify(pair), { mode: 0o600, flag: 'wx' });
    return pair;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return JSON.parse(readFileSync(file, 'utf8'));
  }
}

export async function devIssuerPublicJwks(dataDir: string): Promise<{ keys: JWK[] }> {
  return { keys: [(await loadOrCreateKey(dataDir)).publicJwk] };
}

export interface DevTokenRequest {
  organisationCode: string;
  roles: Role[];
  personId: string;
  name?: string;
  audience: string;
  /** Lifetime from now, e.g. '12h' (the default)… */
  expiresIn?: string;
  /** …or an explicit expiry instant (tests of expired tokens). */
  expiresAt?: Date;
}

/** A bearer token as an OIDC provider would issue it, with `org` and `roles` claims. */
export async function signDevToken(dataDir: string, r: DevTokenRequest): Promise<string> {
  const { privateJwk } = await loadOrCreateKey(dataDir);
  const key = await importJWK(privateJwk, ALG);
  return new SignJWT({ org: r.organisationCode, roles: r.roles, name: r.name ?? r.personId })
    .setProtectedHeader({ alg: ALG, kid: KID, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(r.audience)
    .setSubject(r.personId)
    .setIssuedAt()
    .setExpirationTime(r.expiresAt ?? r.expiresIn ?? '12h')
    .sign(key);
}
