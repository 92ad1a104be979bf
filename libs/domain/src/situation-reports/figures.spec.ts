import { DEFAULT_SHORTAGE_THRESHOLD_DAYS, figuresProblem, shortagesIn } from './figures';
import type { MunicipalityFigures, RegionFigures, RoundPolicy } from './report.types';

const absence = { nurses: 9.1, care_staff: 12, other_staff: 0 };
const stock = { nitrile_gloves: 3, other_gloves: 40, surgical_masks: 7, ffp_respirators: 6, visors: 120, aprons: 0, hand_disinfectant: 3650 };
const municipality = (): MunicipalityFigures & Record<string, unknown> => ({ staffAbsencePercent: { ...absence }, stockDays: { ...stock }, comment: 'Brist på nitrilhandskar.\nÖvrigt lugnt.' });
const region = (): RegionFigures & Record<string, unknown> => ({ covidInpatients: 41, icuBeds: 90, icuBedsOccupied: 90, staffAbsencePercent: { ...absence } });

/** The field named, and a message that starts with it. */
function fieldOf(kind: 'municipality' | 'region', figures: unknown, prefix?: string): string | null {
  const found = figuresProblem(kind, figures, prefix);
  if (found) expect(found.message.startsWith(`${found.field} `)).toBe(true);
  return found?.field ?? null;
}

describe('figuresProblem', () => {
  it('accepts whole and complete reports, with or without a comment', () => {
    expect(figuresProblem('municipality', municipality())).toBeNull();
    const { comment: _comment, ...withoutComment } = municipality();
    expect(figuresProblem('municipality', withoutComment)).toBeNull();
    expect(figuresProblem('region', region())).toBeNull(); // every bed occupied is allowed
    expect(figuresProblem('region', { ...region(), icuBeds: 0, icuBedsOccupied: 0, covidInpatients: 0, comment: 'x' })).toBeNull();
  });

  it('refuses what is not an object', () => {
    for (const bad of [null, 'figures', 42, [], undefined]) expect(fieldOf('municipality', bad)).toBe('decision');
    expect(fieldOf('region', { ...region(), staffAbsencePercent: [9, 9, 9] })).toBe('decision.staffAbsencePercent');
    expect(fieldOf('municipality', { ...municipality(), stockDays: null })).toBe('decision.stockDays');
  });

  it('names the missing key', () => {
    const m = municipality();
    delete (m.staffAbsencePercent as Partial<typeof absence>).care_staff;
    expect(fieldOf('municipality', m)).toBe('decision.staffAbsencePercent.care_staff');
    expect(figuresProblem('municipality', m)?.message).toBe('decision.staffAbsencePercent.care_staff is required');
    const s = municipality();
    delete (s.stockDays as Partial<typeof stock>).visors;
    expect(fieldOf('municipality', s)).toBe('decision.stockDays.visors');
    const { stockDays: _stockDays, ...noStock } = municipality();
    expect(fieldOf('municipality', noStock)).toBe('decision.stockDays');
    const { icuBeds: _icuBeds, ...noBeds } = region();
    expect(fieldOf('region', noBeds)).toBe('decision.icuBeds');
    // A municipality's figures are not a region's.
    expect(fieldOf('region', municipality())).toBe('decision.covidInpatients');
  });

  it('names the unknown key, at any depth, and does not echo a key that is not printable', () => {
    expect(figuresProblem('municipality', { ...municipality(), icuBeds: 3 })).toEqual({ field: 'decision.icuBeds', message: 'decision.icuBeds is not expected' });
    expect(fieldOf('region', { ...region(), stockDays: { ...stock } })).toBe('decision.stockDays');
    expect(fieldOf('municipality', { ...municipality(), stockDays: { ...stock, masks: 3 } })).toBe('decision.stockDays.masks');
    expect(fieldOf('municipality', { ...municipality(), staffAbsencePercent: { ...absence, doctors: 3 } })).toBe('decision.staffAbsencePercent.doctors');
    expect(fieldOf('region', JSON.parse('{"covidInpatients":1,"icuBeds":1,"icuBedsOccupied":1,"staffAbsencePercent":{"nurses":1,"care_staff":1,"other_staff":1},"__proto__":{}}'))).toBe('decision.__proto__');
    expect(figuresProblem('region', { ...region(), 'a\u0000b': 1 })).toEqual({ field: 'decision', message: 'decision has a field that is not expected' });
    // `toString` is not found on the prototype.
    expect(fieldOf('municipality', { ...municipality(), stockDays: { ...stock, toString: 1 } })).toBe('decision.stockDays.toString');
  });

  it('takes percentages 0–100 with at most one decimal, as numbers', () => {
    const withNurses = (nurses: unknown) => ({ ...municipality(), staffAbsencePercent: { ...absence, nurses } });
    for (const ok of [0, 0.1, 9.1, 9.9, 99.9, 100, 100.0, 33]) expect([ok, figuresProblem('municipality', withNurses(ok))]).toEqual([ok, null]);
    for (const bad of [9.15, 0.05, -0.1, 100.1, 101, NaN, Infinity, -Infinity, '9.1', null, true, 1e-7]) {
      expect([bad, fieldOf('municipality', withNurses(bad))]).toEqual([bad, 'decision.staffAbsencePercent.nurses']);
    }
    expect(figuresProblem('municipality', withNurses(9.15))?.message).toBe('decision.staffAbsencePercent.nurses must be a percentage from 0 to 100 with at most one decimal');
    expect(fieldOf('region', { ...region(), staffAbsencePercent: { ...absence, other_staff: 12.34 } })).toBe('decision.staffAbsencePercent.other_staff');
  });

  it('takes stock as whole days 0–3650', () => {
    const withGloves = (nitrile_gloves: unknown) => ({ ...municipality(), stockDays: { ...stock, nitrile_gloves } });
    for (const ok of [0, 1, 3650]) expect(figuresProblem('municipality', withGloves(ok))).toBeNull();
    for (const bad of [-1, 3651, 2.5, NaN, Infinity, '3', null]) expect([bad, fieldOf('municipality', withGloves(bad))]).toEqual([bad, 'decision.stockDays.nitrile_gloves']);
    expect(figuresProblem('municipality', withGloves(2.5))?.message).toBe('decision.stockDays.nitrile_gloves must be a whole number of days from 0 to 3650');
  });

  it('takes a region’s counts as whole numbers 0–100000, and no more occupied beds than beds', () => {
    for (const key of ['covidInpatients', 'icuBeds', 'icuBedsOccupied']) {
      for (const bad of [-1, 100_001, 1.5, NaN, '4']) expect([key, bad, fieldOf('region', { ...region(), [key]: bad })]).toEqual([key, bad, `decision.${key}`]);
    }
    expect(figuresProblem('region', { ...region(), covidInpatients: 100_000, icuBeds: 100_000 })).toBeNull();
    expect(figuresProblem('region', { ...region(), icuBeds: 90, icuBedsOccupied: 91 })).toEqual({
      field: 'decision.icuBedsOccupied',
      message: 'decision.icuBedsOccupied must not be more than icuBeds',
    });
  });

  it('takes an optional comment of free text up to 2000 characters', () => {
    expect(figuresProblem('region', { ...region(), comment: 'x'.repeat(2000) })).toBeNull();
    expect(figuresProblem('region', { ...region(), comment: 'rad 1\n\trad 2' })).toBeNull();
    expect(figuresProblem('region', { ...region(), comment: 'x'.repeat(2001) })?.message).toBe('decision.comment must be at most 2000 characters long');
    for (const bad of ['', '   ', 'a\u0000b', 42, null]) expect([bad, fieldOf('region', { ...region(), comment: bad })]).toEqual([bad, 'decision.comment']);
  });

  it('names the path under another prefix', () => {
    expect(fieldOf('region', { ...region(), icuBedsOccupied: 91 }, 'figures')).toBe('figures.icuBedsOccupied');
    expect(fieldOf('municipality', { ...municipality(), stockDays: { ...stock, aprons: -1 } }, 'figures')).toBe('figures.stockDays.aprons');
  });
});

describe('shortagesIn', () => {
  const policy = (overrides: Partial<RoundPolicy['shortageThresholdDays']> = {}): RoundPolicy => ({
    shortageThresholdDays: {
      nitrile_gloves: 7,
      other_gloves: 7,
      surgical_masks: 7,
      ffp_respirators: 7,
      visors: 7,
      aprons: 7,
      hand_disinfectant: 7,
      ...overrides,
    },
  });

  it('lists the items strictly below their threshold, in the order of CONSUMABLES', () => {
    // Stock: nitrile 3, other gloves 40, masks 7 (at the threshold: not a shortage), FFP 6, visors 120, aprons 0, hand 3650.
    expect(shortagesIn(municipality(), policy())).toEqual([
      { item: 'nitrile_gloves', daysLeft: 3, thresholdDays: 7 },
      { item: 'ffp_respirators', daysLeft: 6, thresholdDays: 7 },
      { item: 'aprons', daysLeft: 0, thresholdDays: 7 },
    ]);
  });

  it('follows the threshold of each item', () => {
    expect(shortagesIn(municipality(), policy({ nitrile_gloves: 3, surgical_masks: 8, aprons: 0, visors: 121 }))).toEqual([
      { item: 'surgical_masks', daysLeft: 7, thresholdDays: 8 },
      { item: 'ffp_respirators', daysLeft: 6, thresholdDays: 7 },
      { item: 'visors', daysLeft: 120, thresholdDays: 121 },
    ]);
  });

  it('uses the default of 7 days for an item the policy leaves out', () => {
    expect(DEFAULT_SHORTAGE_THRESHOLD_DAYS).toBe(7);
    expect(shortagesIn(municipality(), { shortageThresholdDays: {} as RoundPolicy['shortageThresholdDays'] }).map((s) => s.item)).toEqual(['nitrile_gloves', 'ffp_respirators', 'aprons']);
  });
});
