/** The discharge handover's tasks: who answers, by when, what they see, and which rule their answer runs. */
import { ACKNOWLEDGE, DATE, object, text } from '../../libs/contracts/src/answer-schema';
import { DISCHARGE_TASK_KINDS as KIND, DischargeHandoverInput, MUNICIPAL_NEEDS } from '../../libs/contracts/src/discharge-handover.contract';
import type { ReferencePolicy } from '../shared/case-runtime';
import { CaseRuntime, TaskKinds } from '../shared/case-runtime';
import * as rules from '../../libs/domain/src/discharge/discharge.rules';
import type { DischargeCase, DischargePolicy, ReceivingParty } from '../../libs/domain/src/discharge/discharge.types';
import type { LiabilityPolicy } from '../../libs/domain/src/discharge/payment-liability';
import { DEFAULT_BILLS_DISCHARGE_DAY } from '../../libs/domain/src/discharge/payment-liability';
import { DEFAULT_SIP_CALL_DAYS, DEFAULT_SIP_DEADLINE_POLICY, sipCallDueAt } from '../../libs/domain/src/discharge/sip-deadline';
import type { SipDeadlinePolicy } from '../../libs/domain/src/discharge/sip-deadline';
import { DEFAULT_HOLIDAY_EVE_POLICY } from '../../libs/domain/src/discharge/takeover-receiver';
import type { HolidayEvePolicy } from '../../libs/domain/src/discharge/takeover-receiver';

const HOUR = 3_600_000;
export const DEFAULTS = {
  acknowledgementDueMs: 24 * HOUR,
  assessmentDueMs: 48 * HOUR,
  fastVardkontaktDueMs: 48 * HOUR,
  informationDueMs: 24 * HOUR,
  readyAcknowledgementDueMs: 4 * HOUR,
  sipCallDueMs: 72 * HOUR,
  takeoverDueMs: 4 * HOUR,
  escalationDueMs: 24 * HOUR,
  liabilityPolicy: 'national' as LiabilityPolicy,
  defaultAsihCode: 'ASIH-NORR',
  sipCallDays: DEFAULT_SIP_CALL_DAYS,
  liabilityBillsDischargeDay: DEFAULT_BILLS_DISCHARGE_DAY,
};

type Resolved = Required<Pick<DischargePolicy, 'ruleVersion' | 'sipDeadline' | 'holidayEves'>>;
export type Policy = typeof DEFAULTS & DischargeHandoverInput['policy'] & Resolved;

/**
 * The case's policy with issue 11's fields filled in once, when the case starts: from the deployment's settings when
 * the API passed them; otherwise today's defaults in a new case, and the old behaviour (rule version 1, rolling SIP
 * deadline, the eves as weekdays) in a case that started before (`isNewCase` is patched(), asked only then). The
 * result is carried into continued runs, so a case keeps its rules.
 */
export function resolvePolicy(policy: DischargeHandoverInput['policy'], isNewCase: () => boolean): DischargeHandoverInput['policy'] & Resolved {
  let fresh: boolean | undefined;
  const isNew = () => (fresh ??= isNewCase());
  const ruleVersion = policy.ruleVersion ?? (isNew() ? 2 : 1);
  const sipDeadline: SipDeadlinePolicy = policy.sipDeadline ?? (ruleVersion >= 2 ? DEFAULT_SIP_DEADLINE_POLICY : 'rolling');
  const holidayEves: HolidayEvePolicy = policy.holidayEves ?? (ruleVersion >= 2 ? DEFAULT_HOLIDAY_EVE_POLICY : 'weekday');
  return { ...policy, ruleVersion, sipDeadline, holidayEves };
}

const SCHEMAS = {
  fastVardkontakt: object({ name: text(200), phone: text(40) }, ['name']),
  needsAssessment: object(
    {
      outcome: { type: 'string', enum: ['granted', 'not_needed', 'more_information_requested'] },
      services: { type: 'array', items: { type: 'string', enum: [...MUNICIPAL_NEEDS] }, uniqueItems: true, maxItems: 10 },
      startDate: DATE,
      question: text(2000),
    },
    ['outcome'],
  ),
  provideInformation: object({ information: text(4000) }, ['information']),
  callSip: object({ plannedSipDate: DATE, comment: text(2000) }, ['plannedSipDate']),
  takeover: object({ acknowledged: { type: 'boolean', const: true }, responsiblePhysician: text(200) }, ['acknowledged']),
  invoice: object({ invoiceReference: text(100) }, ['invoiceReference']),
};

/** Socialstyrelsen's daily amount of a year, registered by HSF's reference_admin when a case needs it (never guessed). */
export const dailyAmountReference = (policy: Policy): ReferencePolicy => ({
  taskKind: KIND.registerDailyAmount,
  assignedOrg: 'HSF',
  requiredRole: 'reference_admin',
  dueInMs: policy.escalationDueMs,
  input: (key) => ({ year: key.year, note: "Register Socialstyrelsen's daily amount for payment liability, in öre" }),
  answerSchema: object({ amountOre: { type: 'integer', minimum: 1, maximum: 100_000_000 } }, ['amountOre']),
  valueOf: (d) => d.amountOre as number,
  event: 'daily_amount_registered',
  detail: (key, amountOre) => ({ year: key.year, amountOre }),
  describe: (key) => `daily amount ${key.year}`,
});

export function dischargeTasks(rt: CaseRuntime<DischargeCase>, input: DischargeHandoverInput, policy: Policy): TaskKinds<DischargeCase> {
  const notice = (s: DischargeCase) => ({
    // The patient is the case's (stored sealed; the API fills it in for who may read the task), never the task's.
    patient: null,
    hospitalCode: s.hospitalCode,
    admittedAt: s.admittedAt,
    estimatedDischargeDate: s.estimatedDischargeDate,
    careType: s.careType,
  });
  const readiness = (s: DischargeCase) => ({ ...notice(s), readyForDischargeAt: s.readyForDischargeAt, plannedDischargeAt: s.plannedDischargeAt });
  const orgOf = (party: ReceivingParty) => (party === 'municipality' ? rt.state.municipalityCode : rt.state.vardcentralCode);
  const caseHandler = { requiredRole: 'case_handler', escalate: true };

  return {
    [KIND.acknowledgeNotice]: ({ party }: { party: ReceivingParty }) => ({
      ...caseHandler,
      assignedOrg: orgOf(party),
      dueInMs: policy.acknowledgementDueMs,
      input: { ...notice(rt.state), expectedNeeds: party === 'municipality' ? rt.state.needs.municipal : rt.state.needs.region },
      answerSchema: ACKNOWLEDGE,
      decide: (s, d, by, now) => rules.acknowledgeNotice(s, party, d, by, now),
      result: (s) => ({ party, status: s.status }),
    }),
    [KIND.appointFastVardkontakt]: () => ({
      ...caseHandler,
      assignedOrg: rt.state.vardcentralCode,
      dueInMs: policy.fastVardkontaktDueMs,
      input: notice(rt.state),
      answerSchema: SCHEMAS.fastVardkontakt,
      decide: rules.appointFastVardkontakt,
      result: (_s, d) => ({ appointed: d.name }),
    }),
    // The municipality's decision on its services (biståndsbeslut), or its question to the hospital first.
    [KIND.needsAssessment]: () => ({
      ...caseHandler,
      assignedOrg: rt.state.municipalityCode,
      dueInMs: policy.assessmentDueMs,
      input: { ...notice(rt.state), expectedNeeds: rt.state.needs.municipal, informationRequests: rt.state.informationRequests },
      answerSchema: SCHEMAS.needsAssessment,
      decide: rules.assessNeeds,
      then: (d) => {
        if (d.outcome === 'more_information_requested') rt.openTask(KIND.provideInformation, { index: rt.state.informationRequests.length - 1 });
      },
      result: (_s, d) => ({ outcome: d.outcome }),
    }),
    [KIND.provideInformation]: ({ index }: { index: number }) => ({
      ...caseHandler,
      assignedOrg: rt.state.hospitalCode,
      dueInMs: policy.informationDueMs,
      input: { question: rt.state.informationRequests[index]?.question, askedBy: rt.state.municipalityCode },
      answerSchema: SCHEMAS.provideInformation,
      decide: (s, d, by, now) => rules.provideInformation(s, index, d, by, now),
      then: () => void rt.openTask(KIND.needsAssessment, {}), // then the municipality assesses again
      result: () => ({ reassessmentOpened: true }),
    }),
    [KIND.acknowledgeReady]: ({ party }: { party: ReceivingParty }) => ({
      ...caseHandler,
      assignedOrg: orgOf(party),
      dueInMs: policy.readyAcknowledgementDueMs,
      input: readiness(rt.state),
      answerSchema: ACKNOWLEDGE,
      scope: 'readiness',
      decide: (s, _d, by, now) => rules.acknowledgeReady(s, party, by, now),
      result: () => ({ party }),
    }),
    // Within 3 days of the notice (calendar days by default): the deadline runs from the notice, not from now.
    [KIND.callSip]: () => {
      // (The spec is also rebuilt to check answers: the deadline is only computed when there is a notice.)
      const noticeAt = rules.noticeSentAt(rt.state);
      const deadline = { policy: policy.sipDeadline, days: policy.sipCallDays, rollingMs: policy.sipCallDueMs };
      return {
      ...caseHandler,
      assignedOrg: rt.state.vardcentralCode,
      ...(noticeAt ? { dueAt: sipCallDueAt(noticeAt, deadline) } : {}),
      input: { ...readiness(rt.state), municipalNeeds: rt.state.needs.municipal, regionNeeds: rt.state.needs.region },
      answerSchema: SCHEMAS.callSip,
      scope: 'readiness',
      decide: rules.callSip,
      result: (_s, d) => ({ plannedSipDate: d.plannedSipDate }),
      };
    },
    [KIND.takeover]: () => ({
      ...caseHandler,
      assignedOrg: rt.state.takeover?.organisationCode as string,
      dueInMs: policy.takeoverDueMs,
      input: { ...readiness(rt.state), receiver: rt.state.takeover?.receiver },
      answerSchema: SCHEMAS.takeover,
      scope: 'readiness',
      decide: rules.takeOverMedicalResponsibility,
      result: (s) => ({ receiver: s.takeover?.receiver }),
    }),
    [KIND.invoice]: () => ({
      assignedOrg: 'HSF-FIN',
      requiredRole: 'finance',
      dueInMs: policy.escalationDueMs,
      input: { caseId: rt.state.caseId, invoiceTo: rt.state.municipalityCode, hospitalCode: rt.state.hospitalCode, careType: rt.state.careType, basis: rt.state.discharge?.paymentLiability },
      answerSchema: SCHEMAS.invoice,
      decide: rules.recordInvoice,
      result: (_s, d) => ({ invoiceReference: d.invoiceReference }),
    }),
  };
}
