/** The discharge handover's state, commands and answers: shared by the rules, the workflow and the API. */
import type { Actor, PartyAction } from '../case/case';
import type { LiabilityBasis, LiabilityPolicy } from './payment-liability';
import type { SipDeadlinePolicy } from './sip-deadline';
import type { HolidayEvePolicy, TakeoverReceiver } from './takeover-receiver';

export const CARE_TYPES = ['somatic', 'psychiatric'] as const;
export type CareType = (typeof CARE_TYPES)[number];

export const MUNICIPAL_NEEDS = ['home_care', 'special_housing', 'municipal_home_health_care', 'lss'] as const;
export type MunicipalNeed = (typeof MUNICIPAL_NEEDS)[number];

export const REGION_NEEDS = ['primary_care_home_health_care', 'asih', 'spsv', 'rehabilitation', 'geriatrics'] as const;
export type RegionNeed = (typeof REGION_NEEDS)[number];

export const CANCELLATION_REASONS = ['patient_died', 'moved_to_other_inpatient_care', 'opened_in_error'] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export const DISCHARGE_HANDOVER_STATUSES = ['planning', 'ready_for_discharge', 'discharged', 'cancelled'] as const;
export type DischargeHandoverStatus = (typeof DISCHARGE_HANDOVER_STATUSES)[number];

/** What the municipality decided on its services; asking for more information is an answer, not a decision. */
export const ASSESSMENT_OUTCOMES = ['granted', 'not_needed'] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];

export type Acknowledgement = PartyAction;

/** The case as its rules see it (the runtime adds the timeline, open tasks, version and what it waits for). */
export interface DischargeCase {
  caseId: string;
  status: DischargeHandoverStatus;
  hospitalCode: string;
  municipalityCode: string;
  vardcentralCode: string;
  /** The ASIH unit that takes over weekend and holiday discharges. */
  asihCode: string;
  careType: CareType;
  needs: { municipal: MunicipalNeed[]; region: RegionNeed[] };
  admittedAt: string;
  /** The doctor's judgement, after admission, that the patient may need help after discharge (when the notice gives one). */
  needsJudgedAt?: string;
  openedAt: string;
  estimatedDischargeDate: string;
  /** The inskrivningsmeddelande went out later than the deadline after admission (or after `needsJudgedAt`). */
  lateNotice: { late: boolean; delayMinutes: number };
  /** When the treating doctor judged the patient ready (`declaredAt`; may be earlier than the notice). */
  readyForDischargeAt?: string;
  /**
   * When the utskrivningsklar notice went out to the municipality and primary care (the hospital's request): the SIP
   * deadline, the payment liability and its noon rule count from here. Absent in cases opened before issue 11,
   * which count from `readyForDischargeAt`.
   */
  readyNoticeAt?: string;
  /** When the patient is planned to leave (decides who takes over medical responsibility). */
  plannedDischargeAt?: string;
  /** The named care contact the vårdcentral appointed. */
  fastVardkontakt?: PartyAction & { name: string; phone?: string };
  /** The municipality's decision (biståndsbeslut) on its services. */
  assessment?: PartyAction & { outcome: AssessmentOutcome; services: MunicipalNeed[]; startDate?: string };
  /** Questions the municipality asked the hospital, and the answers. */
  informationRequests: { question: string; askedAt: string; answer?: string; answeredAt?: string }[];
  /** Acknowledgements (kvittens) of the current utskrivningsklar notice. */
  readyAcknowledgements: { municipality?: PartyAction; primaryCare?: PartyAction };
  sip: { required: boolean; call?: PartyAction & { plannedSipDate: string } };
  takeover?: { receiver: TakeoverReceiver; organisationCode: string; acknowledged?: PartyAction & { responsiblePhysician?: string } };
  discharge?: {
    dischargedAt: string;
    /** Calendar days from the doctor's judgement (readyForDischargeAt) to discharge (0 = the same day, the target). */
    daysFromReady: number;
    sameDay: boolean;
    paymentLiability: LiabilityBasis | null;
    /** Years whose daily amount HSF must register before the basis can be made. */
    awaitingDailyAmounts?: number[];
    invoice?: PartyAction & { invoiceReference: string };
  };
  /** Who acknowledged the inskrivningsmeddelande and started planning, per receiving party. */
  acknowledgements: { municipality?: Acknowledgement; primaryCare?: Acknowledgement };
  cancellation?: { reason: CancellationReason; at: string };
  /** Organisations that joined after the case opened (ASIH taking over, HSF finance invoicing): parties too. */
  joinedParties: string[];
}

/** Deadlines (ms) and rules of one deployment, fixed into each case at its start. */
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
  /** How the SIP call's deadline is counted (DISCHARGE_SIP_DEADLINE); absent in cases opened before issue 11: rolling. */
  sipDeadline?: SipDeadlinePolicy;
  /** Calendar days for `calendar_days` (DISCHARGE_SIP_CALL_DAYS). */
  sipCallDays?: number;
  /** Whether the weekday eves are "helger" for the ASIH rule (DISCHARGE_HOLIDAY_EVES); before issue 11: weekday. */
  holidayEves?: HolidayEvePolicy;
  /** Whether the day of discharge is a liable day (DISCHARGE_LIABILITY_BILLS_DISCHARGE_DAY). */
  liabilityBillsDischargeDay?: boolean;
  /**
   * The rules a case runs under, fixed when it opens (not a setting): 1 = before issue 11 (counts from the doctor's
   * judgement, the old discharge checklist), 2 = counts from the notice, the routine's checklist. Absent in inputs
   * of cases opened before issue 11; the workflow decides it with patched() and carries it.
   */
  ruleVersion?: DischargeRuleVersion;
}

export type DischargeRuleVersion = 1 | 2;

/** The case's rules where they changed in issue 11 (each rule function takes them; the default is today's). */
export interface DischargeRuleOptions {
  version: DischargeRuleVersion;
  holidayEves: HolidayEvePolicy;
  billsDischargeDay: boolean;
}

export type ReceivingParty = 'municipality' | 'primaryCare';

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
export interface CancelDischargeHandover extends Actor {
  reason: CancellationReason;
}

export interface AcknowledgeNoticeDecision {
  acknowledged: true;
  comment?: string;
}
export interface AppointFastVardkontaktDecision {
  name: string;
  phone?: string;
}
export interface NeedsAssessmentDecision {
  outcome: AssessmentOutcome | 'more_information_requested';
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
export interface InvoiceDecision {
  invoiceReference: string;
}

/** Steps a discharge waits for, named in its refusal. */
export const MISSING_STEP = {
  notReady: 'ready_for_discharge_declared',
  primaryCareAcknowledgement: 'ready_for_discharge_acknowledged_by_primary_care',
  fastVardkontakt: 'fast_vardkontakt_appointed',
  sipCall: 'sip_called',
  takeover: 'takeover_of_medical_responsibility_acknowledged',
  municipalDecision: 'municipal_decision_on_services',
} as const;
