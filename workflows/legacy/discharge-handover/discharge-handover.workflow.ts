/**
 * Discharge handover (utskrivning), Lag 2017:612 and the 2020 patient-flow rules, one workflow per hospital stay:
 *
 * 1. The hospital opens the case (inskrivningsmeddelande); late notices are marked with their delay.
 * 2. Planning: municipality and vårdcentral acknowledge; the vårdcentral appoints a fast vårdkontakt; the
 *    municipality decides on its services (or asks the hospital for more information first).
 * 3. The hospital declares the patient ready (utskrivningsklar); both parties acknowledge. A revocation stops
 *    the clocks until the patient is declared ready again.
 * 4. SIP: when both municipal and region services are needed, the vårdcentral calls to a SIP within 3 days.
 * 5. Takeover of medical responsibility: the vårdcentral on weekdays, ASIH on weekends and holidays 08–17.
 * 6. Discharge is refused until the takeover is acknowledged and the municipality has decided.
 * 7. Days from ready to discharge are counted; past the liability day HSF finance gets the invoice basis.
 * 8. The hospital can cancel (death, other in-patient care, opened in error); open tasks close as cancelled.
 *
 * Every deadline is a durable timer; an overdue task escalates to the same organisation's coordinator. Every
 * change is projected into PostgreSQL by an activity before the update that made it returns.
 */
import { allHandlersFinished, ApplicationFailure, condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CaseProjectionActivities } from '../../../libs/contracts/src/case-projection.contract';
import {
  AcknowledgeNoticeDecision,
  Actor,
  AppointFastVardkontaktDecision,
  CallSipDecision,
  CancelDischargeHandover,
  ChangeEstimatedDischargeDate,
  DeclareReadyForDischarge,
  DISCHARGE_HANDOVER_CASE_TYPE,
  DISCHARGE_MISSING_STEPS,
  DISCHARGE_TASK_KINDS as KIND,
  DischargeHandoverInput,
  DischargeHandoverState,
  DischargeSummary,
  InvoiceDecision,
  MISSING_STEP,
  NeedsAssessmentDecision,
  ProvideInformationDecision,
  RecordDischarge,
  RegisterDailyAmountDecision,
  RevokeReadyForDischarge,
  TakeoverDecision,
  cancelDischargeHandoverUpdate,
  changeEstimatedDischargeDateUpdate,
  declareReadyForDischargeUpdate,
  dischargeHandoverOpenedUpdate,
  dischargeHandoverStateQuery,
  dischargeHandoverWorkflowId,
  dischargeSummaryQuery,
  recordDischargeUpdate,
  revokeReadyForDischargeUpdate,
} from '../contracts/discharge-handover.contract';
import type { TaskActor } from '../../../libs/contracts/src/human-task.contract';
import type { PaymentLiabilityActivities } from '../contracts/payment-liability.contract';
import { noticeTimeliness } from '../../../libs/domain/src/discharge/notice-deadline';
import { liabilityBasis, liabilityStartDate, liableYears } from '../../../libs/domain/src/discharge/payment-liability';
import { takeoverReceiver } from '../../../libs/domain/src/discharge/takeover-receiver';
import { stockholmDate } from '../../../libs/domain/src/time/stockholm';
import { daysBetween } from '../../../libs/domain/src/time/swedish-holidays';
import { HumanTasks, OpenTask } from '../shared/human-tasks';
import { checkNeedsAssessment, SCHEMAS } from './discharge-tasks';

const { projectCase } = proxyActivities<CaseProjectionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const liability = proxyActivities<PaymentLiabilityActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const HOUR = 3_600_000;
/** A caller's clock a few minutes off is not an error; a time an hour ahead is. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const DEFAULTS = {
  acknowledgementDueMs: 24 * HOUR,
  assessmentDueMs: 48 * HOUR,
  fastVardkontaktDueMs: 48 * HOUR,
  informationDueMs: 24 * HOUR,
  readyAcknowledgementDueMs: 4 * HOUR,
  sipCallDueMs: 72 * HOUR,
  takeoverDueMs: 4 * HOUR,
  escalationDueMs: 24 * HOUR,
  liabilityPolicy: 'national' as const,
  defaultAsihCode: 'ASIH-NORR',
};

/** Patch ids: cases started by earlier versions replay the way they ran. */
const PATCH = {
  acknowledgementTasks: 'discharge-acknowledgement-tasks',
  fullProcess: 'discharge-full-process',
};

export async function dischargeHandoverWorkflow(input: DischargeHandoverInput): Promise<DischargeHandoverState> {
  const policy = { ...DEFAULTS, ...input.policy };
  const caseId = input.caseId;
  const vardcentral = input.vardcentralCode;
  const municipality = input.municipalityCode;
  const hospital = input.hospitalCode;
  const asih = input.asihCode ?? policy.defaultAsihCode;

  const state: DischargeHandoverState = {
    caseId,
    status: 'planning',
    hospitalCode: hospital,
    municipalityCode: municipality,
    vardcentralCode: vardcentral,
    careType: input.careType,
    admittedAt: input.admittedAt,
    openedAt: input.openedAt,
    estimatedDischargeDate: input.estimatedDischargeDate,
    lateNotice: noticeTimeliness(input.admittedAt, input.openedAt, input.policy.noticeDeadlineHours),
    acknowledgements: {},
    informationRequests: [],
    readyAcknowledgements: {},
    sip: { required: input.needs.municipal.length > 0 && input.needs.region.length > 0 },
    openTasks: [],
    version: 0,
    events: [],
  };
  /** Organisations that joined the case after it opened (ASIH, HSF finance): they may see it too. */
  const joinedParties = new Set<string>();
  /** Tasks tied to the current utskrivningsklar notice: a revocation cancels them. */
  let readinessTasks: string[] = [];
  let opened = false;
  /** The discharge update has run all its steps (cancelled what was left, determined payment liability). */
  let dischargeSettled = false;
  /** Set once, right after the case is first projected (see PATCH); handlers run only after that. */
  let fullProcess = false;

  const tasks = new HumanTasks({
    caseId,
    caseType: DISCHARGE_HANDOVER_CASE_TYPE,
    workflowId: dischargeHandoverWorkflowId(caseId),
    closedReason: () => (state.status === 'cancelled' ? 'the case is cancelled' : null),
  });

  const now = () => new Date().toISOString(); // the SDK's deterministic workflow clock
  const action = (by: TaskActor) => ({ at: now(), actor: by.actor, organisationCode: by.organisationCode });

  const record = (by: Actor, type: string, detail?: Record<string, unknown>) => {
    state.version += 1;
    state.events.push({ seq: state.events.length + 1, at: now(), actor: by.actor, organisationCode: by.organisationCode, type, detail });
  };
  const system: Actor = { actor: 'system', organisationCode: hospital };

  const project = () => {
    state.openTasks = tasks.list();
    return projectCase({
      caseId,
      caseType: DISCHARGE_HANDOVER_CASE_TYPE,
      workflowId: dischargeHandoverWorkflowId(caseId),
      status: state.status,
      parties: [hospital, municipality, vardcentral, ...joinedParties],
      version: state.version,
      summary: {
        careType: state.careType,
        admittedAt: state.admittedAt,
        estimatedDischargeDate: state.estimatedDischargeDate,
        lateNotice: state.lateNotice,
        readyForDischargeAt: state.readyForDischargeAt ?? null,
        plannedDischargeAt: state.plannedDischargeAt ?? null,
        assessment: state.assessment ? { outcome: state.assessment.outcome, services: state.assessment.services } : null,
        takeover: state.takeover ?? null,
        discharge: state.discharge ?? null,
        cancellation: state.cancellation ?? null,
        needs: input.needs,
      },
      subject: input.patient,
      events: state.events,
    });
  };

  /** An overdue task: its organisation's coordinator gets an escalation task, and the timeline says so. */
  const escalate = async (task: OpenTask) => {
    record(system, 'task_overdue', { taskId: task.taskId, kind: task.kind, organisationCode: task.assignedOrg, dueAt: task.dueAt });
    await tasks.openTask<AcknowledgeNoticeDecision>({
      kind: KIND.escalation,
      assignedOrg: task.assignedOrg,
      requiredRole: 'coordinator',
      dueInMs: policy.escalationDueMs,
      input: { overdueTaskId: task.taskId, overdueKind: task.kind, dueAt: task.dueAt },
      answerSchema: SCHEMAS.acknowledge,
      onComplete: async (d, by) => {
        record(by, 'escalation_handled', { taskId: task.taskId, comment: d.comment ?? null });
        await project();
        return { escalatedTaskId: task.taskId };
      },
    });
    await project();
  };

  // ---- queries and updates -------------------------------------------------------------------------------

  setHandler(dischargeHandoverStateQuery, () => ({ ...state, openTasks: tasks.list() }));
  setHandler(dischargeSummaryQuery, (): DischargeSummary => summary());
  setHandler(dischargeHandoverOpenedUpdate, async () => {
    await condition(() => opened);
    return { ...state, openTasks: tasks.list() };
  });

  // Added with refuseWhenClosed's hospital check, when the API stopped checking these itself (the V2 rules do).
  const refuseFuture = (field: string, instant: string) => {
    if (Date.parse(instant) > Date.now() + FUTURE_TOLERANCE_MS) {
      const message = `${field} is in the future`;
      // The case runtime's refusal, so the API answers 400 naming the field, as it did when it checked this itself.
      throw ApplicationFailure.create({ type: 'CaseRefusal', message, details: [{ refused: 'invalid_input', message, field }], nonRetryable: true });
    }
  };

  const refuseWhenClosed = (by?: Actor) => {
    // Until the opening steps have run (normally before the API answers the opening request), nothing else may.
    if (!opened) throw new Error('the case is still being opened; try again');
    if (state.status === 'cancelled' || state.status === 'discharged') throw new Error(`the case is ${state.status}`);
    // Added when the API stopped checking this itself (the case runtime's rules do): a validator only refuses
    // updates, which leave no history, so tightening it keeps every recorded history replaying.
    if (by && by.organisationCode !== hospital) {
      throw ApplicationFailure.create({ type: 'NotAllowed', message: 'only the hospital that opened the case can do this', nonRetryable: true });
    }
  };

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
        refuseWhenClosed(cmd);
        if (cmd.estimatedDischargeDate < stockholmDate(state.admittedAt)) throw new Error('estimatedDischargeDate is before the admission date');
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
      state.plannedDischargeAt = cmd.plannedDischargeAt ?? cmd.declaredAt;
      state.readyAcknowledgements = {};
      record(cmd, 'ready_for_discharge_declared', { declaredAt: cmd.declaredAt, plannedDischargeAt: state.plannedDischargeAt });
      if (fullProcess) await openReadinessTasks(cmd.declaredAt);
      await project();
      return state;
    },
    {
      validator: (cmd: DeclareReadyForDischarge) => {
        refuseWhenClosed(cmd);
        if (state.status === 'ready_for_discharge') throw new Error('the patient is already declared ready for discharge');
        if (cmd.declaredAt < state.admittedAt) throw new Error('declaredAt is before the admission');
        if (cmd.plannedDischargeAt && cmd.plannedDischargeAt < cmd.declaredAt) throw new Error('plannedDischargeAt is before declaredAt');
        refuseFuture('declaredAt', cmd.declaredAt);
      },
    },
  );

  setHandler(
    revokeReadyForDischargeUpdate,
    async (cmd: RevokeReadyForDischarge) => {
      // The parties are told at once (timeline, and their tasks for this notice disappear); the clocks stop.
      state.status = 'planning';
      const revoked = state.readyForDischargeAt;
      state.readyForDischargeAt = undefined;
      state.plannedDischargeAt = undefined;
      state.readyAcknowledgements = {};
      state.takeover = undefined;
      record(cmd, 'ready_for_discharge_revoked', { reason: cmd.reason, declaredAt: revoked ?? null });
      await tasks.cancel(readinessTasks, 'utskrivningsklar revoked');
      readinessTasks = [];
      await project();
      return state;
    },
    {
      validator: (cmd: RevokeReadyForDischarge) => {
        refuseWhenClosed(cmd);
        if (state.status !== 'ready_for_discharge') throw new Error('the patient is not declared ready for discharge');
      },
    },
  );

  setHandler(
    recordDischargeUpdate,
    async (cmd: RecordDischarge) => {
      state.status = 'discharged';
      const daysFromReady = daysBetween(stockholmDate(state.readyForDischargeAt as string), stockholmDate(cmd.dischargedAt));
      state.discharge = { dischargedAt: cmd.dischargedAt, daysFromReady, sameDay: daysFromReady === 0, paymentLiability: null };
      record(cmd, 'discharged', { dischargedAt: cmd.dischargedAt, daysFromReady });
      await tasks.cancelAll('patient discharged');
      if (fullProcess) await determinePaymentLiability();
      await project();
      dischargeSettled = true;
      return state;
    },
    {
      validator: (cmd: RecordDischarge) => {
        refuseWhenClosed(cmd);
        const missing = missingStepsForDischarge();
        if (missing.length > 0) {
          throw ApplicationFailure.create({
            type: DISCHARGE_MISSING_STEPS,
            message: `discharge refused: missing ${missing.join(', ')}`,
            details: [{ missingSteps: missing }],
            nonRetryable: true,
          });
        }
        if (cmd.dischargedAt < (state.readyForDischargeAt as string)) throw new Error('dischargedAt is before the patient was declared ready');
        refuseFuture('dischargedAt', cmd.dischargedAt);
      },
    },
  );

  setHandler(
    cancelDischargeHandoverUpdate,
    async (cmd: CancelDischargeHandover) => {
      state.status = 'cancelled';
      state.cancellation = { reason: cmd.reason, at: now() };
      record(cmd, 'case_cancelled', { reason: cmd.reason });
      await tasks.cancelAll('case cancelled');
      await project();
      return state;
    },
    { validator: (cmd: CancelDischargeHandover) => refuseWhenClosed(cmd) },
  );

  // ---- the steps -----------------------------------------------------------------------------------------

  function missingStepsForDischarge(): string[] {
    if (state.status !== 'ready_for_discharge') return [MISSING_STEP.notReady];
    if (!fullProcess) return [];
    const missing: string[] = [];
    // No patient changes form of care without an acknowledged takeover of medical responsibility.
    if (!state.takeover?.acknowledged) missing.push(MISSING_STEP.takeover);
    if (!state.assessment) missing.push(MISSING_STEP.municipalDecision);
    return missing;
  }

  const acknowledgeNotice = (party: 'municipality' | 'primaryCare', assignedOrg: string, needs: string[]) =>
    tasks.openTask<AcknowledgeNoticeDecision>({
      kind: KIND.acknowledgeNotice,
      assignedOrg,
      requiredRole: 'case_handler',
      dueInMs: policy.acknowledgementDueMs,
      input: { ...noticeForParties(), expectedNeeds: needs },
      answerSchema: SCHEMAS.acknowledge,
      onComplete: async (decision, by) => {
        state.acknowledgements[party] = { at: now(), ...by };
        record(by, 'notice_acknowledged', { party, comment: decision.comment ?? null });
        await project();
        return { party, status: state.status };
      },
      ...(fullProcess ? { onOverdue: escalate } : {}),
    });

  const noticeForParties = () => ({
    patient: input.patient,
    hospitalCode: hospital,
    admittedAt: input.admittedAt,
    estimatedDischargeDate: state.estimatedDischargeDate,
    careType: input.careType,
  });

  const appointFastVardkontakt = () =>
    tasks.openTask<AppointFastVardkontaktDecision>({
      kind: KIND.appointFastVardkontakt,
      assignedOrg: vardcentral,
      requiredRole: 'case_handler',
      dueInMs: policy.fastVardkontaktDueMs,
      input: noticeForParties(),
      answerSchema: SCHEMAS.fastVardkontakt,
      onComplete: async (d, by) => {
        state.fastVardkontakt = { ...action(by), name: d.name, ...(d.phone ? { phone: d.phone } : {}) };
        record(by, 'fast_vardkontakt_appointed', { name: d.name });
        await project();
        return { appointed: d.name };
      },
      onOverdue: escalate,
    });

  /** The municipality's decision on its services (biståndsbeslut); due counting every day of the week. */
  const needsAssessment = (): Promise<string> =>
    tasks.openTask<NeedsAssessmentDecision>({
      kind: KIND.needsAssessment,
      assignedOrg: municipality,
      requiredRole: 'case_handler',
      dueInMs: policy.assessmentDueMs,
      input: { ...noticeForParties(), expectedNeeds: input.needs.municipal, informationRequests: state.informationRequests },
      answerSchema: SCHEMAS.needsAssessment,
      check: checkNeedsAssessment,
      onComplete: async (d, by) => {
        if (d.outcome === 'more_information_requested') {
          state.informationRequests.push({ question: d.question as string, askedAt: now() });
          record(by, 'more_information_requested', { question: d.question });
          await provideInformation(state.informationRequests.length - 1);
        } else {
          state.assessment = { ...action(by), outcome: d.outcome, services: d.services ?? [], ...(d.startDate ? { startDate: d.startDate } : {}) };
          record(by, 'needs_assessed', { outcome: d.outcome, services: d.services ?? [], startDate: d.startDate ?? null });
        }
        await project();
        return { outcome: d.outcome };
      },
      onOverdue: escalate,
    });

  /** The hospital answers the municipality's question; then the municipality assesses again. */
  const provideInformation = (index: number) =>
    tasks.openTask<ProvideInformationDecision>({
      kind: KIND.provideInformation,
      assignedOrg: hospital,
      requiredRole: 'case_handler',
      dueInMs: policy.informationDueMs,
      input: { question: state.informationRequests[index].question, askedBy: municipality },
      answerSchema: SCHEMAS.provideInformation,
      onComplete: async (d, by) => {
        Object.assign(state.informationRequests[index], { answer: d.information, answeredAt: now() });
        record(by, 'information_provided', {});
        await needsAssessment();
        await project();
        return { reassessmentOpened: true };
      },
      onOverdue: escalate,
    });

  /** On an utskrivningsklar notice: kvittens from both parties, the SIP call if needed, and the takeover. */
  async function openReadinessTasks(noticeAt: string) {
    const acknowledgeReady = (party: 'municipality' | 'primaryCare', assignedOrg: string) =>
      tasks.openTask<AcknowledgeNoticeDecision>({
        kind: KIND.acknowledgeReady,
        assignedOrg,
        requiredRole: 'case_handler',
        dueInMs: policy.readyAcknowledgementDueMs,
        input: { ...noticeForParties(), readyForDischargeAt: noticeAt, plannedDischargeAt: state.plannedDischargeAt },
        answerSchema: SCHEMAS.acknowledge,
        onComplete: async (_d, by) => {
          state.readyAcknowledgements[party] = action(by);
          record(by, 'ready_for_discharge_acknowledged', { party });
          await project();
          return { party };
        },
        onOverdue: escalate,
      });
    readinessTasks.push(await acknowledgeReady('municipality', municipality), await acknowledgeReady('primaryCare', vardcentral));

    if (state.sip.required && !state.sip.call) {
      // Within 3 days of the notice (configurable): the deadline runs from the notice, not from now.
      const dueInMs = Math.max(0, Date.parse(noticeAt) + policy.sipCallDueMs - Date.now());
      readinessTasks.push(
        await tasks.openTask<CallSipDecision>({
          kind: KIND.callSip,
          assignedOrg: vardcentral,
          requiredRole: 'case_handler',
          dueInMs,
          input: { ...noticeForParties(), readyForDischargeAt: noticeAt, municipalNeeds: input.needs.municipal, regionNeeds: input.needs.region },
          answerSchema: SCHEMAS.callSip,
          onComplete: async (d, by) => {
            state.sip.call = { ...action(by), plannedSipDate: d.plannedSipDate };
            record(by, 'sip_called', { plannedSipDate: d.plannedSipDate });
            await project();
            return { plannedSipDate: d.plannedSipDate };
          },
          onOverdue: escalate,
        }),
      );
    }

    // Legacy cases keep the rule they started with: the weekday eves are not "helger" here.
    const receiver = takeoverReceiver(state.plannedDischargeAt as string, 'weekday');
    const receiverOrg = receiver === 'asih' ? asih : vardcentral;
    state.takeover = { receiver, organisationCode: receiverOrg };
    if (receiver === 'asih') joinedParties.add(asih);
    readinessTasks.push(
      await tasks.openTask<TakeoverDecision>({
        kind: KIND.takeover,
        assignedOrg: receiverOrg,
        requiredRole: 'case_handler',
        dueInMs: policy.takeoverDueMs,
        input: { ...noticeForParties(), plannedDischargeAt: state.plannedDischargeAt, receiver },
        answerSchema: SCHEMAS.takeover,
        onComplete: async (d, by) => {
          if (state.takeover) {
            state.takeover.acknowledged = { ...action(by), ...(d.responsiblePhysician ? { responsiblePhysician: d.responsiblePhysician } : {}) };
          }
          record(by, 'medical_responsibility_taken_over', { receiver });
          await project();
          return { receiver };
        },
        onOverdue: escalate,
      }),
    );
  }

  /**
   * Past the liability day, HSF finance gets the invoice basis; the municipality sees it on its case. A year
   * whose daily amount nobody registered gets HSF an admin task first: the amount is never guessed.
   */
  async function determinePaymentLiability(): Promise<void> {
    const discharge = state.discharge;
    if (!discharge || !state.readyForDischargeAt) return;
    const start = liabilityStartDate(policy.liabilityPolicy, state.readyForDischargeAt, input.careType);
    const years = liableYears(start, stockholmDate(discharge.dischargedAt));
    if (years.length === 0) return;
    const amounts = await liability.dailyAmounts(years);
    const missing = years.filter((y) => !amounts.some((a) => a.year === y));
    discharge.awaitingDailyAmounts = missing;
    for (const year of missing) {
      await tasks.openTask<RegisterDailyAmountDecision>({
        kind: KIND.registerDailyAmount,
        assignedOrg: 'HSF',
        requiredRole: 'admin',
        dueInMs: policy.escalationDueMs,
        input: { year, note: "Register Socialstyrelsen's daily amount for payment liability, in öre" },
        answerSchema: SCHEMAS.registerDailyAmount,
        onComplete: async (d, by) => {
          const registered = await liability.registerDailyAmount({ year, amountOre: d.amountOre, by });
          record(by, 'daily_amount_registered', { year, amountOre: registered.amountOre });
          await determinePaymentLiability();
          await project();
          return { year, amountOre: registered.amountOre };
        },
      });
    }
    if (missing.length > 0) return;

    const basis = liabilityBasis(policy.liabilityPolicy, state.readyForDischargeAt, discharge.dischargedAt, input.careType, amounts);
    if (!basis) return;
    discharge.paymentLiability = basis;
    joinedParties.add('HSF-FIN');
    record(system, 'payment_liability_determined', { liableDays: basis.liableDays, totalOre: basis.totalOre });
    await tasks.openTask<InvoiceDecision>({
      kind: KIND.invoice,
      assignedOrg: 'HSF-FIN',
      requiredRole: 'finance',
      dueInMs: policy.escalationDueMs,
      input: { caseId, invoiceTo: municipality, hospitalCode: hospital, careType: input.careType, basis },
      answerSchema: SCHEMAS.invoice,
      onComplete: async (d, by) => {
        discharge.invoice = { ...action(by), invoiceReference: d.invoiceReference };
        record(by, 'payment_liability_invoiced', { invoiceReference: d.invoiceReference, totalOre: basis.totalOre });
        await project();
        return { invoiceReference: d.invoiceReference };
      },
    });
  }

  function summary(): DischargeSummary {
    const contacts = [
      { role: 'fast vårdkontakt (vårdcentral)', organisationCode: vardcentral },
      { role: 'municipal care (biståndshandläggare)', organisationCode: municipality },
      { role: 'hospital ward', organisationCode: hospital },
    ];
    if (state.takeover?.receiver === 'asih') contacts.unshift({ role: 'medical responsibility (ASIH)', organisationCode: state.takeover.organisationCode });
    return {
      caseId,
      patientName: input.patient.name,
      status: state.status,
      plannedDischargeAt: state.plannedDischargeAt ?? null,
      fastVardkontakt: state.fastVardkontakt
        ? { name: state.fastVardkontakt.name, phone: state.fastVardkontakt.phone ?? null, organisationCode: vardcentral }
        : null,
      plannedSipDate: state.sip.call?.plannedSipDate ?? null,
      municipalServices: state.assessment ? { services: state.assessment.services, startDate: state.assessment.startDate ?? null } : null,
      medicalResponsibility: state.takeover
        ? { organisationCode: state.takeover.organisationCode, receiver: state.takeover.receiver, acknowledged: !!state.takeover.acknowledged }
        : null,
      contacts,
    };
  }

  // ---- the process ---------------------------------------------------------------------------------------

  record(input.openedBy, 'case_opened', { estimatedDischargeDate: input.estimatedDischargeDate, needs: input.needs });
  if (state.lateNotice.late) record(input.openedBy, 'notice_late', { delayMinutes: state.lateNotice.delayMinutes });
  await project();

  const acknowledgementTasks = patched(PATCH.acknowledgementTasks);
  fullProcess = patched(PATCH.fullProcess);
  if (acknowledgementTasks) {
    await acknowledgeNotice('municipality', municipality, input.needs.municipal);
    await acknowledgeNotice('primaryCare', vardcentral, input.needs.region);
  }
  if (fullProcess) {
    await appointFastVardkontakt();
    await needsAssessment();
  }
  // Cases from before any task existed ran no second projection here: replay must see the same commands.
  if (acknowledgementTasks || fullProcess) await project();
  opened = true;

  // Ends when cancelled, or discharged with any invoice basis handled by HSF finance.
  await condition(
    () =>
      state.status === 'cancelled' ||
      (dischargeSettled &&
        !state.discharge?.awaitingDailyAmounts?.length &&
        (!state.discharge?.paymentLiability || !!state.discharge.invoice)),
  );
  await condition(allHandlersFinished);
  return state;
}
