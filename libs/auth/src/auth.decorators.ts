import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from './principal';

export const IS_PUBLIC = 'vardflode:public';
export const REQUIRED_ROLES = 'vardflode:roles';

/** No token needed (health, docs). Everything else requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these roles in their organisation. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export type AuthenticatedRequest = { principal?: Principal; id?: string };

/** The authenticated caller. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
