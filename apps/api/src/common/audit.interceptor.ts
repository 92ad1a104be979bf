import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, Observable } from 'rxjs';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { AuditRepository } from '../../../../libs/persistence/src/audit/audit.repository';
import { statusOfDomainError } from './domain-error.filter';
import { AUDIT_ACTION, ContextualRequest } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function outcomeOf(err: unknown): string {
  const status = err instanceof DomainError ? statusOfDomainError(err) : err instanceof HttpException ? err.getStatus() : 500;
  return status < 500 ? `refused:${status}` : 'error';
}

/**
 * Writes the audit row of every authenticated state-changing request and of every read of a case, with its
 * outcome, before the answer goes out. Services that change PostgreSQL write the row in their own transaction
 * and mark it recorded; this then adds nothing.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<ContextualRequest>();
    const named = this.reflector.get<string | undefined>(AUDIT_ACTION, context.getHandler());
    const changes = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    if (!req.principal || (!changes && !named)) return next.handle();
    const action = named ?? `${req.method} ${req.route?.path ?? ''}`;

    const record = async (outcome: string, response?: unknown) => {
      const note = req.audit ?? {};
      if (note.recorded) return;
      const fromResponse = (response as { caseId?: unknown } | undefined)?.caseId;
      const caseId = [note.caseId, req.params.caseId, fromResponse].find((v): v is string => typeof v === 'string' && UUID.test(v));
      const principal = req.principal!;
      await this.audit.append({
        actor: principal.personId,
        organisationCode: principal.organisationCode,
        action,
        caseId: caseId ?? null,
        taskId: note.taskId ?? null,
        requestId: req.id === undefined ? null : String(req.id),
        outcome,
        detail: note.detail ?? null,
      });
    };

    return next.handle().pipe(
      mergeMap((value) => from(record(req.audit?.outcome ?? 'success', value).then(() => value))),
      catchError((err: unknown) => from(record(outcomeOf(err)).then(() => Promise.reject(err)))),
    );
  }
}
