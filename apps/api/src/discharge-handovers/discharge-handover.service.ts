import { Injectable, Logger } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { AppConfig } from '../../../../libs/config/src/app-config';
import {
  Actor,
  cancelDischargeHandoverUpdate,
  changeEstimatedDischargeDateUpdate,
  declareReadyForDischargeUpdate,
  DISCHARGE_HANDOVER_WORKFLOW_TYPE,
  DischargeHandoverInput,
  DischargeHandoverState,
  dischargeHandoverStateQuery,
  dischargeHandoverWorkflowId,
} from '../../../../libs/contracts/src/discharge-handover.contract';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { normalisePersonnummer } from '../../../../libs/domain/src/personnummer';
import { stockholmDate } from '../../../../libs/domain/src/time/stockholm';
import {
  hashRequest,
  IdempotencyKeyRepository,
} from '../../../../libs/persistence/src/repositories/idempotency-key.repository';
import { TemporalClientHolder } from '../../../../libs/temporal/src/temporal-client.module';
import { toDomainError } from '../../../../libs/temporal/src/temporal-errors';
import {
  CancelDischargeHandoverDto,
  CaseStartedDto,
  ChangeEstimatedDischargeDateDto,
  DeclareReadyForDischargeDto,
  StartDischargeHandoverDto,
} from './discharge-handover.dto';

const START_SCOPE = 'discharge-handover:start';
// A clock a few minutes off on the caller's side is not an error; a time an hour ahead is.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

// Until authentication arrives (organisations and people issue), actions are attributed to the hospital.
const unauthenticated = (organisationCode: string): Actor => ({ actor: 'unauthenticated', organisationCode });

@Injectable()
export class DischargeHandoverService {
  private readonly logger = new Logger(DischargeHandoverService.name);

  constructor(
    private readonly temporal: TemporalClientHolder,
    private readonly idempotencyKeys: IdempotencyKeyRepository,
    private readonly config: AppConfig,
  ) {}

  async start(dto: StartDischargeHandoverDto, key: string): Promise<CaseStartedDto> {
    if (Date.parse(dto.admittedAt) > Date.now() + FUTURE_TOLERANCE_MS) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'admittedAt is in the future', { field: 'admittedAt' });
    }
    if (dto.estimatedDischargeDate < stockholmDate(dto.admittedAt)) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'estimatedDischargeDate is before the admission date', {
        field: 'estimatedDischargeDate',
      });
    }
    const body = { ...dto, personnummer: normalisePersonnummer(dto.personnummer) };
    const claim = await this.idempotencyKeys.claim(START_SCOPE, key, hashRequest(body));
    const workflowId = dischargeHandoverWorkflowId(claim.resourceId);
    const input: DischargeHandoverInput = {
      caseId: claim.resourceId,
      openedBy: unauthenticated(dto.hospitalCode),
      hospitalCode: dto.hospitalCode,
      patient: { personnummer: body.personnummer, name: dto.patientName },
      municipalityCode: dto.municipalityCode,
      vardcentralCode: dto.vardcentralCode,
      admittedAt: new Date(dto.admittedAt).toISOString(),
      // The key's first sighting is when the notice was sent: a retried request keeps the same time.
      openedAt: claim.createdAt.toISOString(),
      estimatedDischargeDate: dto.estimatedDischargeDate,
      careType: dto.careType,
      needs: { municipal: dto.needs.municipal, region: dto.needs.region },
      policy: { noticeDeadlineHours: this.config.DISCHARGE_NOTICE_DEADLINE_HOURS },
    };
    try {
      // USE_EXISTING: a retry after a crash between the key's insert and this start attaches to the same run.
      await this.temporal.client.workflow.start(DISCHARGE_HANDOVER_WORKFLOW_TYPE, {
        taskQueue: this.temporal.taskQueue,
        workflowId,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      // Already started and since closed: the same case, not a new one.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw toDomainError(err, 'case');
    }
    this.logger.log(`discharge handover ${claim.resourceId} ${claim.replayed ? 'returned again (replayed key)' : 'started'}`);
    return { caseId: claim.resourceId, workflowId, replayed: claim.replayed };
  }

  async state(caseId: string): Promise<DischargeHandoverState> {
    try {
      return await this.handle(caseId).query(dischargeHandoverStateQuery);
    } catch (err) {
      throw toDomainError(err, `case ${caseId}`);
    }
  }

  changeEstimatedDischargeDate(caseId: string, dto: ChangeEstimatedDischargeDateDto, requestKey?: string) {
    return this.update(caseId, async (actor) =>
      this.handle(caseId).executeUpdate(changeEstimatedDischargeDateUpdate, {
        args: [{ ...actor, estimatedDischargeDate: dto.estimatedDischargeDate }],
        updateId: requestKey,
      }),
    );
  }

  declareReadyForDischarge(caseId: string, dto: DeclareReadyForDischargeDto, requestKey?: string) {
    return this.update(caseId, async (actor) =>
      this.handle(caseId).executeUpdate(declareReadyForDischargeUpdate, {
        args: [{ ...actor, declaredAt: new Date(dto.declaredAt).toISOString() }],
        updateId: requestKey,
      }),
    );
  }

  cancel(caseId: string, dto: CancelDischargeHandoverDto, requestKey?: string) {
    return this.update(caseId, async (actor) =>
      this.handle(caseId).executeUpdate(cancelDischargeHandoverUpdate, {
        args: [{ ...actor, reason: dto.reason }],
        updateId: requestKey,
      }),
    );
  }

  private handle(caseId: string) {
    return this.temporal.client.workflow.getHandle(dischargeHandoverWorkflowId(caseId));
  }

  /**
   * Runs an update on the case's workflow. The request's Idempotency-Key becomes the update id, so a
   * retried request is answered by the first update instead of applying twice.
   */
  private async update(
    caseId: string,
    run: (actor: Actor) => Promise<DischargeHandoverState>,
  ): Promise<DischargeHandoverState> {
    const handle = this.handle(caseId);
    let current: DischargeHandoverState;
    try {
      current = await handle.query(dischargeHandoverStateQuery);
    } catch (err) {
      throw toDomainError(err, `case ${caseId}`);
    }
    try {
      return await run(unauthenticated(current.hospitalCode));
    } catch (err) {
      // The case exists (it answered the query) but its workflow has ended: nothing more can change.
      if (err instanceof WorkflowNotFoundError) {
        throw new DomainError(DomainErrorCode.Conflict, `the case is ${current.status}`, { status: current.status });
      }
      throw toDomainError(err, `case ${caseId}`);
    }
  }
}
