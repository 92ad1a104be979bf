import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from './principal';

export const IS_PUBLIC = 'vardflode:public';
export const REQUIRED_ROLES = 'vardflode:roles';

/** No token needed (health, docs). Everything else requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const TOKEN_COOKIE = 'vardflode:token-cookie';

/**
 * Without an Authorization header, the bearer token may come from this HttpOnly cookie instead: only for routes a
 * page of another origin calls with credentials (the codec server, called by the Temporal UI).
 */
export const TokenCookie = (name: string) => SetMetadata(TOKEN_COOKIE, name);

/** The caller needs at least one of these roles in their organisation. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export type AuthenticatedRequest = { principal?: Principal; id?: string };

/** The authenticated caller. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
