/**
 * The discharge handover (utskrivning) workflow's contract: its input, state, and the update and query
 * definitions the API uses. Imported by the workflow (deterministic code) and by the API, so it holds
 * only types and `define*` calls from @temporalio/workflow, which are safe on both sides.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';

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
  /** Deployment policy, fixed at start so the workflow stays deterministic. */
  policy: { noticeDeadlineHours: number; acknowledgementDueMs?: number };
}

export type DischargeHandoverStatus = 'planning' | 'ready_for_discharge' | 'cancelled';

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

/** Task kinds this workflow opens, with the answers they expect. */
export const DISCHARGE_TASK_KINDS = { acknowledgeNotice: 'discharge.acknowledge_notice' } as const;

export interface AcknowledgeNoticeDecision {
  acknowledged: true;
  comment?: string;
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
export const cancelDischargeHandoverUpdate = defineUpdate<DischargeHandoverState, [CancelDischargeHandover]>(
  'cancelDischargeHandover',
);
/**
 * Completes once the case is projected into PostgreSQL and its first tasks exist. Sent with the start
 * (update-with-start), so the API answers the opening request only when the case can be read back.
 */
export const dischargeHandoverOpenedUpdate = defineUpdate<DischargeHandoverState>('dischargeHandoverOpened');
export const dischargeHandoverStateQuery = defineQuery<DischargeHandoverState>('dischargeHandoverState');
