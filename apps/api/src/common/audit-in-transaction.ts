import type { EntityManager } from 'typeorm';
import type { AuditRepository } from '../../../../libs/persistence/src/audit/audit.repository';
import type { RequestContext } from './request-context';

/**
 * Writes the request's audit row inside the transaction of the change it records, and tells the audit
 * interceptor it is written (so it adds no second row).
 */
export async function auditInTransaction(
  audit: AuditRepository,
  em: EntityManager,
  ctx: RequestContext,
  action: string,
  detail: Record<string, unknown> | null,
  refs: { caseId?: string; taskId?: string } = {},
): Promise<void> {
  await audit.append(
    {
      actor: ctx.principal.personId,
      organisationCode: ctx.principal.organisationCode,
      action,
      caseId: refs.caseId ?? null,
      taskId: refs.taskId ?? null,
      requestId: ctx.requestId,
      outcome: 'success',
      detail,
    },
    em,
  );
  ctx.audit.recorded = true;
}
