/**
 * The discharge handover (utskrivning) workflow's contract: its input, state, and the update and query
 * definitions the API uses. Imported by the workflow (deterministic code) and by the API, so it holds
 * only types and `define*` calls from @temporalio/workflow, which are safe on both sides.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { LiabilityBasis, LiabilityPolicy } from '../../../libs/domain/src/discharge/payment-liability';
import type { TakeoverReceiver } from '../../../libs/domain/src/discharge/takeover-receiver';

export const DISCHARGE_HANDOVER_CASE_TYPE = 'discharge_handover';
export const DISCHARGE_HANDOVER_WORKFLOW_TYPE = 'dischargeHandoverWorkflow';

/** One workflow per hospital stay; its id is derived from the case id. */
export function dischargeHandoverWorkflowId(caseId: string): string {
  return `discharge-handover-${caseId}`;
}

export const CARE_TYPES = ['somatic', 'psychiatric'] as const;
export type CareType = (typeof CARE_TYPES)[number];

export const MUNICIPAL_NEEDS = ['home_care', 'special_housing', 'municipal_home_health_care', 'lss'] as const;
export type MunicipalNeed = (typeof MUNICIPAL_NEEDS)[number];

export const REGION_NEEDS = ['primary_care_home_health_care', 'asih', 'spsv', 'rehabilitation', 'geriatrics'] as const;
export type RegionNeed = (typeof REGION_NEEDS)[number];

export const CANCELLATION_REASONS = ['patient_died', 'moved_to_other_inpatient_care', 'opened_in_error'] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export interface DischargeHandoverInput {
  caseId: string;
  /** Who opened the case (person and organisation codes; no personal data about the patient). */
  openedBy: { actor: string; organisationCode: string };
  hospitalCode: string;
  patient: { personnummer: string; name: string };
  /** Receiving municipality, by its four-digit code (e.g. 0125 Ekerö). */
  municipalityCode: string;
  /** The patient's listed vårdcentral (primary care). */
  vardcentralCode: string;
  /** ISO 8601 instants. */
  admittedAt: string;
  openedAt: string;
  /** Local date (Europe/Stockholm), YYYY-MM-DD. */
  estimatedDischargeDate: string;
  careType: CareType;
  needs: { municipal: MunicipalNeed[]; region: RegionNeed[] };
  /** The ASIH unit that takes over for weekend and holiday discharges. */
  asihCode?: string;
  /** Deployment policy, fixed at start so the workflow stays deterministic. */
  policy: DischargePolicy;
}

/** Deadlines (ms) and rules of one deployment; every deadline is a durable timer in the workflow. */
export interface DischargePolicy {
  noticeDeadlineHours: number;
  acknowledgementDueMs?: number;
  assessmentDueMs?: number;
  fastVardkontaktDueMs?: number;
  informationDueMs?: number;
  readyAcknowledgementDueMs?: number;
  /** From the utskrivningsklar notice (SFS 2019:979: within 3 days). */
  sipCallDueMs?: number;
  takeoverDueMs?: number;
  escalationDueMs?: number;
  liabilityPolicy?: LiabilityPolicy;
  defaultAsihCode?: string;
}

export type DischargeHandoverStatus = 'planning' | 'ready_for_discharge' | 'discharged' | 'cancelled';

export interface PartyAction {
  at: string;
  actor: string;
  organisationCode: string;
}

export interface CaseEvent {
  seq: number;
  at: string;
  actor: string;
  organisationCode: string;
  type: string;
  detail?: Record<string, unknown>;
}

/** What the query returns and what the projection activity writes. */
export interface DischargeHandoverState {
  caseId: string;
  status: DischargeHandoverStatus;
  hospitalCode: string;
  municipalityCode: string;
  vardcentralCode: string;
  careType: CareType;
  admittedAt: string;
  openedAt: string;
  estimatedDischargeDate: string;
  /** The inskrivningsmeddelande went out later than the deadline after admission. */
  lateNotice: { late: boolean; delayMinutes: number };
  readyForDischargeAt?: string;
  /** When the patient is planned to leave (decides who takes over medical responsibility). */
  plannedDischargeAt?: string;
  /** The named care contact the vårdcentral appointed. */
  fastVardkontakt?: PartyAction & { name: string; phone?: string };
  /** The municipality's decision (biståndsbeslut) on its services. */
  assessment?: PartyAction & { outcome: 'granted' | 'not_needed'; services: MunicipalNeed[]; startDate?: string };
  /** Questions the municipality asked the hospital, and the answers. */
  informationRequests: { question: string; askedAt: string; answer?: string; answeredAt?: string }[];
  /** Acknowledgements (kvittens) of the current utskrivningsklar notice. */
  readyAcknowledgements: { municipality?: PartyAction; primaryCare?: PartyAction };
  sip: { required: boolean; call?: PartyAction & { plannedSipDate: string } };
  takeover?: { receiver: TakeoverReceiver; organisationCode: string; acknowledged?: PartyAction & { responsiblePhysician?: string } };
  discharge?: {
    dischargedAt: string;
    /** Calendar days from the utskrivningsklar notice to discharge (0 = the same day, the target). */
    daysFromReady: number;
    sameDay: boolean;
    paymentLiability: LiabilityBasis | null;
    /** Years whose daily amount HSF must register before the basis can be made. */
    awaitingDailyAmounts?: number[];
    invoice?: PartyAction & { invoiceReference: string };
  };
  /** Who acknowledged the inskrivningsmeddelande and started planning, per receiving party. */
  acknowledgements: { municipality?: Acknowledgement; primaryCare?: Acknowledgement };
  /** Tasks waiting for an answer (ids and where they sit; their content is in PostgreSQL). */
  openTasks: { taskId: string; kind: string; assignedOrg: string; dueAt: string }[];
  cancellation?: { reason: CancellationReason; at: string };
  /** Increases with every change; the projection keeps only the newest. */
  version: number;
  events: CaseEvent[];
}

export interface Acknowledgement {
  at: string;
  actor: string;
  organisationCode: string;
}

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

export interface AcknowledgeNoticeDecision {
  acknowledged: true;
  comment?: string;
}
export interface AppointFastVardkontaktDecision {
  name: string;
  phone?: string;
}
export interface NeedsAssessmentDecision {
  outcome: 'granted' | 'not_needed' | 'more_information_requested';
  services?: MunicipalNeed[];
  startDate?: string;
  question?: string;
}
export interface ProvideInformationDecision {
  information: string;
}
export interface CallSipDecision {
  plannedSipDate: string;
  comment?: string;
}
export interface TakeoverDecision {
  acknowledged: true;
  responsiblePhysician?: string;
}
export interface RegisterDailyAmountDecision {
  amountOre: number;
}
export interface InvoiceDecision {
  invoiceReference: string;
}

export interface Actor {
  actor: string;
  organisationCode: string;
}

export interface ChangeEstimatedDischargeDate extends Actor {
  estimatedDischargeDate: string;
}
export interface DeclareReadyForDischarge extends Actor {
  /** When the treating doctor judged the patient ready (ISO instant). */
  declaredAt: string;
  /** When the patient will leave; the same day by default (the target). */
  plannedDischargeAt?: string;
}
export interface RevokeReadyForDischarge extends Actor {
  reason: string;
}
export interface RecordDischarge extends Actor {
  dischargedAt: string;
}

/** ApplicationFailure type of a discharge refused for missing steps; its details name them. */
export const DISCHARGE_MISSING_STEPS = 'DischargeMissingSteps';
export const MISSING_STEP = {
  notReady: 'ready_for_discharge_declared',
  takeover: 'takeover_of_medical_responsibility_acknowledged',
  municipalDecision: 'municipal_decision_on_services',
} as const;

/** What the patient gets in writing (patientlagen 3:2 b). */
export interface DischargeSummary {
  caseId: string;
  patientName: string;
  status: DischargeHandoverStatus;
  plannedDischargeAt: string | null;
  fastVardkontakt: { name: string; phone: string | null; organisationCode: string } | null;
  plannedSipDate: string | null;
  municipalServices: { services: MunicipalNeed[]; startDate: string | null } | null;
  medicalResponsibility: { organisationCode: string; receiver: TakeoverReceiver; acknowledged: boolean } | null;
  contacts: { role: string; organisationCode: string }[];
}
export interface CancelDischargeHandover extends Actor {
  reason: CancellationReason;
}

export const changeEstimatedDischargeDateUpdate = defineUpdate<DischargeHandoverState, [ChangeEstimatedDischargeDate]>(
  'changeEstimatedDischargeDate',
);
export const declareReadyForDischargeUpdate = defineUpdate<DischargeHandoverState, [DeclareReadyForDischarge]>(
  'declareReadyForDischarge',
);
export const revokeReadyForDischargeUpdate = defineUpdate<DischargeHandoverState, [RevokeReadyForDischarge]>(
  'revokeReadyForDischarge',
);
export const recordDischargeUpdate = defineUpdate<DischargeHandoverState, [RecordDischarge]>('recordDischarge');
export const dischargeSummaryQuery = defineQuery<DischargeSummary>('dischargeSummary');
export const cancelDischargeHandoverUpdate = defineUpdate<DischargeHandoverState, [CancelDischargeHandover]>(
  'cancelDischargeHandover',
);
/**
 * Completes once the case is projected into PostgreSQL and its first tasks exist. Sent with the start
 * (update-with-start), so the API answers the opening request only when the case can be read back.
 */
export const dischargeHandoverOpenedUpdate = defineUpdate<DischargeHandoverState>('dischargeHandoverOpened');
export const dischargeHandoverStateQuery = defineQuery<DischargeHandoverState>('dischargeHandoverState');
