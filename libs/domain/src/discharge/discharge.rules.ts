/**
 * The discharge handover's rules (Lag 2017:612 and the 2020 patient-flow rules): what each request and each task
 * answer may do in the case's current state, and what it changes. Pure: the workflow's validators and handlers
 * call these, and the API calls `dischargeNoticeProblem` before it opens a case.
 */
import { Actor, actionOf, Decision, firstRefusal, outcome, Outcome, refuse, Refusal, SYSTEM } from '../case/case';
import { stockholmDate } from '../time/stockholm';
import { addDays, daysBetween } from '../time/swedish-holidays';
import {
  AcknowledgeNoticeDecision,
  AppointFastVardkontaktDecision,
  CallSipDecision,
  CancelDischargeHandover,
  CareType,
  ChangeEstimatedDischargeDate,
  DeclareReadyForDischarge,
  DischargeCase,
  DischargeRuleOptions,
  InvoiceDecision,
  MISSING_STEP,
  MunicipalNeed,
  NeedsAssessmentDecision,
  ProvideInformationDecision,
  ReceivingParty,
  RecordDischarge,
  RegionNeed,
  RevokeReadyForDischarge,
  TakeoverDecision,
} from './discharge.types';
import { noticeTimeliness } from './notice-deadline';
import { DailyAmount, DEFAULT_BILLS_DISCHARGE_DAY, lastLiableDate, liabilityBasis, LiabilityPolicy, liabilityStartDate, liableYears } from './payment-liability';
import { DEFAULT_HOLIDAY_EVE_POLICY, takeoverBasis } from './takeover-receiver';

/** Today's rules (issue 11): counting from the notice, the routine's checklist, the eves as helger. */
export const CURRENT_RULES: DischargeRuleOptions = { version: 2, holidayEves: DEFAULT_HOLIDAY_EVE_POLICY, billsDischargeDay: DEFAULT_BILLS_DISCHARGE_DAY };
/** The rules of cases opened before issue 11, which keep them while they run. */
export const RULES_BEFORE_ISSUE_11: DischargeRuleOptions = { version: 1, holidayEves: 'weekday', billsDischargeDay: true };

/** A caller's clock a few minutes off is not an error; a time an hour ahead is. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

const inFuture = (field: string, instant: string, now: string): Refusal | null =>
  Date.parse(instant) > Date.parse(now) + FUTURE_TOLERANCE_MS ? refuse('invalid_input', `${field} is in the future`, { field }) : null;

export interface DischargeNotice {
  caseId: string;
  openedBy: Actor;
  hospitalCode: string;
  municipalityCode: string;
  vardcentralCode: string;
  asihCode: string;
  careType: CareType;
  needs: { municipal: MunicipalNeed[]; region: RegionNeed[] };
  admittedAt: string;
  /** The doctor's later judgement that the patient may need help after discharge: the 24 hours count from it. */
  needsJudgedAt?: string;
  openedAt: string;
  estimatedDischargeDate: string;
  noticeDeadlineHours: number;
}

/** How long ago an admission may be when its inskrivningsmeddelande is sent (DISCHARGE_ADMISSION_MAX_AGE_DAYS). */
export const DEFAULT_ADMISSION_MAX_AGE_DAYS = 365;

/** How far ahead an estimated discharge date may be: a year, counted in Stockholm calendar days from today. */
export const ESTIMATED_DISCHARGE_MAX_DAYS_AHEAD = 365;

const DAY_MS = 86_400_000;

const tooOld = (field: string, instant: string, now: string, maxAgeDays: number): Refusal | null =>
  Date.parse(instant) < Date.parse(now) - maxAgeDays * DAY_MS ? refuse('invalid_input', `${field} is more than ${maxAgeDays} days ago`, { field }) : null;

/**
 * What is wrong with an estimated discharge date sent at `now`, or null: more than a year ahead (a typo such as
 * 9999-12-31 or 2207-11-27). That it is not before the admission is the case's own rule (it knows the admission).
 */
export function estimatedDischargeDateProblem(estimatedDischargeDate: string, now: string): Refusal | null {
  const latest = addDays(stockholmDate(now), ESTIMATED_DISCHARGE_MAX_DAYS_AHEAD);
  return estimatedDischargeDate > latest
    ? refuse('invalid_input', `estimatedDischargeDate is more than ${ESTIMATED_DISCHARGE_MAX_DAYS_AHEAD} days ahead (latest ${latest})`, {
        field: 'estimatedDischargeDate',
      })
    : null;
}

/**
 * What is wrong with an inskrivningsmeddelande sent at `now`, or null: an admission in the future (beyond a few
 * minutes of clock skew) or more than `admissionMaxAgeDays` ago, a judgement of needs in the future or before the
 * admission, an estimated discharge date before the admission's Stockholm date or more than a year ahead.
 */
export function dischargeNoticeProblem(
  n: Pick<DischargeNotice, 'admittedAt' | 'estimatedDischargeDate' | 'needsJudgedAt'>,
  now: string,
  admissionMaxAgeDays = DEFAULT_ADMISSION_MAX_AGE_DAYS,
): Refusal | null {
  return firstRefusal(
    () => inFuture('admittedAt', n.admittedAt, now),
    () => tooOld('admittedAt', n.admittedAt, now, admissionMaxAgeDays),
    () => (n.needsJudgedAt ? inFuture('needsJudgedAt', n.needsJudgedAt, now) : null),
    () =>
      n.needsJudgedAt && Date.parse(n.needsJudgedAt) < Date.parse(n.admittedAt)
        ? refuse('invalid_input', 'needsJudgedAt is before the admission', { field: 'needsJudgedAt' })
        : null,
    () =>
      n.estimatedDischargeDate < stockholmDate(n.admittedAt)
        ? refuse('invalid_input', 'estimatedDischargeDate is before the admission date', { field: 'estimatedDischargeDate' })
        : null,
    () => estimatedDischargeDateProblem(n.estimatedDischargeDate, now),
  );
}

export function openDischargeCase(n: DischargeNotice): Outcome<DischargeCase> {
  const state: DischargeCase = {
    caseId: n.caseId,
    status: 'planning',
    hospitalCode: n.hospitalCode,
    municipalityCode: n.municipalityCode,
    vardcentralCode: n.vardcentralCode,
    asihCode: n.asihCode,
    careType: n.careType,
    needs: n.needs,
    admittedAt: n.admittedAt,
    ...(n.needsJudgedAt ? { needsJudgedAt: n.needsJudgedAt } : {}),
    openedAt: n.openedAt,
    estimatedDischargeDate: n.estimatedDischargeDate,
    // Lag 2017:612: within 24 hours of the admission, or of the doctor's later judgement that help may be needed.
    lateNotice: noticeTimeliness(n.needsJudgedAt ?? n.admittedAt, n.openedAt, n.noticeDeadlineHours),
    acknowledgements: {},
    informationRequests: [],
    readyAcknowledgements: {},
    // A SIP is called when both municipal and region services are needed (SFS 2019:979).
    sip: { required: n.needs.municipal.length > 0 && n.needs.region.length > 0 },
    joinedParties: [],
  };
  const events = outcome(state, 'case_opened', n.openedBy, {
    estimatedDischargeDate: n.estimatedDischargeDate,
    needs: n.needs,
    ...(n.needsJudgedAt ? { needsJudgedAt: n.needsJudgedAt } : {}),
  }).events;
  if (state.lateNotice.late) events.push({ type: 'notice_late', by: n.openedBy, detail: { delayMinutes: state.lateNotice.delayMinutes } });
  return { state, events };
}

/** Who may see the case: the three receiving parties and everyone who joined later. */
export function dischargeParties(s: DischargeCase): string[] {
  return [...new Set([s.hospitalCode, s.municipalityCode, s.vardcentralCode, ...s.joinedParties])];
}

const join = (s: DischargeCase, org: string) => (s.joinedParties.includes(org) ? s.joinedParties : [...s.joinedParties, org]);

/** Requests only the opening hospital makes, on a case still open. */
function hospitalRequest(s: DischargeCase, by: Actor): Refusal | null {
  if (s.status === 'cancelled' || s.status === 'discharged') return refuse('conflict', `the case is ${s.status}`);
  if (by.organisationCode !== s.hospitalCode) return refuse('forbidden', 'only the hospital that opened the case can do this');
  return null;
}

export function changeEstimatedDischargeDate(s: DischargeCase, cmd: ChangeEstimatedDischargeDate): Decision<DischargeCase> {
  const refused = firstRefusal(
    () => hospitalRequest(s, cmd),
    () =>
      cmd.estimatedDischargeDate < stockholmDate(s.admittedAt)
        ? refuse('invalid_input', 'estimatedDischargeDate is before the admission date', { field: 'estimatedDischargeDate' })
        : null,
    () => (cmd.estimatedDischargeDate === s.estimatedDischargeDate ? refuse('conflict', `estimatedDischargeDate is already ${s.estimatedDischargeDate}`) : null),
  );
  if (refused) return refused;
  // A changed date is sent again to the parties: the timeline is what they read.
  return outcome({ ...s, estimatedDischargeDate: cmd.estimatedDischargeDate }, 'estimated_discharge_date_changed', cmd, {
    from: s.estimatedDischargeDate,
    to: cmd.estimatedDischargeDate,
  });
}

/**
 * Utskrivningsklar: the clocks start when the notice goes out (`now`, not the doctor's `declaredAt`, which may be
 * earlier), and who takes over medical responsibility follows from the planned time; the timeline says why.
 */
export function declareReadyForDischarge(s: DischargeCase, cmd: DeclareReadyForDischarge, now: string, rules: DischargeRuleOptions = CURRENT_RULES): Decision<DischargeCase> {
  const refused = firstRefusal(
    () => hospitalRequest(s, cmd),
    () => (s.status === 'ready_for_discharge' ? refuse('conflict', 'the patient is already declared ready for discharge') : null),
    () => inFuture('declaredAt', cmd.declaredAt, now),
    () => (Date.parse(cmd.declaredAt) < Date.parse(s.admittedAt) ? refuse('invalid_input', 'declaredAt is before the admission', { field: 'declaredAt' }) : null),
    () =>
      cmd.plannedDischargeAt && Date.parse(cmd.plannedDischargeAt) < Date.parse(cmd.declaredAt)
        ? refuse('invalid_input', 'plannedDischargeAt is before declaredAt', { field: 'plannedDischargeAt' })
        : null,
  );
  if (refused) return refused;
  const plannedDischargeAt = cmd.plannedDischargeAt ?? cmd.declaredAt;
  const basis = takeoverBasis(plannedDischargeAt, rules.holidayEves);
  const receiver = basis.receiver;
  const organisationCode = receiver === 'asih' ? s.asihCode : s.vardcentralCode;
  const v2 = rules.version >= 2;
  return outcome(
    {
      ...s,
      status: 'ready_for_discharge',
      readyForDischargeAt: cmd.declaredAt,
      ...(v2 ? { readyNoticeAt: now } : {}),
      plannedDischargeAt,
      readyAcknowledgements: {},
      takeover: { receiver, organisationCode },
      joinedParties: receiver === 'asih' ? join(s, organisationCode) : s.joinedParties,
    },
    'ready_for_discharge_declared',
    cmd,
    v2
      ? { declaredAt: cmd.declaredAt, noticeAt: now, plannedDischargeAt, takeover: { ...basis, organisationCode } }
      : { declaredAt: cmd.declaredAt, plannedDischargeAt },
  );
}

/** The patient is not ready after all: the parties are told at once and the clocks stop. */
export function revokeReadyForDischarge(s: DischargeCase, cmd: RevokeReadyForDischarge): Decision<DischargeCase> {
  const refused = firstRefusal(
    () => hospitalRequest(s, cmd),
    () => (s.status !== 'ready_for_discharge' ? refuse('conflict', 'the patient is not declared ready for discharge') : null),
  );
  if (refused) return refused;
  const { readyForDischargeAt: _r, readyNoticeAt: _n, plannedDischargeAt: _p, takeover: _t, ...rest } = s;
  return outcome({ ...rest, status: 'planning', readyAcknowledgements: {} }, 'ready_for_discharge_revoked', cmd, {
    reason: cmd.reason,
    declaredAt: s.readyForDischargeAt ?? null,
  });
}

/** Whether the municipality takes part: only when municipal needs were notified (no municipal task otherwise). */
export function municipalityNotified(s: DischargeCase, rules: DischargeRuleOptions = CURRENT_RULES): boolean {
  return rules.version < 2 || s.needs.municipal.length > 0;
}

/**
 * What the discharge still waits for, in the order of Region Stockholm's checklist (Gemensam rutin för samverkan
 * vid utskrivning): primary care has acknowledged (kvitterat) the utskrivningsklar notice, appointed the fast
 * vårdkontakt, called the SIP where both municipal and region services are needed, and taken over medical
 * responsibility (no patient changes form of care without it); and the municipality has decided on its services
 * when municipal needs were notified. Cases opened before issue 11 wait for the takeover and the decision only.
 */
export function missingStepsForDischarge(s: DischargeCase, rules: DischargeRuleOptions = CURRENT_RULES): string[] {
  if (s.status !== 'ready_for_discharge') return [MISSING_STEP.notReady];
  const missing: string[] = [];
  if (rules.version >= 2) {
    if (!s.readyAcknowledgements.primaryCare) missing.push(MISSING_STEP.primaryCareAcknowledgement);
    if (!s.fastVardkontakt) missing.push(MISSING_STEP.fastVardkontakt);
    if (s.sip.required && !s.sip.call) missing.push(MISSING_STEP.sipCall);
  }
  if (!s.takeover?.acknowledged) missing.push(MISSING_STEP.takeover);
  if (!s.assessment && municipalityNotified(s, rules)) missing.push(MISSING_STEP.municipalDecision);
  return missing;
}

export function recordDischarge(s: DischargeCase, cmd: RecordDischarge, now: string, rules: DischargeRuleOptions = CURRENT_RULES): Decision<DischargeCase> {
  const missing = missingStepsForDischarge(s, rules);
  const refused = firstRefusal(
    () => hospitalRequest(s, cmd),
    () => (missing.length ? refuse('conflict', `discharge refused: missing ${missing.join(', ')}`, { details: { missingSteps: missing } }) : null),
    () => inFuture('dischargedAt', cmd.dischargedAt, now),
    () =>
      Date.parse(cmd.dischargedAt) < Date.parse(s.readyForDischargeAt as string)
        ? refuse('invalid_input', 'dischargedAt is before the patient was declared ready', { field: 'dischargedAt' })
        : null,
  );
  if (refused) return refused;
  const daysFromReady = daysBetween(stockholmDate(s.readyForDischargeAt as string), stockholmDate(cmd.dischargedAt));
  return outcome(
    { ...s, status: 'discharged', discharge: { dischargedAt: cmd.dischargedAt, daysFromReady, sameDay: daysFromReady === 0, paymentLiability: null } },
    'discharged',
    cmd,
    { dischargedAt: cmd.dischargedAt, daysFromReady },
  );
}

/** Death, other in-patient care, or opened in error: the case ends and its open tasks close. */
export function cancelDischargeHandover(s: DischargeCase, cmd: CancelDischargeHandover, now: string): Decision<DischargeCase> {
  const refused = hospitalRequest(s, cmd);
  if (refused) return refused;
  return outcome({ ...s, status: 'cancelled', cancellation: { reason: cmd.reason, at: now } }, 'case_cancelled', cmd, { reason: cmd.reason });
}

// ---- answers to the case's tasks ------------------------------------------------------------------------

export function acknowledgeNotice(s: DischargeCase, party: ReceivingParty, d: AcknowledgeNoticeDecision, by: Actor, now: string): Decision<DischargeCase> {
  return outcome({ ...s, acknowledgements: { ...s.acknowledgements, [party]: actionOf(by, now) } }, 'notice_acknowledged', by, {
    party,
    comment: d.comment ?? null,
  });
}

export function appointFastVardkontakt(s: DischargeCase, d: AppointFastVardkontaktDecision, by: Actor, now: string): Decision<DischargeCase> {
  return outcome({ ...s, fastVardkontakt: { ...actionOf(by, now), name: d.name, ...(d.phone ? { phone: d.phone } : {}) } }, 'fast_vardkontakt_appointed', by, {
    name: d.name,
  });
}

/** A decision of services needs the services and their start; asking for more needs the question. */
export function needsAssessmentProblem(d: NeedsAssessmentDecision): string | null {
  if (d.outcome === 'granted' && (!d.services?.length || !d.startDate)) return 'a granted decision needs services and startDate';
  if (d.outcome === 'more_information_requested' && !d.question) return 'asking for more information needs a question';
  if (d.outcome !== 'granted' && (d.services?.length || d.startDate)) return 'services and startDate belong to a granted decision';
  return null;
}

/** The municipality's decision on its services (biståndsbeslut), or its question to the hospital first. */
export function assessNeeds(s: DischargeCase, d: NeedsAssessmentDecision, by: Actor, now: string): Decision<DischargeCase> {
  const problem = needsAssessmentProblem(d);
  if (problem) return refuse('invalid_decision', problem);
  if (d.outcome === 'more_information_requested') {
    return outcome({ ...s, informationRequests: [...s.informationRequests, { question: d.question as string, askedAt: now }] }, 'more_information_requested', by, {
      question: d.question,
    });
  }
  const services = d.services ?? [];
  return outcome(
    { ...s, assessment: { ...actionOf(by, now), outcome: d.outcome, services, ...(d.startDate ? { startDate: d.startDate } : {}) } },
    'needs_assessed',
    by,
    { outcome: d.outcome, services, startDate: d.startDate ?? null },
  );
}

export function provideInformation(s: DischargeCase, index: number, d: ProvideInformationDecision, by: Actor, now: string): Decision<DischargeCase> {
  const informationRequests = s.informationRequests.map((r, i) => (i === index ? { ...r, answer: d.information, answeredAt: now } : r));
  return outcome({ ...s, informationRequests }, 'information_provided', by, {});
}

export function acknowledgeReady(s: DischargeCase, party: ReceivingParty, by: Actor, now: string): Decision<DischargeCase> {
  return outcome({ ...s, readyAcknowledgements: { ...s.readyAcknowledgements, [party]: actionOf(by, now) } }, 'ready_for_discharge_acknowledged', by, { party });
}

export function callSip(s: DischargeCase, d: CallSipDecision, by: Actor, now: string): Decision<DischargeCase> {
  return outcome({ ...s, sip: { ...s.sip, call: { ...actionOf(by, now), plannedSipDate: d.plannedSipDate } } }, 'sip_called', by, {
    plannedSipDate: d.plannedSipDate,
  });
}

export function takeOverMedicalResponsibility(s: DischargeCase, d: TakeoverDecision, by: Actor, now: string): Decision<DischargeCase> {
  if (!s.takeover) return refuse('conflict', 'no takeover is planned');
  const acknowledged = { ...actionOf(by, now), ...(d.responsiblePhysician ? { responsiblePhysician: d.responsiblePhysician } : {}) };
  return outcome({ ...s, takeover: { ...s.takeover, acknowledged } }, 'medical_responsibility_taken_over', by, { receiver: s.takeover.receiver });
}

// ---- payment liability ------------------------------------------------------------------------------------

/** When the utskrivningsklar notice went out; cases opened before issue 11 count from the doctor's judgement. */
export function noticeSentAt(s: DischargeCase): string | undefined {
  return s.readyNoticeAt ?? s.readyForDischargeAt;
}

/**
 * The years whose daily amounts the invoice basis needs; none when the patient left before liability began, or when
 * the municipality was never notified (no municipal needs: Lag 2017:612 makes it liable only after both notices).
 */
export function liabilityYears(s: DischargeCase, policy: LiabilityPolicy, rules: DischargeRuleOptions = CURRENT_RULES): number[] {
  const noticeAt = noticeSentAt(s);
  if (!s.discharge || !noticeAt || !municipalityNotified(s, rules)) return [];
  return liableYears(liabilityStartDate(policy, noticeAt, s.careType), lastLiableDate(stockholmDate(s.discharge.dischargedAt), rules.billsDischargeDay));
}

/** Years nobody has registered a daily amount for: the basis waits (the amount is never guessed). */
export function awaitDailyAmounts(s: DischargeCase, years: number[]): Outcome<DischargeCase> {
  return { state: { ...s, discharge: s.discharge && { ...s.discharge, awaitingDailyAmounts: years } }, events: [] };
}

/** Past the liability day, HSF finance gets the invoice basis, and joins the case. */
export function determinePaymentLiability(
  s: DischargeCase,
  policy: LiabilityPolicy,
  amounts: DailyAmount[],
  rules: DischargeRuleOptions = CURRENT_RULES,
): Outcome<DischargeCase> {
  const noticeAt = noticeSentAt(s);
  if (!s.discharge || !noticeAt || !municipalityNotified(s, rules)) return { state: s, events: [] };
  const basis = liabilityBasis(policy, noticeAt, s.discharge.dischargedAt, s.careType, amounts, rules.billsDischargeDay);
  const discharge = { ...s.discharge, awaitingDailyAmounts: [], paymentLiability: basis };
  if (!basis) return { state: { ...s, discharge }, events: [] };
  return outcome({ ...s, discharge, joinedParties: join(s, 'HSF-FIN') }, 'payment_liability_determined', SYSTEM, {
    liableDays: basis.liableDays,
    totalOre: basis.totalOre,
  });
}

export function recordInvoice(s: DischargeCase, d: InvoiceDecision, by: Actor, now: string): Decision<DischargeCase> {
  if (!s.discharge?.paymentLiability) return refuse('conflict', 'there is no payment liability to invoice');
  return outcome({ ...s, discharge: { ...s.discharge, invoice: { ...actionOf(by, now), invoiceReference: d.invoiceReference } } }, 'payment_liability_invoiced', by, {
    invoiceReference: d.invoiceReference,
    totalOre: s.discharge.paymentLiability.totalOre,
  });
}

/** Ends when cancelled, or discharged with any invoice basis handled by HSF finance. */
export function dischargeCaseEnded(s: DischargeCase): boolean {
  if (s.status === 'cancelled') return true;
  const d = s.discharge;
  return s.status === 'discharged' && !!d && !d.awaitingDailyAmounts?.length && (!d.paymentLiability || !!d.invoice);
}
