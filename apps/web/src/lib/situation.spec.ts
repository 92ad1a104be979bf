import { object } from '../../../../libs/contracts/src/answer-schema';
import { answerErrors, answerValidator, cleanAnswer, swedishProblem } from './answer-validator';
import { answerFieldErrors, readError } from './api-errors';
import { decimalInput, parseDecimal } from './decimal-input';
import { readFigures, textsOf } from './situation-figures';
import { consumableLabel, countyName, percentText, sortedCountyCodes, weekLabel } from './situation-labels';
import { fieldLabel, fieldOrder, TASK_PURPOSE } from './task-texts';

const PERCENT = { type: 'number', minimum: 0, maximum: 100, multipleOf: 0.1 } as const;
/** The municipality's report schema as the round's workflow sends it (situation-report-round.workflow.ts). */
const report = object(
  {
    staffAbsencePercent: object({ nurses: PERCENT, care_staff: PERCENT, other_staff: PERCENT }, ['nurses', 'care_staff', 'other_staff']),
    stockDays: object({ nitrile_gloves: { type: 'integer', minimum: 0, maximum: 3650 } }, ['nitrile_gloves']),
  },
  ['staffAbsencePercent', 'stockDays'],
);

describe('a decimal typed the Swedish way', () => {
  it('reads a decimal comma or point, at most one decimal', () => {
    expect(parseDecimal('9,5')).toBe(9.5);
    expect(parseDecimal('9.5')).toBe(9.5);
    expect(parseDecimal(' 12 ')).toBe(12);
    expect(parseDecimal('9,50')).toBe(9.5);
    expect(parseDecimal('9,55')).toBeNull();
    expect(parseDecimal('nio')).toBeNull();
    expect(parseDecimal('-1')).toBeNull();
    expect(parseDecimal('')).toBeNull();
    expect(decimalInput(9.5)).toBe('9,5');
  });
});

describe("the answer validator's number type (a percentage with one decimal)", () => {
  it('accepts a number with one decimal and refuses two, out of range, and text that is no number, in Swedish', () => {
    const schema = object({ p: PERCENT }, ['p']);
    expect(answerErrors(schema, { p: 9.5 })).toEqual([]);
    expect(answerErrors(schema, { p: 9.55 })).toEqual([{ property: 'p', message: 'Högst en decimal, till exempel 9,5.' }]);
    expect(answerErrors(schema, { p: 100.5 })).toEqual([{ property: 'p', message: 'Högst 100.' }]);
    expect(answerErrors(schema, { p: '9,55' })).toEqual([{ property: 'p', message: 'Ange ett tal med högst en decimal, till exempel 9,5.' }]);
    expect(answerErrors(schema, {})).toEqual([{ property: 'p', message: 'Fyll i fältet.' }]);
    expect(swedishProblem('decision.p must be a number')).toBe('Ange ett tal, till exempel 9,5.');
  });

  it("names each field of a group at its own path, and rjsf's errorSchema nests them", () => {
    const typed = { staffAbsencePercent: { nurses: 9.5, care_staff: '12,25' }, stockDays: { nitrile_gloves: 30 } };
    expect(answerErrors(report, cleanAnswer(typed))).toEqual([
      { property: 'staffAbsencePercent.care_staff', message: 'Ange ett tal med högst en decimal, till exempel 9,5.' },
      { property: 'staffAbsencePercent.other_staff', message: 'Fyll i fältet.' },
    ]);
    const { errorSchema } = answerValidator.validateFormData(typed, report as never);
    expect(errorSchema).toEqual({
      staffAbsencePercent: { care_staff: { __errors: ['Ange ett tal med högst en decimal, till exempel 9,5.'] }, other_staff: { __errors: ['Fyll i fältet.'] } },
    });
    // An empty required group asks for each of its fields.
    expect(answerErrors(report, { staffAbsencePercent: { nurses: 1, care_staff: 2, other_staff: 3 } })).toEqual([{ property: 'stockDays.nitrile_gloves', message: 'Fyll i fältet.' }]);
  });

  it('sends a whole answer that the workflow takes (the decimal comma typed as 9,5 is the number 9.5)', () => {
    const answer = cleanAnswer({ staffAbsencePercent: { nurses: parseDecimal('9,5'), care_staff: 0, other_staff: parseDecimal('3,0') }, stockDays: { nitrile_gloves: 30 }, comment: undefined });
    expect(answer).toEqual({ staffAbsencePercent: { nurses: 9.5, care_staff: 0, other_staff: 3 }, stockDays: { nitrile_gloves: 30 } });
    expect(answerValidator.isValid(report as never, answer, report as never)).toBe(true);
  });

  it("puts the API's refusal at a group's field", () => {
    const refused = readError(422, { statusCode: 422, code: 'INVALID_DECISION', message: 'refused: decision.staffAbsencePercent.nurses must be a percentage from 0 to 100 with at most one decimal' });
    expect(Object.keys(answerFieldErrors(refused))).toEqual(['staffAbsencePercent.nurses']);
  });
});

describe("the report form's Swedish labels", () => {
  it('names the staff groups, consumables and counts, and orders them as people read them', () => {
    const kind = 'situation_report.report';
    expect(fieldLabel(kind, 'staffAbsencePercent.nurses')).toBe('Sjuksköterskor');
    expect(fieldLabel(kind, 'staffAbsencePercent.care_staff')).toBe('Undersköterskor och vårdbiträden');
    expect(fieldLabel(kind, 'staffAbsencePercent.other_staff')).toBe('Övrig personal');
    expect(fieldLabel(kind, 'stockDays.ffp_respirators')).toBe('FFP2/FFP3-andningsskydd');
    expect(fieldLabel(kind, 'stockDays.hand_disinfectant')).toBe('Handdesinfektion');
    expect(fieldLabel(kind, 'covidInpatients')).toBe('Inneliggande med covid-19');
    expect(fieldLabel(kind, 'icuBeds')).toBe('IVA-platser');
    expect(fieldLabel(kind, 'icuBedsOccupied')).toBe('Belagda IVA-platser');
    // jsonb sorts keys by length: the form puts them back in report.types' order.
    expect(fieldOrder(['visors', 'aprons', 'nitrile_gloves', 'comment'])).toEqual(['nitrile_gloves', 'visors', 'aprons', 'comment']);
    expect(fieldOrder(['icuBeds', 'staffAbsencePercent', 'covidInpatients', 'icuBedsOccupied'])).toEqual(['covidInpatients', 'icuBeds', 'icuBedsOccupied', 'staffAbsencePercent']);
    expect(TASK_PURPOSE['situation_report.report'].asked).toMatch(/personalfrånvaro/);
  });
});

describe('Lägesbild', () => {
  it('says weeks, consumables, counties and percentages in Swedish', () => {
    expect(weekLabel('2026-W47')).toBe('v. 47 2026');
    expect(weekLabel('2027-W01')).toBe('v. 1 2027');
    expect(consumableLabel('surgical_masks')).toBe('Munskydd');
    expect(countyName('03')).toBe('Uppsala län');
    expect(percentText(9.5).replace(/\u00a0/g, ' ')).toBe('9,5 %');
    expect(percentText(null)).toBe('–');
  });

  it("sorts a picture's county keys itself: JavaScript gives integer-like keys ('10') before '01'", () => {
    const counties = { '01': 1, '03': 2, '10': 3, '12': 4 };
    expect(Object.keys(counties)).toEqual(['10', '12', '01', '03']);
    expect(sortedCountyCodes(counties)).toEqual(['01', '03', '10', '12']);
  });

  it('reads the correction form: a decimal comma, whole days, occupied beds not above beds, errors at the field in Swedish', () => {
    const municipality = {
      'staffAbsencePercent.nurses': '9,5',
      'staffAbsencePercent.care_staff': '12',
      'staffAbsencePercent.other_staff': '3,25',
      'stockDays.nitrile_gloves': '4',
      'stockDays.other_gloves': '30',
      'stockDays.surgical_masks': '30',
      'stockDays.ffp_respirators': '30',
      'stockDays.visors': 'tio',
      'stockDays.aprons': '30',
      'stockDays.hand_disinfectant': '30',
    };
    const bad = readFigures('municipality', municipality);
    expect(bad.errors).toEqual({
      'staffAbsencePercent.other_staff': 'Ange en procentsats från 0 till 100 med högst en decimal, till exempel 9,5.',
      'stockDays.visors': `Ange ett heltal från 0 till ${(3650).toLocaleString('sv-SE')}.`,
    });
    const good = readFigures('municipality', { ...municipality, 'staffAbsencePercent.other_staff': '3,2', 'stockDays.visors': '10', comment: 'Brist på nitrilhandskar' });
    expect(good.errors).toEqual({});
    expect(good.figures).toEqual({
      staffAbsencePercent: { nurses: 9.5, care_staff: 12, other_staff: 3.2 },
      stockDays: { nitrile_gloves: 4, other_gloves: 30, surgical_masks: 30, ffp_respirators: 30, visors: 10, aprons: 30, hand_disinfectant: 30 },
      comment: 'Brist på nitrilhandskar',
    });
    // The form starts from the latest revision, percentages with a decimal comma.
    expect(textsOf(good.figures)['staffAbsencePercent.nurses']).toBe('9,5');
    const region = readFigures('region', { covidInpatients: '12', icuBeds: '40', icuBedsOccupied: '41', 'staffAbsencePercent.nurses': '1', 'staffAbsencePercent.care_staff': '2', 'staffAbsencePercent.other_staff': '3' });
    expect(region.errors).toEqual({ icuBedsOccupied: 'Högst lika många som IVA-platserna.' });
  });
});
