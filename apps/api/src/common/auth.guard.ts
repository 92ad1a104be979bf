import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES, TOKEN_COOKIE } from '../../../../libs/auth/src/auth.decorators';
import { effectiveRoles, PLATFORM_DUTIES, PLATFORM_ROLES, PlatformRole, Principal, Role } from '../../../../libs/auth/src/principal';
import { TokenVerifier } from '../../../../libs/auth/src/token-verifier';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { OrganisationRepository } from '../../../../libs/persistence/src/repositories/organisation.repository';

/**
 * Every route needs a valid bearer token unless marked @Public(). The token's organisation must exist and be
 * active; @Roles() narrows the route to people holding one of the roles there.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly organisations: OrganisationRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const header = req.headers.authorization ?? '';
    const cookie = this.reflector.getAllAndOverride<string | undefined>(TOKEN_COOKIE, targets);
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? (cookie && !header ? cookieValue(req.headers.cookie, cookie) : undefined);
    if (!token) throw new DomainError(DomainErrorCode.Unauthenticated, 'a bearer token is required (Authorization: Bearer …)');

    const claims = await this.verifier.verify(token);
    const org = await this.organisations.find(claims.organisationCode);
    if (!org || !org.active) {
      throw new DomainError(DomainErrorCode.Forbidden, `organisation ${claims.organisationCode} is unknown or not active`);
    }
    // Roles hold within the token's organisation; a platform role only at the organisation that owns its data.
    const principal: Principal = { ...claims, roles: effectiveRoles(claims.roles, claims.organisationCode), organisationKind: org.kind };
    req.principal = principal;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((r) => principal.roles.includes(r))) {
      throw new DomainError(DomainErrorCode.Forbidden, `this needs the role ${required.map(describeRole).join(' or ')}`);
    }
    return true;
  }
}

const describeRole = (r: Role) =>
  (PLATFORM_ROLES as readonly string[]).includes(r) ? `${r} at ${PLATFORM_DUTIES[r as PlatformRole].owner}` : r;

/** One cookie's value from a Cookie header (`a=1; b=2`), or undefined. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim()) || undefined;
  }
  return undefined;
}
