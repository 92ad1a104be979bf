/**
 * The HSN–SLSO support agreement (HSN 2020-1821), one long-running workflow:
 *
 * 1. HSN's and SLSO's decisions arrive in any order; the agreement takes effect on the later of 1 March 2021
 *    and the last decision. Nothing is paid before it.
 * 2. Each year: 3 266 000 kr for 2021, then previous × (1 + 0.70 × LPIK) in whole kronor; which year's LPIK,
 *    outcome or forecast, is the case's `lpikBasis` (default: the outcome for the year paid). A year whose LPIK
 *    is not registered gets HSF's admin a task, due a month after SKR publishes it, and the agreement waits (a
 *    registration through the API wakes it).
 * 3. The year's instalments (yearly or quarterly) fall due on durable timers: each is booked as owed and becomes
 *    a payment task for HSF finance, whose payment is booked too. The next year begins when this one is paid.
 * 4. Either party can give notice; no payment falls due from the end of the notice period, and the agreement
 *    ends then, once what fell due before is paid.
 *
 * Calendar time rules: dates already past are handled at once, a future one waits for its Stockholm midnight.
 */
import { DATE, object, text } from '../../libs/contracts/src/answer-schema';
import {
  AGREEMENT_CASE_TYPE,
  AGREEMENT_TASK_KINDS as KIND,
  AgreementInput,
  AgreementState,
  agreementStateQuery,
  giveNoticeUpdate,
  lpikRegisteredSignal,
  recordAgreementDecisionUpdate,
} from '../../libs/contracts/src/support-agreement.contract';
import { setHandler } from '@temporalio/workflow';
import { SYSTEM } from '../../libs/domain/src/case/case';
import * as rules from '../../libs/domain/src/coordination/agreement.rules';
import type { Agreement } from '../../libs/domain/src/coordination/agreement.types';
import { LPIK_BOUNDS_HUNDREDTHS, lpikIndexKnownOn, lpikKind, yearPaidBy } from '../../libs/domain/src/coordination/support-agreement';
import { stockholmMidnight } from '../../libs/domain/src/time/stockholm-clock';
import { CaseRuntime } from '../shared/case-runtime';

type Part = { instalment: number; dueOn: string; amountOre: number };

export async function supportAgreementV2(input: AgreementInput): Promise<AgreementState> {
  const { policy } = input;
  /** Absent in cases started before AGREEMENT_LPIK_BASIS: they keep the outcome for the year paid, as then. */
  const basis = policy.lpikBasis;
  const lpikNote = (indexYear: number) =>
    basis
      ? `LPIK excluding pharmaceuticals, SKR's ${lpikKind(basis)} for ${indexYear} (raises ${yearPaidBy(indexYear, basis)}), in hundredths of a percent: 2.6 % = 260`
      : 'LPIK excluding pharmaceuticals (outcome), in hundredths of a percent: 2.6 % = 260';
  const rt = new CaseRuntime<Agreement>({
    caseType: AGREEMENT_CASE_TYPE,
    caseId: input.mandate.id,
    initial: rules.openAgreement(input.mandate),
    carried: input.carried,
    continueWith: (carried) => ({ ...input, carried }),
    status: (s) => s.status,
    parties: () => rules.AGREEMENT_PARTIES,
    summary: rules.agreementListSummary,
    ended: (s) => s.status === 'ended',
    takesOver: true,
    waitingFor: (s) => (s.status === 'awaiting_decisions' ? { what: 'request', description: 'the decisions of HSN and SLSO', until: null } : null),
    references: {
      lpik: {
        taskKind: KIND.registerLpik,
        assignedOrg: 'HSF',
        requiredRole: 'reference_admin',
        dueInMs: policy.lpikDueMs,
        // A case with a basis asks no earlier than the index exists (an outcome: March of the next year).
        ...(basis ? { dueAt: (key) => new Date(Math.max(Date.now(), stockholmMidnight(lpikIndexKnownOn(key.year, lpikKind(basis)))) + policy.lpikDueMs).toISOString() } : {}),
        input: (key) => ({ year: key.year, note: lpikNote(key.year) }),
        answerSchema: object({ percentHundredths: { type: 'integer', minimum: LPIK_BOUNDS_HUNDREDTHS.min, maximum: LPIK_BOUNDS_HUNDREDTHS.max } }, ['percentHundredths']),
        valueOf: (d) => d.percentHundredths as number,
        event: 'lpik_registered',
        detail: (key, percentHundredths) => ({ year: key.year, percentHundredths }),
        describe: (key) => `LPIK ${key.year}`,
      },
    },
    maxHistoryLength: policy.maxHistoryLength,
  });
  const at = (date: string) => stockholmMidnight(date);
  const startYear = (year: number) => rt.schedule('year', at(rules.yearStartsOn(rt.state, year)), { year });
  const endIfSettled = () => {
    if (rt.state.status !== 'ended' && rt.state.notice && rules.unpaidInstalments(rt.state) === 0) rt.apply(rules.endAgreement(rt.state));
  };
  /** A year fully paid: the next one begins on its 1 January, unless notice has ended the agreement by then. */
  const settleYear = (year: number) => {
    if (!rules.yearSettled(rt.state, year, policy.instalmentPlan)) return;
    if (rules.endedBy(rt.state, `${year + 1}-01-01`)) endIfSettled();
    else startYear(year + 1);
  };
  const begin = (year: number, lpik: number | null) => {
    rt.apply(rules.beginYear(rt.state, year, lpik, rules.lpikYearFor(year, policy)));
    for (const part of rules.instalmentsOf(rt.state, year, policy.instalmentPlan)) {
      if (!rules.endedBy(rt.state, part.dueOn)) rt.schedule('instalment', at(part.dueOn), { year, part });
    }
    settleYear(year); // nothing falls due before the end of the notice period
  };

  rt.onTimer<{ year: number }>(
    'year',
    async ({ year }) => {
      if (rules.endedBy(rt.state, rules.yearStartsOn(rt.state, year))) return endIfSettled();
      if (!rules.needsLpik(year)) return begin(year, null);
      await rt.awaitReferences([{ kind: 'lpik', year: rules.lpikYearFor(year, policy) }], 'lpik', { year });
    },
    ({ year }) => `the ${year} compensation year begins`,
  );
  rt.onReferences<{ year: number }>('lpik', ({ year }, values) => begin(year, values[`lpik:${rules.lpikYearFor(year, policy)}`]));
  rt.onTimer<{ year: number; part: Part }>(
    'instalment',
    ({ year, part }) => {
      if (rules.endedBy(rt.state, part.dueOn)) return settleYear(year);
      rt.apply(rules.instalmentDue(rt.state, year, part));
      rt.openTask(KIND.payment, { year, part });
    },
    ({ year, part }) => `instalment ${year}/${part.instalment} falls due on ${part.dueOn}`,
  );
  rt.onTimer('notice_ends', endIfSettled, () => 'the end of the notice period');

  rt.tasks({
    [KIND.payment]: ({ year, part }: { year: number; part: Part }) => ({
      assignedOrg: 'HSF-FIN',
      requiredRole: 'finance',
      dueInMs: policy.paymentDueMs,
      input: { agreement: input.mandate.reference, payee: input.mandate.payeeOrg, year, instalment: part.instalment, dueOn: part.dueOn, amountOre: part.amountOre },
      answerSchema: object({ paymentReference: text(100), paidOn: DATE }, ['paymentReference', 'paidOn']),
      decide: (s, d: { paymentReference: string; paidOn: string }, by) => rules.payInstalment(s, year, part.instalment, d, by),
      then: () => settleYear(year),
      result: () => ({ year, instalment: part.instalment, paidOre: part.amountOre }),
    }),
  });

  rt.query(agreementStateQuery, (view) => view);
  setHandler(lpikRegisteredSignal, () => undefined); // sent for legacy runs; V2 hears referenceRegistered
  rt.command(recordAgreementDecisionUpdate, {
    decide: (s, d) => rules.recordAgreementDecision(s, d),
    by: (d) => d.by,
    audit: 'agreement.decide',
    then: () => {
      if (rt.state.effectiveDate && rt.state.years.length === 0 && !rt.hasTimer('year')) startYear(rules.firstYear(rt.state));
    },
  });
  rt.command(giveNoticeUpdate, {
    decide: (s, n) => rules.giveNotice(s, n, policy),
    by: (n) => n.by,
    audit: 'agreement.notice',
    then: () => rt.schedule('notice_ends', at(rt.state.notice?.endsOn as string), {}),
  });

  return rt.run(() => {
    rt.record({ type: 'agreement_opened', by: SYSTEM, detail: { reference: input.mandate.reference } });
  });
}
