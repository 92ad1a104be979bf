/**
 * The HSN–SLSO support agreement's rules: decisions in any order, the effective date, each year's compensation
 * and its instalments, payments booked in the ledger, and notice. Pure: the workflow calls these; the API calls
 * `agreementDecisionProblem` before it records a decision.
 */
import { Actor, Decision, firstRefusal, outcome, Outcome, refuse, Refusal, SYSTEM } from '../case/case';
import type { LedgerBooking } from '../case/effects';
import { isCalendarDate } from '../time/stockholm';
import type { Agreement, AgreementDecision, AgreementPolicy, GiveNotice, YearRecord } from './agreement.types';
import { AGREEMENT_FIRST_YEAR, AGREEMENT_FIRST_YEAR_KR, agreementEndsOn, effectiveDate, instalments, lpikIndexYear, nextYearKr } from './support-agreement';

export const AGREEMENT_PARTIES = ['HSN', 'SLSO', 'HSF', 'HSF-FIN'];

export function openAgreement(mandate: Agreement['mandate']): Agreement {
  return { mandateId: mandate.id, mandate, status: 'awaiting_decisions', decisions: {}, years: [] };
}

const settled = (a: Agreement): Agreement => {
  const { HSN, SLSO } = a.decisions;
  const effective = HSN && SLSO ? effectiveDate(HSN.decidedOn, SLSO.decidedOn) : a.effectiveDate;
  const status = a.status === 'ended' ? 'ended' : a.notice ? 'terminating' : effective ? 'in_effect' : 'awaiting_decisions';
  return { ...a, status, ...(effective ? { effectiveDate: effective } : {}) };
};

/** What is wrong with a decision as such (who records it, its signatory), or null. */
export function agreementDecisionProblem(d: Pick<AgreementDecision, 'organisationCode' | 'by' | 'signatory'>): Refusal | null {
  return firstRefusal(
    () => (d.organisationCode !== 'HSN' && d.organisationCode !== 'SLSO' ? refuse('forbidden', 'only HSN and SLSO decide on the agreement') : null),
    () => (d.by.organisationCode !== d.organisationCode ? refuse('forbidden', 'a decision is recorded by its own organisation') : null),
    () => (d.organisationCode === 'HSN' && !d.signatory ? refuse('invalid_input', "HSN's decision needs its signatory", { field: 'signatory' }) : null),
    // Whether the delegation is registered and valid on the day is checked against the register by the API.
    () =>
      d.signatory?.role === 'department_head' && !d.signatory.delegationReference
        ? refuse('forbidden', 'a department head signs only with a registered delegation valid on the decision date', { field: 'signatory.delegationReference' })
        : null,
  );
}

export function recordAgreementDecision(a: Agreement, d: AgreementDecision): Decision<Agreement> {
  const earlier = a.decisions[d.organisationCode];
  const refused = agreementDecisionProblem(d) ?? (earlier ? refuse('conflict', `${d.organisationCode} has already decided (${earlier.reference})`) : null);
  if (refused) return refused;
  const next = settled({ ...a, decisions: { ...a.decisions, [d.organisationCode]: d } });
  const recorded = outcome(next, 'agreement_decided', d.by, { organisationCode: d.organisationCode, decidedOn: d.decidedOn, reference: d.reference });
  if (!next.effectiveDate || a.effectiveDate) return recorded;
  return { state: next, events: [...recorded.events, { type: 'agreement_in_effect', by: SYSTEM, detail: { effectiveDate: next.effectiveDate } }] };
}

export function giveNotice(a: Agreement, n: GiveNotice, policy: Pick<AgreementPolicy, 'noticePeriodDays'>): Decision<Agreement> {
  const refused = firstRefusal(
    () => (n.by.organisationCode !== 'HSN' && n.by.organisationCode !== 'SLSO' ? refuse('forbidden', 'only HSN and SLSO can give notice') : null),
    () => (!a.effectiveDate || a.status === 'ended' ? refuse('conflict', 'the agreement is not in effect') : null),
    () => (a.notice ? refuse('conflict', `notice was already given on ${a.notice.givenOn}`) : null),
    () => (!isCalendarDate(n.givenOn) ? refuse('invalid_input', 'givenOn must be a date YYYY-MM-DD', { field: 'givenOn' }) : null),
    () => (n.givenOn < (a.effectiveDate as string) ? refuse('invalid_input', 'notice cannot be dated before the agreement took effect', { field: 'givenOn' }) : null),
  );
  if (refused) return refused;
  const endsOn = agreementEndsOn(n.givenOn, policy.noticePeriodDays);
  return outcome(settled({ ...a, notice: { by: n.by, givenOn: n.givenOn, endsOn } }), 'notice_given', n.by, { givenOn: n.givenOn, endsOn });
}

/** Whether notice ends the agreement on or before `date` (no payment falls due from then on). */
export const endedBy = (a: Agreement, date: string): boolean => !!a.notice && a.notice.endsOn <= date;

/** The first year to pay, and the day each year's payments start (never before the agreement takes effect). */
export const firstYear = (a: Agreement): number => Math.max(AGREEMENT_FIRST_YEAR, Number((a.effectiveDate as string).slice(0, 4)));
export const yearStartsOn = (a: Agreement, year: number): string => [`${year}-01-01`, a.effectiveDate as string].sort()[1];

/** The year's compensation needs LPIK for every year after the first. */
export const needsLpik = (year: number): boolean => year > AGREEMENT_FIRST_YEAR;

/** The year of the LPIK that raises `year` under the case's policy (absent: the year itself, as before). */
export const lpikYearFor = (year: number, policy: Pick<AgreementPolicy, 'lpikBasis'>): number => lpikIndexYear(year, policy.lpikBasis);

/**
 * A new compensation year: 3 266 000 kr for 2021, then the previous year × (1 + 0.70 × LPIK). `lpikYear` is the
 * year of the index given (`lpikYearFor`); the year itself unless the policy says otherwise.
 */
export function beginYear(a: Agreement, year: number, lpikHundredths: number | null, lpikYear: number = year): Decision<Agreement> {
  if (a.years.some((y) => y.year === year)) return refuse('conflict', `the ${year} compensation year has already begun`);
  let amountKr = AGREEMENT_FIRST_YEAR_KR;
  if (year !== AGREEMENT_FIRST_YEAR) {
    const previous = a.years.find((y) => y.year === year - 1);
    if (!previous || lpikHundredths === null) return refuse('conflict', `the ${year} compensation needs ${year - 1}'s amount and LPIK ${lpikYear}`);
    amountKr = nextYearKr(previous.amountKr, lpikHundredths);
  }
  const first = year === AGREEMENT_FIRST_YEAR;
  const record: YearRecord = { year, amountKr, lpikHundredths: first ? null : lpikHundredths, ...(first || lpikYear === year ? {} : { lpikYear }), payments: [] };
  return outcome({ ...a, years: [...a.years, record], currentYear: year }, 'compensation_year_begun', SYSTEM, {
    year,
    amountKr,
    lpikHundredths: record.lpikHundredths,
    ...(record.lpikYear !== undefined ? { lpikYear: record.lpikYear } : {}),
  });
}

/** The year's instalments, each falling due no earlier than the agreement's effective date. */
export function instalmentsOf(a: Agreement, year: number, plan: AgreementPolicy['instalmentPlan']) {
  const record = a.years.find((y) => y.year === year);
  if (!record) return [];
  return instalments(year, record.amountKr, plan).map((p) => ({ ...p, dueOn: [p.dueOn, a.effectiveDate as string].sort()[1] }));
}

function booking(a: Agreement, year: number, instalment: number, amountOre: number, kind: 'approved' | 'paid', reference: string, by: string): LedgerBooking {
  return {
    bookingKey: `agreement:${a.mandateId}:${year}:${instalment}:${kind}`,
    mandateId: a.mandate.id,
    source: 'support_agreement',
    sourceId: a.mandateId,
    kind,
    category: 'support_agreement',
    amountOre,
    payerOrg: a.mandate.payerOrg,
    payeeOrg: a.mandate.payeeOrg,
    reference,
    bookedBy: by,
  };
}

/** An instalment falls due: it is booked as owed, and HSF finance is asked to pay it. */
export function instalmentDue(a: Agreement, year: number, part: { instalment: number; dueOn: string; amountOre: number }): Outcome<Agreement> {
  const years = a.years.map((y) => (y.year === year ? { ...y, payments: [...y.payments, { ...part }] } : y));
  const owed = booking(a, year, part.instalment, part.amountOre, 'approved', `${a.mandate.reference} ${year}/${part.instalment}`, 'system');
  return outcome({ ...a, years }, 'instalment_due', SYSTEM, { year, ...part }, [
    { type: 'ledger.book', bookings: [owed], action: 'ledger.book_agreement_instalment', detail: { year, instalment: part.instalment, amountOre: part.amountOre }, by: SYSTEM },
  ]);
}

export function payInstalment(a: Agreement, year: number, instalment: number, d: { paymentReference: string; paidOn: string }, by: Actor): Decision<Agreement> {
  const payment = a.years.find((y) => y.year === year)?.payments.find((p) => p.instalment === instalment);
  if (!payment) return refuse('conflict', `instalment ${year}/${instalment} is not due`);
  if (payment.paymentReference) return refuse('conflict', `instalment ${year}/${instalment} is already paid`);
  const years = a.years.map((y) =>
    y.year !== year ? y : { ...y, payments: y.payments.map((p) => (p.instalment === instalment ? { ...p, paymentReference: d.paymentReference, paidOn: d.paidOn } : p)) },
  );
  const paid = booking(a, year, instalment, payment.amountOre, 'paid', d.paymentReference, by.actor);
  return outcome({ ...a, years }, 'instalment_paid', by, { year, instalment, amountOre: payment.amountOre, paymentReference: d.paymentReference }, [
    { type: 'ledger.book', bookings: [paid], action: 'ledger.book_agreement_payment', detail: { year, instalment, amountOre: payment.amountOre }, by },
  ]);
}

/** Instalments due but not yet paid. */
export const unpaidInstalments = (a: Agreement): number => a.years.reduce((n, y) => n + y.payments.filter((p) => !p.paymentReference).length, 0);

/** Every instalment of `year` has fallen due (or was cut off by notice) and is paid. */
export function yearSettled(a: Agreement, year: number, plan: AgreementPolicy['instalmentPlan']): boolean {
  const record = a.years.find((y) => y.year === year);
  if (!record) return false;
  const due = instalmentsOf(a, year, plan).filter((p) => !endedBy(a, p.dueOn));
  return record.payments.length === due.length && record.payments.every((p) => p.paymentReference);
}

export function endAgreement(a: Agreement): Outcome<Agreement> {
  const { currentYear: _c, ...rest } = a;
  return outcome({ ...rest, status: 'ended' }, 'agreement_ended', SYSTEM, { endsOn: a.notice?.endsOn ?? null });
}

export function agreementListSummary(a: Agreement): Record<string, unknown> {
  return { effectiveDate: a.effectiveDate ?? null, years: a.years.map((y) => ({ year: y.year, amountKr: y.amountKr })), notice: a.notice ?? null };
}
