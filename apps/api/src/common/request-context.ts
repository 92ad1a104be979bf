import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from '../../../../libs/auth/src/principal';

/** What the audit interceptor needs to know about a request beyond its route. */
export interface AuditNote {
  caseId?: string;
  taskId?: string;
  detail?: Record<string, unknown>;
  /** Overrides the 'success' outcome of a request that succeeded (e.g. 'replayed': answered from the first time). */
  outcome?: string;
  /** Set when the service already wrote the audit row inside its own transaction. */
  recorded?: boolean;
  /** The roles that gave the caller access to the case or task (the access service notes them). */
  grantedBy?: Role[];
}

export interface RequestContext {
  principal: Principal;
  requestId: string;
  audit: AuditNote;
}

export type ContextualRequest = {
  principal?: Principal;
  id?: string | number;
  audit?: AuditNote;
  method: string;
  params: Record<string, string>;
  route?: { path?: string };
};

export function requestContextOf(req: ContextualRequest): RequestContext {
  if (!req.principal) throw new Error('request context on a public route');
  req.audit ??= {};
  return { principal: req.principal, requestId: String(req.id ?? ''), audit: req.audit };
}

/** The caller, the request id and the request's audit note. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  requestContextOf(ctx.switchToHttp().getRequest<ContextualRequest>()),
);

export const AUDIT_ACTION = 'vardflode:audit-action';
/**
 * Names the audit action of a route. State-changing routes are always audited (by default as `METHOD path`);
 * a GET is audited only when it carries this (reads of a case).
 */
export const Audit = (action: string) => SetMetadata(AUDIT_ACTION, action);
