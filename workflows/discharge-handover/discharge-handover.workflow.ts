/**
 * Discharge handover (utskrivning), first slice: the hospital opens the case (inskrivningsmeddelande),
 * may change the estimated discharge date, declares the patient ready for discharge (utskrivningsklar),
 * or cancels. Every change is projected into PostgreSQL by an activity before the update returns, so
 * what the API answers is what the database holds. The full process comes with the discharge issue.
 */
import { allHandlersFinished, condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CaseProjectionActivities } from '../../libs/contracts/src/case-projection.contract';
import type { AnswerSchema } from '../../libs/contracts/src/answer-schema';
import {
  AcknowledgeNoticeDecision,
  Actor,
  CancelDischargeHandover,
  DISCHARGE_TASK_KINDS,
  ChangeEstimatedDischargeDate,
  DeclareReadyForDischarge,
  DISCHARGE_HANDOVER_CASE_TYPE,
  DischargeHandoverInput,
  DischargeHandoverState,
  cancelDischargeHandoverUpdate,
  changeEstimatedDischargeDateUpdate,
  declareReadyForDischargeUpdate,
  dischargeHandoverOpenedUpdate,
  dischargeHandoverStateQuery,
  dischargeHandoverWorkflowId,
} from '../../libs/contracts/src/discharge-handover.contract';
import { noticeTimeliness } from '../../libs/domain/src/discharge/notice-deadline';
import { stockholmDate } from '../../libs/domain/src/time/stockholm';
import { HumanTasks } from '../shared/human-tasks';

const ACKNOWLEDGE_SCHEMA: AnswerSchema = {
  type: 'object',
  required: ['acknowledged'],
  additionalProperties: false,
  properties: { acknowledged: { type: 'boolean', const: true }, comment: { type: 'string', maxLength: 2000 } },
};
const DEFAULT_ACK_DUE_MS = 24 * 3_600_000;

const { projectCase } = proxyActivities<CaseProjectionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function dischargeHandoverWorkflow(input: DischargeHandoverInput): Promise<DischargeHandoverState> {
  const state: DischargeHandoverState = {
    caseId: input.caseId,
    status: 'planning',
    hospitalCode: input.hospitalCode,
    municipalityCode: input.municipalityCode,
    vardcentralCode: input.vardcentralCode,
    careType: input.careType,
    admittedAt: input.admittedAt,
    openedAt: input.openedAt,
    estimatedDischargeDate: input.estimatedDischargeDate,
    lateNotice: noticeTimeliness(input.admittedAt, input.openedAt, input.policy.noticeDeadlineHours),
    acknowledgements: {},
    openTasks: [],
    version: 0,
    events: [],
  };

  const tasks = new HumanTasks({
    caseId: input.caseId,
    caseType: DISCHARGE_HANDOVER_CASE_TYPE,
    workflowId: dischargeHandoverWorkflowId(input.caseId),
    closedReason: () => (state.status === 'cancelled' ? 'the case is cancelled' : null),
  });

  const record = (by: Actor, type: string, detail?: Record<string, unknown>) => {
    state.version += 1;
    state.events.push({
      seq: state.events.length + 1,
      at: new Date().toISOString(), // the SDK's deterministic workflow clock
      actor: by.actor,
      organisationCode: by.organisationCode,
      type,
      detail,
    });
  };

  const project = () => {
    state.openTasks = tasks.list();
    return projectCase({
      caseId: state.caseId,
      caseType: DISCHARGE_HANDOVER_CASE_TYPE,
      workflowId: dischargeHandoverWorkflowId(state.caseId),
      status: state.status,
      parties: [state.hospitalCode, state.municipalityCode, state.vardcentralCode],
      version: state.version,
      summary: {
        careType: state.careType,
        admittedAt: state.admittedAt,
        estimatedDischargeDate: state.estimatedDischargeDate,
        lateNotice: state.lateNotice,
        readyForDischargeAt: state.readyForDischargeAt ?? null,
        cancellation: state.cancellation ?? null,
        needs: input.needs,
      },
      subject: input.patient,
      events: state.events,
    });
  };

  const refuseWhenClosed = () => {
    if (state.status === 'cancelled') throw new Error('the case is cancelled');
  };

  let opened = false;
  setHandler(dischargeHandoverStateQuery, () => ({ ...state, openTasks: tasks.list() }));
  setHandler(dischargeHandoverOpenedUpdate, async () => {
    await condition(() => opened);
    return { ...state, openTasks: tasks.list() };
  });

  setHandler(
    changeEstimatedDischargeDateUpdate,
    async (cmd: ChangeEstimatedDischargeDate) => {
      const previous = state.estimatedDischargeDate;
      state.estimatedDischargeDate = cmd.estimatedDischargeDate;
      // A changed date is sent again to the parties: the projection's timeline is what they read.
      record(cmd, 'estimated_discharge_date_changed', { from: previous, to: cmd.estimatedDischargeDate });
      await project();
      return state;
    },
    {
      validator: (cmd: ChangeEstimatedDischargeDate) => {
        refuseWhenClosed();
        if (cmd.estimatedDischargeDate < stockholmDate(state.admittedAt)) {
          throw new Error('estimatedDischargeDate is before the admission date');
        }
        if (cmd.estimatedDischargeDate === state.estimatedDischargeDate) {
          throw new Error(`estimatedDischargeDate is already ${state.estimatedDischargeDate}`);
        }
      },
    },
  );

  setHandler(
    declareReadyForDischargeUpdate,
    async (cmd: DeclareReadyForDischarge) => {
      state.status = 'ready_for_discharge';
      state.readyForDischargeAt = cmd.declaredAt;
      record(cmd, 'ready_for_discharge_declared', { declaredAt: cmd.declaredAt });
      await project();
      return state;
    },
    {
      validator: (cmd: DeclareReadyForDischarge) => {
        refuseWhenClosed();
        if (state.status === 'ready_for_discharge') throw new Error('the patient is already declared ready for discharge');
        if (cmd.declaredAt < state.admittedAt) throw new Error('declaredAt is before the admission');
      },
    },
  );

  setHandler(
    cancelDischargeHandoverUpdate,
    async (cmd: CancelDischargeHandover) => {
      state.status = 'cancelled';
      state.cancellation = { reason: cmd.reason, at: new Date().toISOString() };
      record(cmd, 'case_cancelled', { reason: cmd.reason });
      await tasks.cancelAll('case cancelled');
      await project();
      return state;
    },
    { validator: (_cmd: CancelDischargeHandover) => refuseWhenClosed() },
  );

  record(input.openedBy, 'case_opened', {
    estimatedDischargeDate: input.estimatedDischargeDate,
    needs: input.needs,
  });
  if (state.lateNotice.late) {
    record(input.openedBy, 'notice_late', { delayMinutes: state.lateNotice.delayMinutes });
  }
  await project();

  // Cases opened before acknowledgement tasks existed carry on without them.
  if (patched('discharge-acknowledgement-tasks')) {
    const dueInMs = input.policy.acknowledgementDueMs ?? DEFAULT_ACK_DUE_MS;
    const notice = {
      patient: input.patient,
      hospitalCode: input.hospitalCode,
      admittedAt: input.admittedAt,
      estimatedDischargeDate: state.estimatedDischargeDate,
      careType: input.careType,
    };
    const acknowledge = (party: 'municipality' | 'primaryCare', assignedOrg: string, needs: string[]) =>
      tasks.openTask<AcknowledgeNoticeDecision>({
        kind: DISCHARGE_TASK_KINDS.acknowledgeNotice,
        assignedOrg,
        requiredRole: 'case_handler',
        dueInMs,
        input: { ...notice, expectedNeeds: needs },
        answerSchema: ACKNOWLEDGE_SCHEMA,
        onComplete: async (decision, by) => {
          state.acknowledgements[party] = { at: new Date().toISOString(), ...by };
          record(by, 'notice_acknowledged', { party, comment: decision.comment ?? null });
          await project();
          return { party, status: state.status };
        },
      });
    await acknowledge('municipality', input.municipalityCode, input.needs.municipal);
    await acknowledge('primaryCare', input.vardcentralCode, input.needs.region);
    await project();
  }
  opened = true;

  await condition(() => state.status === 'cancelled');
  await condition(allHandlersFinished);
  return state;
}
