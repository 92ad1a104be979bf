/**
 * The HSN–SLSO support agreement (HSN 2020-1821): both decisions in any order and the effective date, HSN's
 * signatory, notice, each year's compensation (3 266 000 kr for 2021, then × (1 + 0.70 × LPIK)), instalments and
 * their ledger bookings. Every state and command is deep-frozen, so a rule that mutates its input fails.
 */
import type { Actor } from '../case/case';
import { accepted, deepFreeze, nextState, refused, timeline } from '../case/rule-testing';
import {
  AGREEMENT_PARTIES,
  agreementDecisionProblem,
  agreementListSummary,
  beginYear,
  endAgreement,
  endedBy,
  firstYear,
  giveNotice,
  instalmentDue,
  instalmentsOf,
  lpikYearFor,
  needsLpik,
  openAgreement,
  payInstalment,
  recordAgreementDecision,
  unpaidInstalments,
  yearSettled,
  yearStartsOn,
} from './agreement.rules';
import type { Agreement, AgreementDecision } from './agreement.types';

const HANNA: Actor = { actor: 'hanna', organisationCode: 'HSN' };
const SARA: Actor = { actor: 'sara', organisationCode: 'SLSO' };
const HELGA: Actor = { actor: 'helga', organisationCode: 'HSF' };
const FREDRIK: Actor = { actor: 'fredrik', organisationCode: 'HSF-FIN' };

const MANDATE = deepFreeze({ id: 'agreement-1', reference: 'HSN 2020-1821', payerOrg: 'HSF', payeeOrg: 'SLSO' });
const NOTICE_POLICY = deepFreeze({ noticePeriodDays: 60 });

const hsnDecision = (decidedOn = '2021-02-16'): AgreementDecision =>
  deepFreeze({ organisationCode: 'HSN', decidedOn, reference: 'HSN 2020-1821', by: HANNA, signatory: { name: 'Björn Eriksson', role: 'director_of_health_care' } });
const slsoDecision = (decidedOn = '2021-02-25'): AgreementDecision => deepFreeze({ organisationCode: 'SLSO', decidedOn, reference: 'SLSO 2021-0042', by: SARA });

const opened = (): Agreement => deepFreeze(openAgreement(MANDATE));
const inEffect = (hsnOn?: string, slsoOn?: string): Agreement =>
  nextState(recordAgreementDecision(nextState(recordAgreementDecision(opened(), hsnDecision(hsnOn))), slsoDecision(slsoOn)));
const with2021 = (a: Agreement = inEffect()): Agreement => nextState(beginYear(a, 2021, null));
const given = (a: Agreement, givenOn: string): Agreement => nextState(giveNotice(a, { by: SARA, givenOn }, NOTICE_POLICY));
/** Every instalment of the year falls due, as the workflow books them. */
const allDue = (a: Agreement, year: number, plan: 'yearly' | 'quarterly'): Agreement =>
  instalmentsOf(a, year, plan)
    .filter((p) => !endedBy(a, p.dueOn))
    .reduce((s, p) => nextState(instalmentDue(s, year, p)), a);
const payAll = (a: Agreement, year: number): Agreement =>
  (a.years.find((y) => y.year === year)?.payments ?? []).reduce(
    (s, p) => nextState(payInstalment(s, year, p.instalment, { paymentReference: `PAY-${year}-${p.instalment}`, paidOn: p.dueOn }, FREDRIK)),
    a,
  );

describe('openAgreement', () => {
  it('waits for both decisions', () => {
    expect(openAgreement(MANDATE)).toEqual({ mandateId: 'agreement-1', mandate: MANDATE, status: 'awaiting_decisions', decisions: {}, years: [] });
  });

  it('its parties: HSN, SLSO, HSF and HSF finance', () => {
    expect(AGREEMENT_PARTIES).toEqual(['HSN', 'SLSO', 'HSF', 'HSF-FIN']);
  });
});

describe('agreementDecisionProblem', () => {
  it('accepts HSN with its signatory, and SLSO', () => {
    expect(agreementDecisionProblem(hsnDecision())).toBeNull();
    expect(agreementDecisionProblem(slsoDecision())).toBeNull();
    expect(agreementDecisionProblem({ ...hsnDecision(), signatory: { name: 'Anna Ahl', role: 'department_head', delegationReference: 'DEL-7' } })).toBeNull();
  });

  it('a department head signs only with a delegation (its validity is checked against the register by the API)', () => {
    expect(agreementDecisionProblem({ ...hsnDecision(), signatory: { name: 'Anna Ahl', role: 'department_head' } })).toEqual({
      refused: 'forbidden',
      message: 'a department head signs only with a registered delegation valid on the decision date',
      field: 'signatory.delegationReference',
    });
  });

  it('only HSN and SLSO decide', () => {
    const hsf = { organisationCode: 'HSF' as AgreementDecision['organisationCode'], by: HELGA };
    expect(agreementDecisionProblem(hsf)).toEqual({ refused: 'forbidden', message: 'only HSN and SLSO decide on the agreement' });
  });

  it('a decision is recorded by its own organisation', () => {
    expect(agreementDecisionProblem({ ...slsoDecision(), by: HANNA })).toEqual({ refused: 'forbidden', message: 'a decision is recorded by its own organisation' });
    expect(agreementDecisionProblem({ ...hsnDecision(), by: SARA })).toEqual({ refused: 'forbidden', message: 'a decision is recorded by its own organisation' });
  });

  it("HSN's decision needs its signatory", () => {
    const { signatory: _s, ...unsigned } = hsnDecision();
    expect(agreementDecisionProblem(unsigned)).toEqual({ refused: 'invalid_input', message: "HSN's decision needs its signatory", field: 'signatory' });
  });

  it('asks who records it before the signatory', () => {
    const { signatory: _s, ...unsigned } = hsnDecision();
    expect(agreementDecisionProblem({ ...unsigned, by: SARA })?.refused).toBe('forbidden');
  });
});

describe('recordAgreementDecision', () => {
  it('the first decision is recorded; the agreement still waits', () => {
    const o = accepted(recordAgreementDecision(opened(), hsnDecision()));
    expect(o.state).toEqual({ ...opened(), decisions: { HSN: hsnDecision() }, status: 'awaiting_decisions' });
    expect(timeline(o)).toEqual([
      { type: 'agreement_decided', actor: 'hanna', organisationCode: 'HSN', detail: { organisationCode: 'HSN', decidedOn: '2021-02-16', reference: 'HSN 2020-1821' } },
    ]);
  });

  it('the second decision puts it in effect on 1 March 2021 at the earliest; the system says so', () => {
    const first = nextState(recordAgreementDecision(opened(), hsnDecision()));
    const o = accepted(recordAgreementDecision(first, slsoDecision()));
    expect(o.state.status).toBe('in_effect');
    expect(o.state.effectiveDate).toBe('2021-03-01');
    expect(o.state.decisions).toEqual({ HSN: hsnDecision(), SLSO: slsoDecision() });
    expect(timeline(o)).toEqual([
      { type: 'agreement_decided', actor: 'sara', organisationCode: 'SLSO', detail: { organisationCode: 'SLSO', decidedOn: '2021-02-25', reference: 'SLSO 2021-0042' } },
      { type: 'agreement_in_effect', actor: 'system', organisationCode: null, detail: { effectiveDate: '2021-03-01' } },
    ]);
  });

  it('in any order', () => {
    const slsoFirst = nextState(recordAgreementDecision(opened(), slsoDecision()));
    expect(slsoFirst.status).toBe('awaiting_decisions');
    const o = accepted(recordAgreementDecision(slsoFirst, hsnDecision()));
    expect(o.state.effectiveDate).toBe('2021-03-01');
    expect(timeline(o).map((e) => e.type)).toEqual(['agreement_decided', 'agreement_in_effect']);
  });

  it.each([
    ['HSN decides last, after 1 March', '2021-04-15', '2021-02-01', '2021-04-15'],
    ['SLSO decides last, after 1 March', '2021-02-01', '2021-04-15', '2021-04-15'],
    ['both on 1 March', '2021-03-01', '2021-03-01', '2021-03-01'],
  ])('effective date when %s', (_what, hsnOn, slsoOn, effective) => {
    expect(inEffect(hsnOn, slsoOn).effectiveDate).toBe(effective);
  });

  it('each organisation decides once', () => {
    const first = nextState(recordAgreementDecision(opened(), hsnDecision()));
    expect(recordAgreementDecision(first, hsnDecision('2021-02-20'))).toEqual({ refused: 'conflict', message: 'HSN has already decided (HSN 2020-1821)' });
    expect(recordAgreementDecision(inEffect(), slsoDecision())).toEqual({ refused: 'conflict', message: 'SLSO has already decided (SLSO 2021-0042)' });
  });

  it('checks the decision itself first', () => {
    const first = nextState(recordAgreementDecision(opened(), hsnDecision()));
    expect(refused(recordAgreementDecision(first, { ...hsnDecision(), by: SARA })).refused).toBe('forbidden');
  });
});

describe('giveNotice', () => {
  it('either party gives notice once in effect; the agreement ends after the notice period', () => {
    const o = accepted(giveNotice(inEffect(), deepFreeze({ by: SARA, givenOn: '2021-05-01' }), NOTICE_POLICY));
    expect(o.state.status).toBe('terminating');
    expect(o.state.notice).toEqual({ by: SARA, givenOn: '2021-05-01', endsOn: '2021-06-30' });
    expect(o.state.effectiveDate).toBe('2021-03-01');
    expect(timeline(o)).toEqual([{ type: 'notice_given', actor: 'sara', organisationCode: 'SLSO', detail: { givenOn: '2021-05-01', endsOn: '2021-06-30' } }]);
    expect(accepted(giveNotice(inEffect(), { by: HANNA, givenOn: '2021-05-01' }, NOTICE_POLICY)).state.notice?.by).toEqual(HANNA);
  });

  it('on the effective date itself', () => {
    expect(accepted(giveNotice(inEffect(), { by: HANNA, givenOn: '2021-03-01' }, NOTICE_POLICY)).state.notice?.endsOn).toBe('2021-04-30');
  });

  it('only HSN and SLSO give notice', () => {
    expect(giveNotice(inEffect(), { by: HELGA, givenOn: '2021-05-01' }, NOTICE_POLICY)).toEqual({ refused: 'forbidden', message: 'only HSN and SLSO can give notice' });
  });

  it('only in effect: not before both decisions, not once ended', () => {
    const expected = { refused: 'conflict', message: 'the agreement is not in effect' };
    expect(giveNotice(opened(), { by: SARA, givenOn: '2021-05-01' }, NOTICE_POLICY)).toEqual(expected);
    expect(giveNotice(nextState(recordAgreementDecision(opened(), hsnDecision())), { by: SARA, givenOn: '2021-05-01' }, NOTICE_POLICY)).toEqual(expected);
    expect(giveNotice(nextState(endAgreement(inEffect())), { by: SARA, givenOn: '2021-05-01' }, NOTICE_POLICY)).toEqual(expected);
  });

  it('once', () => {
    expect(giveNotice(given(inEffect(), '2021-05-01'), { by: HANNA, givenOn: '2021-05-02' }, NOTICE_POLICY)).toEqual({
      refused: 'conflict',
      message: 'notice was already given on 2021-05-01',
    });
  });

  it.each(['2021-02-30', '2021-5-1', 'soon'])('refuses %p as a date', (givenOn) => {
    expect(giveNotice(inEffect(), { by: SARA, givenOn }, NOTICE_POLICY)).toEqual({ refused: 'invalid_input', message: 'givenOn must be a date YYYY-MM-DD', field: 'givenOn' });
  });

  it('not dated before the agreement took effect', () => {
    expect(giveNotice(inEffect(), { by: SARA, givenOn: '2021-02-28' }, NOTICE_POLICY)).toEqual({
      refused: 'invalid_input',
      message: 'notice cannot be dated before the agreement took effect',
      field: 'givenOn',
    });
  });

  it('runs its checks in order: who, the state, then the date', () => {
    expect(refused(giveNotice(opened(), { by: HELGA, givenOn: 'soon' }, NOTICE_POLICY)).refused).toBe('forbidden');
    expect(refused(giveNotice(given(inEffect(), '2021-05-01'), { by: SARA, givenOn: 'soon' }, NOTICE_POLICY)).refused).toBe('conflict');
  });
});

describe('endedBy', () => {
  it('is true from the day the notice period ends', () => {
    const a = given(inEffect(), '2021-05-01'); // ends 2021-06-30
    expect(endedBy(a, '2021-06-29')).toBe(false);
    expect(endedBy(a, '2021-06-30')).toBe(true);
    expect(endedBy(a, '2021-07-01')).toBe(true);
    expect(endedBy(inEffect(), '2099-01-01')).toBe(false);
  });
});

describe('years', () => {
  it('firstYear: 2021, or the year it took effect if later', () => {
    expect(firstYear(inEffect())).toBe(2021);
    expect(firstYear(inEffect('2022-02-01', '2022-01-10'))).toBe(2022);
  });

  it('yearStartsOn: 1 January, never before the effective date', () => {
    expect(yearStartsOn(inEffect(), 2021)).toBe('2021-03-01');
    expect(yearStartsOn(inEffect(), 2022)).toBe('2022-01-01');
  });

  it('needsLpik: every year after 2021', () => {
    expect(needsLpik(2021)).toBe(false);
    expect(needsLpik(2022)).toBe(true);
  });
});

describe('beginYear', () => {
  it('2021: 3 266 000 kr, no index', () => {
    const o = accepted(beginYear(inEffect(), 2021, null));
    expect(o.state.years).toEqual([{ year: 2021, amountKr: 3_266_000, lpikHundredths: null, payments: [] }]);
    expect(o.state.currentYear).toBe(2021);
    expect(timeline(o)).toEqual([{ type: 'compensation_year_begun', actor: 'system', organisationCode: null, detail: { year: 2021, amountKr: 3_266_000, lpikHundredths: null } }]);
  });

  it('2021 ignores an index given anyway', () => {
    expect(accepted(beginYear(inEffect(), 2021, 260)).state.years[0]).toEqual({ year: 2021, amountKr: 3_266_000, lpikHundredths: null, payments: [] });
  });

  it('then the previous year × (1 + 0.70 × LPIK), rounded to whole kronor', () => {
    // LPIK 2.6 %: 3 266 000 × 1.0182 = 3 325 441.2 → 3 325 441; then LPIK 6.4 %: × 1.0448 = 3 474 420.76 → 3 474 421.
    const o2022 = accepted(beginYear(with2021(), 2022, 260));
    expect(o2022.state.years[1]).toEqual({ year: 2022, amountKr: 3_325_441, lpikHundredths: 260, payments: [] });
    expect(o2022.state.currentYear).toBe(2022);
    expect(timeline(o2022)[0].detail).toEqual({ year: 2022, amountKr: 3_325_441, lpikHundredths: 260 });
    const o2023 = accepted(beginYear(deepFreeze(o2022.state), 2023, 640));
    expect(o2023.state.years.map((y) => [y.year, y.amountKr])).toEqual([
      [2021, 3_266_000],
      [2022, 3_325_441],
      [2023, 3_474_421],
    ]);
  });

  it('lowers the amount when the index falls', () => {
    expect(accepted(beginYear(with2021(), 2022, -100)).state.years[1].amountKr).toBe(3_243_138);
  });

  it('refuses a year that has already begun', () => {
    expect(beginYear(with2021(), 2021, null)).toEqual({ refused: 'conflict', message: 'the 2021 compensation year has already begun' });
  });

  it("refuses a later year without the previous year's amount or without LPIK", () => {
    expect(beginYear(inEffect(), 2022, 260)).toEqual({ refused: 'conflict', message: "the 2022 compensation needs 2021's amount and LPIK 2022" });
    expect(beginYear(with2021(), 2022, null)).toEqual({ refused: 'conflict', message: "the 2022 compensation needs 2021's amount and LPIK 2022" });
    expect(beginYear(with2021(), 2023, 300)).toEqual({ refused: 'conflict', message: "the 2023 compensation needs 2022's amount and LPIK 2023" });
  });
});

describe('beginYear under AGREEMENT_LPIK_BASIS', () => {
  it('a case without a basis (started before the setting) takes the index of the year itself, as it always did', () => {
    expect(lpikYearFor(2022, {})).toBe(2022);
    expect(lpikYearFor(2022, { lpikBasis: 'outcome-of-year-paid' })).toBe(2022);
    expect(lpikYearFor(2022, { lpikBasis: 'forecast-of-year-paid' })).toBe(2022);
  });

  it('outcome-of-previous-year: 2022 takes LPIK 2021, and the year record and timeline say so', () => {
    expect(lpikYearFor(2022, { lpikBasis: 'outcome-of-previous-year' })).toBe(2021);
    const o = accepted(beginYear(with2021(), 2022, 260, 2021));
    expect(o.state.years[1]).toEqual({ year: 2022, amountKr: 3_325_441, lpikHundredths: 260, lpikYear: 2021, payments: [] });
    expect(timeline(o)[0].detail).toEqual({ year: 2022, amountKr: 3_325_441, lpikHundredths: 260, lpikYear: 2021 });
    expect(beginYear(with2021(), 2023, null, 2022)).toEqual({ refused: 'conflict', message: "the 2023 compensation needs 2022's amount and LPIK 2022" });
  });
});

describe('instalmentsOf', () => {
  it('none for a year not begun', () => {
    expect(instalmentsOf(inEffect(), 2021, 'yearly')).toEqual([]);
  });

  it('a yearly instalment for 2021 falls due on the effective date, not on 1 January', () => {
    expect(instalmentsOf(with2021(), 2021, 'yearly')).toEqual([{ instalment: 1, dueOn: '2021-03-01', amountOre: 326_600_000 }]);
  });

  it('quarterly instalments never fall due before the effective date', () => {
    const a = with2021(inEffect('2021-04-15', '2021-03-10'));
    expect(instalmentsOf(a, 2021, 'quarterly')).toEqual([
      { instalment: 1, dueOn: '2021-04-15', amountOre: 81_650_000 },
      { instalment: 2, dueOn: '2021-04-15', amountOre: 81_650_000 },
      { instalment: 3, dueOn: '2021-07-01', amountOre: 81_650_000 },
      { instalment: 4, dueOn: '2021-10-01', amountOre: 81_650_000 },
    ]);
  });

  it('later years keep their quarter days', () => {
    const a = nextState(beginYear(with2021(), 2022, 260));
    expect(instalmentsOf(a, 2022, 'quarterly').map((p) => [p.dueOn, p.amountOre])).toEqual([
      ['2022-01-01', 83_136_025],
      ['2022-04-01', 83_136_025],
      ['2022-07-01', 83_136_025],
      ['2022-10-01', 83_136_025],
    ]);
  });
});

describe('instalmentDue', () => {
  it('records the instalment as owed and books it in the ledger, by the system', () => {
    const [part] = instalmentsOf(with2021(), 2021, 'quarterly');
    const o = instalmentDue(with2021(), 2021, deepFreeze(part));
    expect(o.state.years[0].payments).toEqual([{ instalment: 1, dueOn: '2021-03-01', amountOre: 81_650_000 }]);
    expect(timeline(o)).toEqual([
      { type: 'instalment_due', actor: 'system', organisationCode: null, detail: { year: 2021, instalment: 1, dueOn: '2021-03-01', amountOre: 81_650_000 } },
    ]);
    expect(o.effects).toEqual([
      {
        type: 'ledger.book',
        bookings: [
          {
            bookingKey: 'agreement:agreement-1:2021:1:approved',
            mandateId: 'agreement-1',
            source: 'support_agreement',
            sourceId: 'agreement-1',
            kind: 'approved',
            category: 'support_agreement',
            amountOre: 81_650_000,
            payerOrg: 'HSF',
            payeeOrg: 'SLSO',
            reference: 'HSN 2020-1821 2021/1',
            bookedBy: 'system',
          },
        ],
        action: 'ledger.book_agreement_instalment',
        detail: { year: 2021, instalment: 1, amountOre: 81_650_000 },
        by: { actor: 'system', organisationCode: null },
      },
    ]);
    expect(unpaidInstalments(o.state)).toBe(1);
  });

  it('touches only its own year', () => {
    const a = nextState(beginYear(with2021(), 2022, 260));
    const o = instalmentDue(a, 2022, { instalment: 1, dueOn: '2022-01-01', amountOre: 83_136_025 });
    expect(o.state.years[0]).toEqual(a.years[0]);
    expect(o.state.years[1].payments).toHaveLength(1);
  });
});

describe('payInstalment', () => {
  const due = () => allDue(with2021(), 2021, 'quarterly');

  it('HSF finance pays an instalment due: recorded, and booked as paid with its reference', () => {
    const o = accepted(payInstalment(due(), 2021, 2, deepFreeze({ paymentReference: 'PAY-2', paidOn: '2021-04-06' }), FREDRIK));
    expect(o.state.years[0].payments[1]).toEqual({ instalment: 2, dueOn: '2021-04-01', amountOre: 81_650_000, paymentReference: 'PAY-2', paidOn: '2021-04-06' });
    expect(o.state.years[0].payments.filter((p) => p.paymentReference)).toHaveLength(1);
    expect(timeline(o)).toEqual([
      { type: 'instalment_paid', actor: 'fredrik', organisationCode: 'HSF-FIN', detail: { year: 2021, instalment: 2, amountOre: 81_650_000, paymentReference: 'PAY-2' } },
    ]);
    expect(o.effects).toEqual([
      {
        type: 'ledger.book',
        bookings: [
          {
            bookingKey: 'agreement:agreement-1:2021:2:paid',
            mandateId: 'agreement-1',
            source: 'support_agreement',
            sourceId: 'agreement-1',
            kind: 'paid',
            category: 'support_agreement',
            amountOre: 81_650_000,
            payerOrg: 'HSF',
            payeeOrg: 'SLSO',
            reference: 'PAY-2',
            bookedBy: 'fredrik',
          },
        ],
        action: 'ledger.book_agreement_payment',
        detail: { year: 2021, instalment: 2, amountOre: 81_650_000 },
        by: FREDRIK,
      },
    ]);
    expect(unpaidInstalments(o.state)).toBe(3);
  });

  it('refuses an instalment not due', () => {
    expect(payInstalment(with2021(), 2021, 1, { paymentReference: 'PAY-1', paidOn: '2021-03-02' }, FREDRIK)).toEqual({ refused: 'conflict', message: 'instalment 2021/1 is not due' });
    expect(payInstalment(due(), 2022, 1, { paymentReference: 'PAY-1', paidOn: '2022-01-02' }, FREDRIK)).toEqual({ refused: 'conflict', message: 'instalment 2022/1 is not due' });
  });

  it('books a payment once', () => {
    const paidOnce = nextState(payInstalment(due(), 2021, 1, { paymentReference: 'PAY-1', paidOn: '2021-03-02' }, FREDRIK));
    expect(payInstalment(paidOnce, 2021, 1, { paymentReference: 'PAY-1b', paidOn: '2021-03-03' }, FREDRIK)).toEqual({
      refused: 'conflict',
      message: 'instalment 2021/1 is already paid',
    });
  });
});

describe('unpaidInstalments', () => {
  it('counts what fell due and is not paid, across years', () => {
    expect(unpaidInstalments(inEffect())).toBe(0);
    const a = allDue(with2021(), 2021, 'quarterly');
    expect(unpaidInstalments(a)).toBe(4);
    expect(unpaidInstalments(payAll(a, 2021))).toBe(0);
  });
});

describe('yearSettled', () => {
  it('not for a year not begun', () => {
    expect(yearSettled(inEffect(), 2021, 'yearly')).toBe(false);
  });

  it('when every instalment has fallen due and is paid', () => {
    const begun = with2021();
    expect(yearSettled(begun, 2021, 'yearly')).toBe(false);
    const due = allDue(begun, 2021, 'yearly');
    expect(yearSettled(due, 2021, 'yearly')).toBe(false);
    expect(yearSettled(payAll(due, 2021), 2021, 'yearly')).toBe(true);
  });

  it('not while instalments are still to fall due', () => {
    const twoDue = [0, 1].reduce((s, i) => nextState(instalmentDue(s, 2021, instalmentsOf(s, 2021, 'quarterly')[i])), with2021());
    expect(yearSettled(payAll(twoDue, 2021), 2021, 'quarterly')).toBe(false);
  });

  it('notice cuts off the instalments falling due from the day the agreement ends', () => {
    // Notice on 1 May with 60 days: ends 30 June, so only the March and April quarters fall due.
    const terminating = given(with2021(), '2021-05-01');
    const due = allDue(terminating, 2021, 'quarterly');
    expect(due.years[0].payments.map((p) => p.dueOn)).toEqual(['2021-03-01', '2021-04-01']);
    expect(yearSettled(due, 2021, 'quarterly')).toBe(false);
    expect(yearSettled(payAll(due, 2021), 2021, 'quarterly')).toBe(true);
  });

  it('an instalment due on the day the agreement ends is cut off too', () => {
    // 30 days from 1 June ends on 1 July, the third quarter's day.
    const a = nextState(giveNotice(with2021(), { by: HANNA, givenOn: '2021-06-01' }, { noticePeriodDays: 30 }));
    expect(a.notice?.endsOn).toBe('2021-07-01');
    const due = allDue(a, 2021, 'quarterly');
    expect(due.years[0].payments.map((p) => p.instalment)).toEqual([1, 2]);
    expect(yearSettled(payAll(due, 2021), 2021, 'quarterly')).toBe(true);
  });
});

describe('endAgreement', () => {
  it('ends the agreement at the end of notice; no year is paid any more', () => {
    const a = given(with2021(), '2021-05-01');
    const o = endAgreement(a);
    expect(o.state.status).toBe('ended');
    expect(o.state).not.toHaveProperty('currentYear');
    expect(o.state.years).toEqual(a.years);
    expect(o.state.notice).toEqual(a.notice);
    expect(timeline(o)).toEqual([{ type: 'agreement_ended', actor: 'system', organisationCode: null, detail: { endsOn: '2021-06-30' } }]);
  });

  it('without notice the end date is null', () => {
    expect(timeline(endAgreement(with2021()))[0].detail).toEqual({ endsOn: null });
  });
});

describe('agreementListSummary', () => {
  it('shows the effective date, the years and any notice', () => {
    expect(agreementListSummary(opened())).toEqual({ effectiveDate: null, years: [], notice: null });
    const a = given(nextState(beginYear(with2021(), 2022, 260)), '2022-03-01');
    expect(agreementListSummary(a)).toEqual({
      effectiveDate: '2021-03-01',
      years: [
        { year: 2021, amountKr: 3_266_000 },
        { year: 2022, amountKr: 3_325_441 },
      ],
      notice: { by: SARA, givenOn: '2022-03-01', endsOn: '2022-04-30' },
    });
  });
});

describe('questionable (not changed here)', () => {
  it.todo(
    'recordAgreementDecision: the status turns in_effect (and agreement_in_effect is recorded) as soon as both have decided, even when the effective date (1 March 2021 at the earliest) is still ahead',
  );
});
