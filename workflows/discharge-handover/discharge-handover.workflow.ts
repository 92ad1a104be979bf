/**
 * Discharge handover (utskrivning), Lag 2017:612 and the 2020 patient-flow rules, one workflow per hospital stay:
 *
 * 1. The hospital opens the case (inskrivningsmeddelande); late notices are marked with their delay.
 * 2. Planning: municipality and vårdcentral acknowledge; the vårdcentral appoints a fast vårdkontakt; the
 *    municipality decides on its services (or asks the hospital for more information first).
 * 3. The hospital declares the patient ready (utskrivningsklar); both parties acknowledge. A revocation closes
 *    the notice's tasks and stops the clocks until the patient is declared ready again.
 * 4. SIP: when both municipal and region services are needed, the vårdcentral calls to a SIP within 3 days.
 * 5. Takeover of medical responsibility: the vårdcentral on weekdays, ASIH on weekends and holidays 08–17.
 * 6. Discharge is refused until the routine's checklist is done: primary care's kvittens of the notice, the fast
 *    vårdkontakt, the SIP call where needed, the acknowledged takeover, and the municipality's decision when
 *    municipal needs were notified (a patient with none gets no municipal task).
 * 7. Past the liability day, HSF finance gets the invoice basis (HSF registers a missing daily amount first).
 * 8. The hospital can cancel (death, other in-patient care, opened in error).
 *
 * The rules are in libs/domain/src/discharge; deadlines, escalation, projection and closing are the runtime's.
 */
import { patched } from '@temporalio/workflow';
import {
  cancelDischargeHandoverUpdate,
  changeEstimatedDischargeDateUpdate,
  declareReadyForDischargeUpdate,
  DISCHARGE_HANDOVER_CASE_TYPE,
  DISCHARGE_TASK_KINDS as KIND,
  DischargeHandoverInput,
  DischargeHandoverState,
  dischargeHandoverOpenedUpdate,
  dischargeHandoverStateQuery,
  dischargeSummaryQuery,
  recordDischargeUpdate,
  revokeReadyForDischargeUpdate,
} from '../../libs/contracts/src/discharge-handover.contract';
import type { Actor } from '../../libs/domain/src/case/case';
import * as rules from '../../libs/domain/src/discharge/discharge.rules';
import type { DischargeCase } from '../../libs/domain/src/discharge/discharge.types';
import { dischargeListSummary, dischargeSummary } from '../../libs/domain/src/discharge/discharge.views';
import { CaseRuntime } from '../shared/case-runtime';
import { dailyAmountReference, DEFAULTS, dischargeTasks, resolvePolicy } from './discharge-tasks';

const actor = ({ actor, organisationCode }: Actor): Actor => ({ actor, organisationCode });

/**
 * Issue 11's rules (count from the notice, the routine's checklist, the weekday eves as helger, the SIP deadline in
 * calendar days): cases that started before it keep their rules, decided once and carried in the case's policy.
 */
export const DISCHARGE_RULES_PATCH = 'discharge-i11-notice-clock-and-checklist';

/**
 * Issue 13: a case carries its patient only sealed (`patientSealed`). A case started before on the old input carries
 * the patient in plain from run to run; past this patch, once its projection holds the patient (sealed there), the
 * next run (continue-as-new) goes without the plain patient.
 */
export const DISCHARGE_SEALED_PATIENT_PATCH = 'discharge-i13-sealed-patient';

export async function dischargeHandoverV2(input: DischargeHandoverInput): Promise<DischargeHandoverState> {
  // A run carried over from before the rules existed (continued as new by an older worker, its first task still
  // unprocessed) is an old case whatever the patch says: only a case's first run may be new.
  const resolved = resolvePolicy(input.policy, () => !input.carried && patched(DISCHARGE_RULES_PATCH));
  const policy = { ...DEFAULTS, ...resolved };
  const ruleOptions = {
    version: policy.ruleVersion,
    holidayEves: policy.holidayEves,
    billsDischargeDay: policy.liabilityBillsDischargeDay,
  } as const;
  const municipalityTakesPart = () => rules.municipalityNotified(rt.state, ruleOptions);
  const opening = rules.openDischargeCase({ ...input, asihCode: input.asihCode ?? policy.defaultAsihCode, noticeDeadlineHours: policy.noticeDeadlineHours });
  const rt = new CaseRuntime<DischargeCase>({
    caseType: DISCHARGE_HANDOVER_CASE_TYPE,
    caseId: input.caseId,
    initial: opening.state,
    carried: input.carried,
    continueWith: (carried) => {
      const next: DischargeHandoverInput = { ...input, policy: resolved, carried };
      if (input.patient && carried.subjectSent && patched(DISCHARGE_SEALED_PATIENT_PATCH)) delete next.patient;
      return next;
    },
    status: (s) => s.status,
    parties: rules.dischargeParties,
    summary: dischargeListSummary,
    subjectSealed: input.patientSealed,
    subject: input.patient,
    ended: rules.dischargeCaseEnded,
    waitingFor: (s) =>
      s.status === 'planning'
        ? { what: 'request', description: "the hospital's utskrivningsklar notice", until: s.estimatedDischargeDate }
        : { what: 'request', description: "the hospital's record of the discharge", until: s.plannedDischargeAt ?? null },
    // An overdue task goes to its own organisation's coordinator.
    escalation: { kind: KIND.escalation, dueInMs: policy.escalationDueMs, to: (t, level) => (level === 1 ? { org: t.assignedOrg, role: 'coordinator' } : null) },
    references: { daily_amount: dailyAmountReference(policy) },
    maxHistoryLength: policy.maxHistoryLength,
  });
  rt.tasks(dischargeTasks(rt, input, policy));
  rt.openedUpdate(dischargeHandoverOpenedUpdate, input.requestId);
  rt.query(dischargeHandoverStateQuery, (view) => view);
  // The name is the API's to fill in (it opens the sealed subject); only an old-input case knows it here.
  rt.query(dischargeSummaryQuery, (view) => dischargeSummary(view, input.patient?.name ?? null));

  /** On an utskrivningsklar notice: kvittens from both parties, the SIP call if needed, and the takeover. */
  const openReadinessTasks = () => {
    if (municipalityTakesPart()) rt.openTask(KIND.acknowledgeReady, { party: 'municipality' });
    rt.openTask(KIND.acknowledgeReady, { party: 'primaryCare' });
    if (rt.state.sip.required && !rt.state.sip.call) rt.openTask(KIND.callSip, {});
    rt.openTask(KIND.takeover, {});
  };

  /** The invoice basis needs each liable year's daily amount; a missing one is asked of HSF, never guessed. */
  const determinePaymentLiability = async () => {
    const years = rules.liabilityYears(rt.state, policy.liabilityPolicy, ruleOptions);
    if (years.length === 0) return;
    const missing = await rt.awaitReferences(years.map((year) => ({ kind: 'daily_amount' as const, year })), 'liability', {});
    if (missing.length > 0) rt.apply(rules.awaitDailyAmounts(rt.state, missing.map((k) => k.year)));
  };
  rt.onReferences('liability', (_params, amounts) => {
    const dailyAmounts = Object.entries(amounts).map(([key, amountOre]) => ({ year: Number(key.split(':')[1]), amountOre }));
    rt.apply(rules.determinePaymentLiability(rt.state, policy.liabilityPolicy, dailyAmounts, ruleOptions));
    if (rt.state.discharge?.paymentLiability) rt.openTask(KIND.invoice, {});
  });

  const now = () => rt.now();
  rt.command(changeEstimatedDischargeDateUpdate, { decide: (s, cmd) => rules.changeEstimatedDischargeDate(s, cmd), by: actor, audit: 'discharge.change_estimated_date' });
  rt.command(declareReadyForDischargeUpdate, { decide: (s, cmd) => rules.declareReadyForDischarge(s, cmd, now(), ruleOptions), by: actor, audit: 'discharge.declare_ready', then: openReadinessTasks });
  rt.command(revokeReadyForDischargeUpdate, {
    decide: (s, cmd) => rules.revokeReadyForDischarge(s, cmd),
    by: actor,
    audit: 'discharge.revoke_ready',
    then: () => rt.cancelScope('readiness', 'utskrivningsklar revoked'),
  });
  rt.command(recordDischargeUpdate, {
    decide: (s, cmd) => rules.recordDischarge(s, cmd, now(), ruleOptions),
    by: actor,
    audit: 'discharge.record',
    then: async () => {
      rt.cancelAll('patient discharged');
      await determinePaymentLiability();
    },
  });
  rt.command(cancelDischargeHandoverUpdate, { decide: (s, cmd) => rules.cancelDischargeHandover(s, cmd, now()), by: actor, audit: 'discharge.cancel', then: () => rt.cancelAll('case cancelled') });

  return rt.run(() => {
    rt.apply(opening);
    rt.auditRequest('discharge.open', input.openedBy, input.requestId);
    // The municipality gets its tasks only when municipal needs were notified.
    if (municipalityTakesPart()) rt.openTask(KIND.acknowledgeNotice, { party: 'municipality' });
    rt.openTask(KIND.acknowledgeNotice, { party: 'primaryCare' });
    rt.openTask(KIND.appointFastVardkontakt, {});
    if (municipalityTakesPart()) rt.openTask(KIND.needsAssessment, {});
  });
}
