/**
 * The HSN–SLSO support agreement (HSN 2020-1821), one run per year (continue-as-new keeps the history small):
 *
 * 1. HSN's and SLSO's decisions arrive in any order; the agreement takes effect on the later of 1 March 2021
 *    and the last decision. Nothing is paid before it.
 * 2. Each year: 3 266 000 kr for 2021, then previous × (1 + 0.70 × LPIK) in whole kronor. A year whose LPIK is
 *    not registered gets HSF's admin a task, and the workflow waits (the API's registration also wakes it).
 * 3. The year's instalments (yearly or quarterly) become payment tasks for HSF finance, booked in the ledger.
 * 4. Either party can give notice; the agreement ends at the end of the notice period and no payment falls due
 *    after it.
 *
 * Calendar time rules: years already past are handled at once, a future year waits for its 1 January on a
 * durable timer.
 */
import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CaseProjectionActivities } from '../../../libs/contracts/src/case-projection.contract';
import type { TaskActor } from '../../../libs/contracts/src/human-task.contract';
import {
  AGREEMENT_CASE_TYPE,
  AGREEMENT_TASK_KINDS as KIND,
  AgreementDecision,
  AgreementInput,
  AgreementState,
  agreementStateQuery,
  agreementWorkflowId,
  giveNoticeUpdate,
  lpikRegisteredSignal,
  recordAgreementDecisionUpdate,
  SupportAgreementActivities,
  YearRecord,
} from '../contracts/support-agreement.contract';
import {
  AGREEMENT_FIRST_YEAR,
  AGREEMENT_FIRST_YEAR_KR,
  agreementEndsOn,
  effectiveDate,
  instalments,
  nextYearKr,
} from '../../../libs/domain/src/coordination/support-agreement';
import { stockholmMidnight } from '../../../libs/domain/src/time/stockholm-clock';
import { stockholmDate } from '../../../libs/domain/src/time/stockholm';
import { HumanTasks } from '../shared/human-tasks';

const retry = { initialInterval: '1 second', maximumInterval: '1 minute' };
const { projectCase } = proxyActivities<CaseProjectionActivities>({ startToCloseTimeout: '30 seconds', retry });
const agreement = proxyActivities<SupportAgreementActivities>({ startToCloseTimeout: '30 seconds', retry });

const PARTIES = ['HSN', 'SLSO', 'HSF', 'HSF-FIN'];

export async function supportAgreementWorkflow(input: AgreementInput): Promise<AgreementState> {
  const { mandateId, policy } = input;
  const carried = input.carried;
  const state: AgreementState = {
    mandateId,
    status: 'awaiting_decisions',
    decisions: carried?.decisions ?? {},
    years: carried?.years ?? [],
    notice: carried?.notice,
    version: carried?.version ?? 0,
  };
  let lpikNudges = 0;
  const settle = () => {
    const { HSN, SLSO } = state.decisions;
    if (HSN && SLSO) state.effectiveDate = effectiveDate(HSN.decidedOn, SLSO.decidedOn);
    state.status = state.notice ? 'terminating' : state.effectiveDate ? 'in_effect' : 'awaiting_decisions';
  };
  settle();

  const tasks = new HumanTasks({
    caseId: mandateId,
    caseType: AGREEMENT_CASE_TYPE,
    workflowId: agreementWorkflowId(mandateId),
    closedReason: () => (state.status === 'ended' ? 'the agreement has ended' : null),
  });
  const project = () =>
    projectCase({
      caseId: mandateId,
      caseType: AGREEMENT_CASE_TYPE,
      workflowId: agreementWorkflowId(mandateId),
      status: state.status,
      parties: PARTIES,
      version: state.version,
      summary: { effectiveDate: state.effectiveDate ?? null, years: state.years.map((y) => ({ year: y.year, amountKr: y.amountKr })), notice: state.notice ?? null },
      events: [],
    });
  const changed = () => {
    state.version += 1;
  };

  setHandler(agreementStateQuery, () => state);
  setHandler(lpikRegisteredSignal, () => {
    lpikNudges += 1;
  });

  setHandler(
    recordAgreementDecisionUpdate,
    async (d: AgreementDecision) => {
      state.decisions[d.organisationCode] = d;
      settle();
      changed();
      await project();
      return state;
    },
    {
      validator: (d: AgreementDecision) => {
        if (d.by.organisationCode !== d.organisationCode) throw new Error('a decision is recorded by its own organisation');
        if (state.decisions[d.organisationCode]) throw new Error(`${d.organisationCode} has already decided (${state.decisions[d.organisationCode]?.reference})`);
        if (d.organisationCode === 'HSN' && !d.signatory) throw new Error("HSN's decision needs its signatory");
      },
    },
  );

  setHandler(
    giveNoticeUpdate,
    async (n: { by: TaskActor; givenOn: string }) => {
      state.notice = { by: n.by, givenOn: n.givenOn, endsOn: agreementEndsOn(n.givenOn, policy.noticePeriodDays) };
      settle();
      changed();
      await project();
      return state;
    },
    {
      validator: (n: { by: TaskActor; givenOn: string }) => {
        if (!state.effectiveDate) throw new Error('the agreement is not in effect');
        if (state.notice) throw new Error(`notice was already given on ${state.notice.givenOn}`);
        if (n.givenOn < state.effectiveDate) throw new Error('notice cannot be dated before the agreement took effect');
      },
    },
  );

  /** Waits (a durable timer) until Stockholm's `date` begins; returns early when notice ends the agreement first. */
  const waitUntil = async (date: string) => {
    const ms = stockholmMidnight(date) - Date.now();
    if (ms > 0) await condition(() => !!state.notice && state.notice.endsOn <= date, ms);
  };
  const endedBy = (date: string) => !!state.notice && state.notice.endsOn <= date;

  /** LPIK for `year`: registered already, or HSF's admin is asked and the workflow waits. */
  async function lpikFor(year: number): Promise<number> {
    let taskId: string | undefined;
    let fromTask: number | undefined;
    for (;;) {
      const value = fromTask ?? (await agreement.lpikFor(year));
      if (value !== null) {
        if (taskId && tasks.isOpen(taskId)) await tasks.cancel([taskId], 'LPIK registered through the API');
        state.waitingFor = undefined;
        return value;
      }
      if (!taskId) {
        state.waitingFor = `LPIK ${year}`;
        changed();
        taskId = await tasks.openTask<{ percentHundredths: number }>({
          kind: KIND.registerLpik,
          assignedOrg: 'HSF',
          requiredRole: 'admin',
          dueInMs: policy.lpikDueMs,
          input: { year, note: 'LPIK excluding pharmaceuticals (outcome), in hundredths of a percent: 2.6 % = 260' },
          answerSchema: {
            type: 'object',
            additionalProperties: false,
            required: ['percentHundredths'],
            properties: { percentHundredths: { type: 'integer', minimum: -5000, maximum: 5000 } },
          },
          onComplete: async (d, by) => {
            fromTask = await agreement.registerLpik({ year, hundredths: d.percentHundredths, by });
            return { year, percentHundredths: fromTask };
          },
        });
        await project();
      }
      const nudges = lpikNudges;
      await condition(() => lpikNudges !== nudges || fromTask !== undefined);
    }
  }

  /** What SLSO receives for `year`, building on the years before it. */
  async function amountFor(year: number): Promise<{ kr: number; lpik: number | null }> {
    if (year === AGREEMENT_FIRST_YEAR) return { kr: AGREEMENT_FIRST_YEAR_KR, lpik: null };
    const previous = state.years.find((y) => y.year === year - 1);
    const previousKr = previous ? previous.amountKr : (await amountFor(year - 1)).kr;
    const lpik = await lpikFor(year);
    return { kr: nextYearKr(previousKr, lpik), lpik };
  }

  // ---- this run's year -----------------------------------------------------------------------------------

  await project();
  await condition(() => !!state.effectiveDate);
  const effective = state.effectiveDate as string;
  const last = state.years[state.years.length - 1];
  const year = last ? last.year + 1 : Math.max(AGREEMENT_FIRST_YEAR, Number(effective.slice(0, 4)));
  state.currentYear = year;
  const startsOn = [`${year}-01-01`, effective].sort()[1];

  await waitUntil(startsOn);
  if (!endedBy(startsOn)) {
    const { kr, lpik } = await amountFor(year);
    const record: YearRecord = { year, amountKr: kr, lpikHundredths: lpik, payments: [] };
    state.years.push(record);
    changed();
    await project();
    let unpaid = 0;
    for (const part of instalments(year, kr, policy.instalmentPlan)) {
      const dueOn = [part.dueOn, effective].sort()[1]; // nothing falls due before the agreement takes effect
      await waitUntil(dueOn);
      if (endedBy(dueOn)) break; // no payments after the end of the notice period
      const payment: YearRecord['payments'][number] = { instalment: part.instalment, dueOn, amountOre: part.amountOre };
      record.payments.push(payment);
      const owed = { mandateId, agreementId: mandateId, year, instalment: part.instalment, amountOre: part.amountOre };
      await agreement.bookAgreementPayment({ ...owed, by: { actor: 'system', organisationCode: 'HSF' } });
      unpaid += 1;
      await tasks.openTask<{ paymentReference: string; paidOn: string }>({
        kind: KIND.payment,
        assignedOrg: 'HSF-FIN',
        requiredRole: 'finance',
        dueInMs: policy.paymentDueMs,
        input: { agreement: 'HSN 2020-1821', payee: 'SLSO', year, instalment: part.instalment, dueOn, amountOre: part.amountOre },
        answerSchema: {
          type: 'object',
          additionalProperties: false,
          required: ['paymentReference', 'paidOn'],
          properties: { paymentReference: { type: 'string', minLength: 1, maxLength: 100 }, paidOn: { type: 'string', format: 'date' } },
        },
        onComplete: async (d, by) => {
          await agreement.bookAgreementPayment({ ...owed, paymentReference: d.paymentReference, by });
          Object.assign(payment, { paymentReference: d.paymentReference, paidOn: d.paidOn });
          unpaid -= 1;
          changed();
          await project();
          return { year, instalment: part.instalment, paidOre: part.amountOre };
        },
      });
      changed();
      await project();
    }
    await condition(() => unpaid === 0);
  }

  const nextYearStarts = `${year + 1}-01-01`;
  if (endedBy(startsOn) || endedBy(nextYearStarts) || (state.notice && state.notice.endsOn <= stockholmDate(new Date()))) {
    state.status = 'ended';
    state.currentYear = undefined;
    changed();
    await tasks.cancelAll('the agreement has ended');
    await project();
    await condition(allHandlersFinished);
    return state;
  }
  await condition(allHandlersFinished);
  return continueAsNew<typeof supportAgreementWorkflow>({
    mandateId,
    policy,
    carried: { decisions: state.decisions, years: state.years, notice: state.notice, version: state.version },
  });
}
