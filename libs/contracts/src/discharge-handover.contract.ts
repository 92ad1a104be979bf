/**
 * The discharge handover (utskrivning) workflow's contract: its input, its view, and the update and query
 * definitions the API uses. Imported by the workflow (deterministic code) and by the API, so it holds only types
 * and `define*` calls from @temporalio/workflow, which are safe on both sides.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/src/case/case';
import type {
  CancelDischargeHandover,
  CareType,
  ChangeEstimatedDischargeDate,
  DeclareReadyForDischarge,
  DischargeCase,
  DischargePolicy,
  MunicipalNeed,
  RecordDischarge,
  RegionNeed,
  RevokeReadyForDischarge,
} from '../../domain/src/discharge/discharge.types';
import type { DischargeSummary } from '../../domain/src/discharge/discharge.views';
import type { CaseCarry, CaseRuntimeView, CommandResult } from './case-runtime.contract';

export {
  CANCELLATION_REASONS,
  CARE_TYPES,
  MISSING_STEP,
  MUNICIPAL_NEEDS,
  REGION_NEEDS,
} from '../../domain/src/discharge/discharge.types';
export type {
  AcknowledgeNoticeDecision,
  AppointFastVardkontaktDecision,
  CallSipDecision,
  CancelDischargeHandover,
  CancellationReason,
  CareType,
  ChangeEstimatedDischargeDate,
  DeclareReadyForDischarge,
  DischargeCase,
  DischargeHandoverStatus,
  DischargePolicy,
  InvoiceDecision,
  MunicipalNeed,
  NeedsAssessmentDecision,
  ProvideInformationDecision,
  RecordDischarge,
  RegionNeed,
  RevokeReadyForDischarge,
  TakeoverDecision,
} from '../../domain/src/discharge/discharge.types';
export type { DischargeSummary } from '../../domain/src/discharge/discharge.views';
export type { Actor } from '../../domain/src/case/case';

export const DISCHARGE_HANDOVER_CASE_TYPE = 'discharge_handover';
/** V2 runs on the shared case runtime; `dischargeHandoverWorkflow` (workflows/legacy) keeps its cases in flight. */
export const DISCHARGE_HANDOVER_WORKFLOW_TYPE = 'dischargeHandoverV2';

/** One workflow per hospital stay; its id is derived from the case id. */
export function dischargeHandoverWorkflowId(caseId: string): string {
  return `discharge-handover-${caseId}`;
}

export interface DischargeHandoverInput {
  caseId: string;
  /** Who opened the case (person and organisation codes; no personal data about the patient). */
  openedBy: Actor;
  /** The opening request, whose audit row the opening step writes. */
  requestId?: string;
  hospitalCode: string;
  /**
   * The patient sealed with the case's data key (base64; libs/crypto/src/case-data-key.ts): the API creates the key
   * and seals the patient before it starts the workflow, so the workflow's input, state and history never hold the
   * patient readable, and destroying the key (erasure) leaves nothing readable in them.
   */
  patientSealed?: string;
  /** The patient in plain: only cases started before issue 13 (the old input shape), kept so they keep running. */
  patient?: { personnummer: string; name: string };
  /** Receiving municipality, by its four-digit code (e.g. 0125 Ekerö). */
  municipalityCode: string;
  /** The patient's listed vårdcentral (primary care). */
  vardcentralCode: string;
  /** ISO 8601 instants. */
  admittedAt: string;
  /** The doctor's later judgement that the patient may need help after discharge (optional): the 24 hours count from it. */
  needsJudgedAt?: string;
  openedAt: string;
  /** Local date (Europe/Stockholm), YYYY-MM-DD. */
  estimatedDischargeDate: string;
  careType: CareType;
  needs: { municipal: MunicipalNeed[]; region: RegionNeed[] };
  /** The ASIH unit that takes over for weekend and holiday discharges. */
  asihCode?: string;
  /** Deployment policy, fixed at start so the workflow stays deterministic. */
  policy: DischargePolicy & { maxHistoryLength?: number };
  /** The case so far, when a run continues it as new. */
  carried?: CaseCarry<DischargeCase>;
}

/** What the state query and every request answer with. */
export type DischargeHandoverState = DischargeCase & CaseRuntimeView;

/** Task kinds this workflow opens. */
export const DISCHARGE_TASK_KINDS = {
  acknowledgeNotice: 'discharge.acknowledge_notice',
  appointFastVardkontakt: 'discharge.appoint_fast_vardkontakt',
  needsAssessment: 'discharge.needs_assessment',
  provideInformation: 'discharge.provide_information',
  acknowledgeReady: 'discharge.acknowledge_ready',
  callSip: 'discharge.call_sip',
  takeover: 'discharge.takeover_medical_responsibility',
  escalation: 'discharge.escalation',
  registerDailyAmount: 'discharge.register_daily_amount',
  invoice: 'finance.invoice_payment_liability',
} as const;

export interface RegisterDailyAmountDecision {
  amountOre: number;
}

/** ApplicationFailure type the legacy workflow uses for a discharge refused for missing steps. */
export const DISCHARGE_MISSING_STEPS = 'DischargeMissingSteps';

/** Requests carry the API request's id, so the step that carries them out writes their audit row. */
type Audited<C> = C & { requestId?: string };
type Answer = CommandResult<DischargeHandoverState>;

export const changeEstimatedDischargeDateUpdate = defineUpdate<Answer, [Audited<ChangeEstimatedDischargeDate>]>('changeEstimatedDischargeDate');
export const declareReadyForDischargeUpdate = defineUpdate<Answer, [Audited<DeclareReadyForDischarge>]>('declareReadyForDischarge');
export const revokeReadyForDischargeUpdate = defineUpdate<Answer, [Audited<RevokeReadyForDischarge>]>('revokeReadyForDischarge');
export const recordDischargeUpdate = defineUpdate<Answer, [Audited<RecordDischarge>]>('recordDischarge');
export const cancelDischargeHandoverUpdate = defineUpdate<Answer, [Audited<CancelDischargeHandover>]>('cancelDischargeHandover');
export const dischargeSummaryQuery = defineQuery<DischargeSummary>('dischargeSummary');
/**
 * Completes once the case is projected into PostgreSQL and its first tasks exist. Sent with the start
 * (update-with-start), so the API answers the opening request only when the case can be read back.
 */
export const dischargeHandoverOpenedUpdate = defineUpdate<Answer>('dischargeHandoverOpened');
export const dischargeHandoverStateQuery = defineQuery<DischargeHandoverState>('dischargeHandoverState');
