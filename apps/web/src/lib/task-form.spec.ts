import { ACKNOWLEDGE, DATE, object, text } from '../../../../libs/contracts/src/answer-schema';
import type { TaskSummary } from '../api/client';
import { answerErrors, answerValidator, cleanAnswer, isOreField, swedishProblem } from './answer-validator';
import { answerFieldErrors, readError } from './api-errors';
import { filterTasks } from './inbox-filters';
import { personnummerProblem } from './personnummer-input';
import { TASK_KIND_LABELS } from './labels';
import { parseKronor } from './money';
import { enumLabel, fieldLabel, TASK_PURPOSE } from './task-texts';

describe("the task form's validator (the workflow's answerProblem, in Swedish at the field)", () => {
  const sip = object({ plannedSipDate: DATE, comment: text(2000) }, ['plannedSipDate']);

  it('names every field at fault, not only the first', () => {
    expect(answerErrors(sip, {})).toEqual([{ property: 'plannedSipDate', message: 'Fyll i fältet.' }]);
    expect(answerErrors(sip, { plannedSipDate: '2025-02-30', comment: '' })).toEqual([
      { property: 'plannedSipDate', message: 'Ange ett datum (ÅÅÅÅ-MM-DD).' },
      { property: 'comment', message: 'Fyll i fältet.' },
    ]);
    expect(answerErrors(sip, { plannedSipDate: '2025-03-12' })).toEqual([]);
  });

  it('asks for the box to be ticked when an acknowledgement is unticked or missing', () => {
    expect(answerErrors(ACKNOWLEDGE, { acknowledged: false })).toEqual([{ property: 'acknowledged', message: 'Kryssa i rutan för att kunna skicka.' }]);
    expect(answerErrors(ACKNOWLEDGE, {})).toEqual([{ property: 'acknowledged', message: 'Kryssa i rutan för att kunna skicka.' }]);
  });

  it("refuses what the API's text rule refuses (a control character)", () => {
    expect(answerErrors(sip, { plannedSipDate: '2025-03-12', comment: 'a\u0000b' })[0].property).toBe('comment');
  });

  it("gives rjsf its errors and errorSchema, and checks whole answers for rjsf's isValid", () => {
    const result = answerValidator.validateFormData({ plannedSipDate: 'x' }, sip as never);
    expect(result.errorSchema).toEqual({ plannedSipDate: { __errors: ['Ange ett datum (ÅÅÅÅ-MM-DD).'] } });
    expect(result.errors).toHaveLength(1);
    expect(answerValidator.isValid(sip as never, { plannedSipDate: '2025-03-12' }, sip as never)).toBe(true);
    expect(answerValidator.isValid(sip as never, { plannedSipDate: '2025-03-12', extra: 1 }, sip as never)).toBe(false);
  });

  it('sends no empty leftovers of the form', () => {
    expect(cleanAnswer({ a: undefined, b: [], c: null, d: 'x', e: false })).toEqual({ d: 'x', e: false });
  });

  it('says unknown problems in Swedish too', () => {
    expect(swedishProblem('decision.x must be something new')).toBe('Kontrollera fältet.');
  });
});

describe('field labels', () => {
  it('prefer the kind and path, then the field name, then the schema title', () => {
    expect(fieldLabel('discharge.call_sip', 'plannedSipDate')).toBe('Planerat datum för SIP');
    expect(fieldLabel('discharge.call_sip', 'comment')).toBe('Kommentar (valfri)');
    expect(fieldLabel('x.y', 'unknownField', 'Okänt fält')).toBe('Okänt fält');
    expect(fieldLabel('x.y', 'unknownField')).toBe('unknownField');
  });
});

describe("the API's errors, read for a screen", () => {
  it('finds the field of a validation error and of a refused answer', () => {
    const invalid = readError(400, { statusCode: 400, code: 'INVALID_INPUT', message: 'x', fields: [{ field: 'decision.comment', message: 'decision.comment must not contain control characters' }] });
    expect(answerFieldErrors(invalid)).toEqual({ comment: 'decision.comment must not contain control characters' });
    const refused = readError(422, { statusCode: 422, code: 'INVALID_DECISION', message: 'refused: decision.plannedSipDate must be a date YYYY-MM-DD' });
    expect(answerFieldErrors(refused)).toEqual({ plannedSipDate: 'refused: decision.plannedSipDate must be a date YYYY-MM-DD' });
    expect(readError(409, { statusCode: 409, code: 'CONFLICT', message: 'the task is claimed by someone else', claimedBy: 'p1' }).body.claimedBy).toBe('p1');
  });
});

describe('the personnummer field while it is typed', () => {
  it('says nothing until the number could be whole, then checks date and check digit by the domain rule', () => {
    expect(personnummerProblem('')).toBeUndefined();
    expect(personnummerProblem('1912121')).toBeUndefined();
    expect(personnummerProblem('19121212-1212')).toBeUndefined();
    expect(personnummerProblem('121212-1212')).toBeUndefined();
    expect(personnummerProblem('19121212-1213')).toMatch(/kontrollsiffran/);
    expect(personnummerProblem('19121232-1212')).toMatch(/födelsedatumet/);
    expect(personnummerProblem('19121212-12a2')).toMatch(/siffror/);
    expect(personnummerProblem('19121212-12123')).toMatch(/10 eller 12 siffror/);
  });
});

describe('the inbox filters', () => {
  const task = (over: Partial<TaskSummary>): TaskSummary =>
    ({ id: 't', caseId: 'c1', kind: 'discharge.call_sip', overdue: false, dueAt: '2030-01-02T00:00:00Z', claimedBy: null, ...over }) as TaskSummary;
  const now = new Date('2030-01-01T00:00:00Z');
  const items = [
    task({ id: 'a' }),
    task({ id: 'b', kind: 'discharge.acknowledge_ready', claimedBy: 'me' }),
    task({ id: 'c', caseId: 'c2', dueAt: '2029-12-31T00:00:00Z' }),
  ];
  const none = { kind: '', overdue: false, mine: false, caseId: '' };
  const ids = (f: Partial<typeof none>) => filterTasks(items, { ...none, ...f }, 'me', now).map((t) => t.id);

  it('filters by kind, overdue (by the clock too), claimed by me and case', () => {
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ kind: 'discharge.acknowledge_ready' })).toEqual(['b']);
    expect(ids({ overdue: true })).toEqual(['c']);
    expect(ids({ mine: true })).toEqual(['b']);
    expect(ids({ caseId: 'c2' })).toEqual(['c']);
  });
});

describe('every task kind says what is asked and why, in Swedish', () => {
  it.each(Object.keys(TASK_KIND_LABELS))('%s', (kind) => {
    const purpose = TASK_PURPOSE[kind as TaskSummary['kind']];
    expect(purpose?.asked).toMatch(/^[A-ZÅÄÖ].*\.$/);
    expect(purpose?.why).toMatch(/^[A-ZÅÄÖ].*[.)]$/);
  });

  it("names the other case types' answer fields in Swedish, amounts in kronor", () => {
    expect(fieldLabel('reimbursement.review', 'decision')).toBe('Beslut');
    expect(fieldLabel('reimbursement.payment', 'paidOn')).toBe('Betaldag');
    expect(fieldLabel('coordination.accept_designation', 'accept')).toBe('Vi godtar uppdraget');
    expect(fieldLabel('agreement.register_lpik', 'percentHundredths')).toMatch(/^LPIK/);
    expect(fieldLabel('discharge.register_daily_amount', 'amountOre')).toBe('Dagsbelopp (kr)');
    expect(enumLabel('approve_in_part')).toBe('Godkänn delvis');
  });
});

describe('an amount field (…Ore) is typed in kronor', () => {
  const dailyAmount = object({ amountOre: { type: 'integer', minimum: 1, maximum: 100_000_000 } }, ['amountOre']);
  const sv = (s: string) => s.replace(/\u00a0|\u202f/g, ' ');

  it('is an amount field only when it is an integer named …Ore', () => {
    expect(isOreField('amountOre', { type: 'integer' })).toBe(true);
    expect(isOreField('approvedOre', { type: 'integer' })).toBe(true);
    expect(isOreField('amountOre', { type: 'string' })).toBe(false);
    expect(isOreField('percentHundredths', { type: 'integer' })).toBe(false);
  });

  it('says what is wrong in kronor: not an amount, below or above its bounds', () => {
    expect(answerErrors(dailyAmount, { amountOre: 'nio tusen' })).toEqual([{ property: 'amountOre', message: 'Ange ett belopp i kronor, till exempel 42 000 eller 950,50.' }]);
    expect(answerErrors(dailyAmount, { amountOre: 0 }).map((e) => sv(e.message))).toEqual(['Minst 0,01 kr.']);
    expect(answerErrors(dailyAmount, { amountOre: 100_000_001 }).map((e) => sv(e.message))).toEqual(['Högst 1 000 000,00 kr.']);
    expect(answerErrors(dailyAmount, {})).toEqual([{ property: 'amountOre', message: 'Fyll i fältet.' }]);
  });

  it('takes the exact öre of what was typed (9 300 kr a day is 930 000 öre)', () => {
    const typed = parseKronor('9 300');
    expect(typed).toBe(930_000);
    expect(answerErrors(dailyAmount, { amountOre: typed })).toEqual([]);
  });
});
