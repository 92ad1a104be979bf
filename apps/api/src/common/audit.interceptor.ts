import { CallHandler, ExecutionContext, HttpException, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, Observable } from 'rxjs';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { AuditRepository, NewAuditEntry } from '../../../../libs/persistence/src/audit/audit.repository';
import { patientDataReadEntry, showsPatientData } from '../access/patient-data-access';
import { statusOfDomainError } from './domain-error.filter';
import { AUDIT_ACTION, ContextualRequest } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A refused request's outcome: `refused:<status>`, `error`, or `unavailable`: a 503 with Retry-After because no worker
 * carried the step out in time (TEMPORAL_STEP_TIMEOUT). The request was not refused: its step may still be carried out
 * once a worker is back, and then the step writes its own row with this request's id and `success`. So `unavailable`
 * records the answer the person got, not an effect.
 */
export function outcomeOf(err: unknown): string {
  if (err instanceof DomainError && err.code === DomainErrorCode.DependencyUnavailable) return 'unavailable';
  const status = err instanceof DomainError ? statusOfDomainError(err) : err instanceof HttpException ? err.getStatus() : 500;
  return status < 500 ? `refused:${status}` : 'error';
}

/**
 * Writes the audit row of every authenticated state-changing request and of every read of a case, with its
 * outcome, before the answer goes out. Services that change PostgreSQL write the row in their own transaction
 * and mark it recorded; this then adds nothing.
 *
 * It is also the one place that keeps the patient-data access log (patientdatalagen 4 kap.): an answer about a
 * case or task that shows a patient's identity (`showsPatientData`) is recorded as `patient_data.read`, with the
 * roles that gave the access and the route template. A read is that one row (it takes the place of the route's
 * own read row: one insert, one turn of the chain's lock); a change whose answer shows the patient (a claimed
 * task) adds it to its own row in the same insert. A refused request (404, 403) showed nothing and logs no read.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<ContextualRequest>();
    if (!req.principal) return next.handle();
    const named = this.reflector.get<string | undefined>(AUDIT_ACTION, context.getHandler());
    const changes = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    // Every request is its own audit row when it changes something or its route is named; any other read is
    // recorded only when its answer shows a patient.
    const audited = changes || named !== undefined;
    const action = named ?? `${req.method} ${req.route?.path ?? ''}`;

    const record = async (outcome: string, response?: unknown) => {
      const note = req.audit ?? {};
      const fromResponse = (response as { caseId?: unknown } | undefined)?.caseId;
      const caseId = [note.caseId, req.params.caseId, fromResponse].find((v): v is string => typeof v === 'string' && UUID.test(v)) ?? null;
      const principal = req.principal!;
      const requestId = req.id === undefined ? null : String(req.id);
      const shown = req.method !== 'HEAD' && response !== undefined && showsPatientData(response);
      // Lists show no personal data; an answer that shows a patient without naming its case could not be logged.
      if (shown && caseId === null) this.logger.error(`${action}: the answer shows patient data but names no case, so the access log misses it`);
      const read =
        shown && caseId !== null
          ? patientDataReadEntry(principal, { caseId, taskId: note.taskId ?? null, requestId, method: req.method, route: req.route?.path ?? '', roles: note.grantedBy, via: action })
          : null;
      const rows: NewAuditEntry[] = [];
      if (audited && !note.recorded && !(read && !changes)) {
        rows.push({ actor: principal.personId, organisationCode: principal.organisationCode, action, caseId, taskId: note.taskId ?? null, requestId, outcome, detail: note.detail ?? null });
      }
      if (read) rows.push(read);
      if (rows.length > 0) await this.audit.appendAll(rows);
    };

    return next.handle().pipe(
      mergeMap((value) => from(record(req.audit?.outcome ?? 'success', value).then(() => value))),
      catchError((err: unknown) => from((audited ? record(outcomeOf(err)) : Promise.resolve()).then(() => Promise.reject(err)))),
    );
  }
}
