import { roundCalendar } from './calendar';
import { COUNTY_CODES } from './county';
import { computePicture, countyOfCode, spreadOf } from './picture';
import { CONSUMABLES, STAFF_GROUPS } from './report.types';
import type { Consumable, MunicipalityFigures, Participant, RegionFigures, RoundPolicy, StoredReport } from './report.types';

const calendar = roundCalendar('2020-W43');
const policy: RoundPolicy = {
  // Nitrile gloves have a threshold of their own (10 days); everything else the default 7.
  shortageThresholdDays: { nitrile_gloves: 10, other_gloves: 7, surgical_masks: 7, ffp_respirators: 7, visors: 7, aprons: 7, hand_disinfectant: 7 },
};
const input = (participants: Participant[]) => ({ roundId: 'sr-2020-W43', calendar, participants, policy, version: 2, computedAt: '2020-10-29T11:00:05.000Z' });

const participants: Participant[] = [
  { organisationCode: '0180', name: 'Stockholms stad', kind: 'municipality', county: '01' },
  { organisationCode: '0114', name: 'Upplands Väsby kommun', kind: 'municipality', county: '01' },
  { organisationCode: '0380', name: 'Uppsala kommun', kind: 'municipality', county: '03' },
  { organisationCode: '01', name: 'Region Stockholm', kind: 'region', county: '01' },
  { organisationCode: '03', name: 'Region Uppsala', kind: 'region', county: '03' },
];

const absence = (nurses: number, care_staff: number, other_staff: number) => ({ nurses, care_staff, other_staff });
const stock = (...days: number[]) => Object.fromEntries(CONSUMABLES.map((item, i) => [item, days[i]])) as Record<Consumable, number>;
function report(organisationCode: string, revision: number, figures: MunicipalityFigures | RegionFigures, flags: { late?: boolean; afterClose?: boolean } = {}): StoredReport {
  const p = participants.find((x) => x.organisationCode === organisationCode) ?? { kind: 'municipality' as const, county: organisationCode.slice(0, 2) };
  return {
    roundId: 'sr-2020-W43',
    organisationCode,
    kind: p.kind,
    county: p.county,
    revision,
    figures,
    submittedBy: `user-${organisationCode}`,
    submittedAt: '2020-10-27T09:00:00.000Z',
    late: flags.late ?? false,
    afterClose: flags.afterClose ?? false,
  };
}

/**
 * The round of the API test, by hand: Stockholm (0180) on time; Upplands Väsby (0114) on time, then corrected
 * before the cut-off (late, but its first report was not); Uppsala kommun (0380) missing; Region Stockholm (01) late;
 * Region Uppsala (03) on time, then revised after the cut-off. Stock order: nitrile gloves, other gloves, surgical
 * masks, FFP respirators, visors, aprons, hand disinfectant.
 */
const reports: StoredReport[] = [
  // Revisions out of order on purpose: the highest counts, whatever the order.
  report('0114', 2, { staffAbsencePercent: absence(9.5, 12.5, 4.1), stockDays: stock(5, 20, 8, 14, 60, 9, 21) }, { late: true }),
  report('0114', 1, { staffAbsencePercent: absence(9, 10, 4), stockDays: stock(10, 25, 5, 14, 60, 9, 20) }),
  report('0180', 1, { staffAbsencePercent: absence(8.4, 11.2, 5), stockDays: stock(3, 40, 7, 6, 120, 0, 30), comment: 'Nitrilhandskar tar slut.' }),
  report('01', 1, { covidInpatients: 120, icuBeds: 90, icuBedsOccupied: 81, staffAbsencePercent: absence(7.3, 9.9, 3) }, { late: true }),
  report('03', 2, { covidInpatients: 32, icuBeds: 25, icuBedsOccupied: 22, staffAbsencePercent: absence(6.2, 8, 2.6) }, { afterClose: true }),
  report('03', 1, { covidInpatients: 30, icuBeds: 25, icuBedsOccupied: 20, staffAbsencePercent: absence(6, 8, 2.5) }),
];

const none = { reported: 0, median: null, min: null, max: null };
const allNone = <K extends string>(keys: readonly K[], extra: object = {}) => Object.fromEntries(keys.map((k) => [k, { ...none, ...extra }]));

describe('computePicture', () => {
  it('sums up a round of three municipalities and two regions, checked by hand', () => {
    const picture = computePicture(input(participants), reports);

    // Municipal absence over 0180 and 0114's correction (two values: the median is their mean, to one decimal):
    //   nurses 8.4, 9.5 → (8.4 + 9.5) / 2 = 8.95 → 9.0 (half up); care 11.2, 12.5 → 11.85 → 11.9; other 5, 4.1 → 4.55 → 4.6.
    const municipalStaffAbsence = {
      nurses: { reported: 2, median: 9, min: 8.4, max: 9.5 },
      care_staff: { reported: 2, median: 11.9, min: 11.2, max: 12.5 },
      other_staff: { reported: 2, median: 4.6, min: 4.1, max: 5 },
    };
    // Stock over 0180 (3, 40, 7, 6, 120, 0, 30) and 0114's correction (5, 20, 8, 14, 60, 9, 21); below = strictly
    // below the threshold: nitrile 3 and 5 < 10 → 2; masks 7 is not < 7 → 0; FFP 6 < 7 → 1; aprons 0 < 7 → 1.
    const stockDays = {
      nitrile_gloves: { reported: 2, median: 4, min: 3, max: 5, belowThreshold: 2 },
      other_gloves: { reported: 2, median: 30, min: 20, max: 40, belowThreshold: 0 },
      surgical_masks: { reported: 2, median: 7.5, min: 7, max: 8, belowThreshold: 0 },
      ffp_respirators: { reported: 2, median: 10, min: 6, max: 14, belowThreshold: 1 },
      visors: { reported: 2, median: 90, min: 60, max: 120, belowThreshold: 0 },
      aprons: { reported: 2, median: 4.5, min: 0, max: 9, belowThreshold: 1 },
      hand_disinfectant: { reported: 2, median: 25.5, min: 21, max: 30, belowThreshold: 0 },
    };

    expect(picture.nation).toEqual({
      municipalities: { expected: 3, reported: 2, missing: ['0380'], revised: [] },
      regions: { expected: 2, reported: 2, missing: [], revised: ['03'] },
      municipalStaffAbsence,
      // Regions 01 (7.3, 9.9, 3) and 03's revision (6.2, 8, 2.6): nurses (6.2 + 7.3) / 2 = 6.75 → 6.8;
      // care (8 + 9.9) / 2 = 8.95 → 9.0; other (2.6 + 3) / 2 = 2.8.
      regionalStaffAbsence: {
        nurses: { reported: 2, median: 6.8, min: 6.2, max: 7.3 },
        care_staff: { reported: 2, median: 9, min: 8, max: 9.9 },
        other_staff: { reported: 2, median: 2.8, min: 2.6, max: 3 },
      },
      stockDays,
      covidInpatients: { reported: 2, sum: 152 }, // 120 + 32
      // Beds 90 + 25 = 115, occupied 81 + 22 = 103, free 12; 103 / 115 = 0.89565… → 89.6 %.
      icu: { reported: 2, beds: 115, occupied: 103, free: 12, occupancyPercent: 89.6 },
    });

    expect(Object.keys(picture.counties)).toEqual(['01', '03']);
    expect(picture.counties['01']).toEqual({
      municipalities: { expected: 2, reported: 2, missing: [], revised: [] },
      regions: { expected: 1, reported: 1, missing: [], revised: [] },
      municipalStaffAbsence, // both reporting municipalities are in Stockholm County
      regionalStaffAbsence: {
        nurses: { reported: 1, median: 7.3, min: 7.3, max: 7.3 },
        care_staff: { reported: 1, median: 9.9, min: 9.9, max: 9.9 },
        other_staff: { reported: 1, median: 3, min: 3, max: 3 },
      },
      stockDays,
      covidInpatients: { reported: 1, sum: 120 },
      icu: { reported: 1, beds: 90, occupied: 81, free: 9, occupancyPercent: 90 }, // 81 / 90 = 90.0 %
    });
    expect(picture.counties['03']).toEqual({
      municipalities: { expected: 1, reported: 0, missing: ['0380'], revised: [] },
      regions: { expected: 1, reported: 1, missing: [], revised: ['03'] },
      municipalStaffAbsence: allNone(STAFF_GROUPS),
      regionalStaffAbsence: {
        nurses: { reported: 1, median: 6.2, min: 6.2, max: 6.2 },
        care_staff: { reported: 1, median: 8, min: 8, max: 8 },
        other_staff: { reported: 1, median: 2.6, min: 2.6, max: 2.6 },
      },
      stockDays: allNone(CONSUMABLES, { belowThreshold: 0 }),
      covidInpatients: { reported: 1, sum: 32 },
      icu: { reported: 1, beds: 25, occupied: 22, free: 3, occupancyPercent: 88 }, // 22 / 25 = 88.0 %
    });

    // Standing from the FIRST revision: 0114's late correction leaves it on time.
    expect(picture.organisations).toEqual([
      { organisationCode: '01', name: 'Region Stockholm', kind: 'region', county: '01', standing: 'late', corrected: false, revised: false },
      { organisationCode: '0114', name: 'Upplands Väsby kommun', kind: 'municipality', county: '01', standing: 'on_time', corrected: true, revised: false },
      { organisationCode: '0180', name: 'Stockholms stad', kind: 'municipality', county: '01', standing: 'on_time', corrected: false, revised: false },
      { organisationCode: '03', name: 'Region Uppsala', kind: 'region', county: '03', standing: 'on_time', corrected: false, revised: true },
      { organisationCode: '0380', name: 'Uppsala kommun', kind: 'municipality', county: '03', standing: 'missing', corrected: false, revised: false },
    ]);
    expect(picture).toMatchObject({ roundId: 'sr-2020-W43', week: '2020-W43', periodFrom: '2020-10-19', periodTo: '2020-10-25', version: 2, computedAt: '2020-10-29T11:00:05.000Z' });
  });

  it('is deterministic: the order of reports and participants does not change the picture', () => {
    const once = computePicture(input(participants), reports);
    expect(JSON.stringify(computePicture(input([...participants].reverse()), [...reports].reverse()))).toBe(JSON.stringify(once));
  });

  it('nobody reported: everyone missing, nulls and zeros', () => {
    const picture = computePicture(input(participants), []);
    expect(picture.nation).toEqual({
      municipalities: { expected: 3, reported: 0, missing: ['0114', '0180', '0380'], revised: [] },
      regions: { expected: 2, reported: 0, missing: ['01', '03'], revised: [] },
      municipalStaffAbsence: allNone(STAFF_GROUPS),
      regionalStaffAbsence: allNone(STAFF_GROUPS),
      stockDays: allNone(CONSUMABLES, { belowThreshold: 0 }),
      covidInpatients: { reported: 0, sum: 0 },
      icu: { reported: 0, beds: 0, occupied: 0, free: 0, occupancyPercent: null },
    });
    expect(picture.organisations.map((o) => o.standing)).toEqual(['missing', 'missing', 'missing', 'missing', 'missing']);
  });

  it('no participants at all: an empty country and no counties', () => {
    const picture = computePicture(input([]), reports);
    expect(picture.counties).toEqual({});
    expect(picture.nation.municipalities).toEqual({ expected: 0, reported: 0, missing: [], revised: [] });
    expect(picture.organisations).toEqual([]);
  });

  it('ignores reports of non-participants, of another round, and of another kind than the participant', () => {
    const stray = [
      report('0181', 1, { staffAbsencePercent: absence(90, 90, 90), stockDays: stock(0, 0, 0, 0, 0, 0, 0) }), // Södertälje: not a participant
      report('12', 1, { covidInpatients: 999, icuBeds: 999, icuBedsOccupied: 999, staffAbsencePercent: absence(50, 50, 50) }),
      { ...report('0380', 1, { staffAbsencePercent: absence(1, 1, 1), stockDays: stock(0, 0, 0, 0, 0, 0, 0) }), roundId: 'sr-2020-W42' },
      { ...report('03', 3, { covidInpatients: 999, icuBeds: 999, icuBedsOccupied: 0, staffAbsencePercent: absence(50, 50, 50) }), kind: 'municipality' as const },
    ];
    const picture = computePicture(input(participants), [...reports, ...stray]);
    expect(picture).toEqual(computePicture(input(participants), reports));
    expect(Object.keys(picture.counties)).toEqual(['01', '03']);
  });

  it('has no occupancy when the reported beds are zero', () => {
    const zero = report('01', 1, { covidInpatients: 0, icuBeds: 0, icuBedsOccupied: 0, staffAbsencePercent: absence(0, 0, 0) });
    expect(computePicture(input(participants.slice(3, 4)), [zero]).nation.icu).toEqual({ reported: 1, beds: 0, occupied: 0, free: 0, occupancyPercent: null });
  });

  it('a first report after the cut-off counts as reported and revised, with the standing of its late flag', () => {
    const afterCutoff = report('0380', 1, { staffAbsencePercent: absence(3, 3, 3), stockDays: stock(30, 30, 30, 30, 30, 30, 30) }, { late: true, afterClose: true });
    const picture = computePicture(input(participants), [...reports, afterCutoff]);
    expect(picture.counties['03'].municipalities).toEqual({ expected: 1, reported: 1, missing: [], revised: ['0380'] });
    expect(picture.organisations.find((o) => o.organisationCode === '0380')).toMatchObject({ standing: 'late', corrected: false, revised: true });
  });

  it('sums up the whole country: 290 municipalities and 21 regions', () => {
    const country: Participant[] = [];
    const all: StoredReport[] = [];
    for (let i = 0; i < 290; i++) {
      // Municipality i is in county i mod 21: counties 01… (the first 17) get 14 municipalities, the last 4 get 13.
      const county = COUNTY_CODES[i % 21];
      const code = `${county}${String(10 + Math.floor(i / 21))}`;
      country.push({ organisationCode: code, name: `Kommun ${code}`, kind: 'municipality', county });
      all.push({
        ...report(code, 1, { staffAbsencePercent: absence(i % 2 === 0 ? 10 : 20, 5, 5), stockDays: stock(i % 10, 30, 30, 30, 30, 30, 30) }),
        kind: 'municipality',
        county,
      });
    }
    COUNTY_CODES.forEach((county, j) => {
      country.push({ organisationCode: county, name: `Region ${county}`, kind: 'region', county });
      all.push({ ...report(county, 1, { covidInpatients: 10 * j + 1, icuBeds: 50, icuBedsOccupied: j, staffAbsencePercent: absence(5, 5, 5) }), kind: 'region', county });
    });
    expect(new Set(country.map((p) => p.organisationCode)).size).toBe(311);

    const picture = computePicture({ ...input(country) }, all);
    const n = picture.nation;
    expect(n.municipalities).toEqual({ expected: 290, reported: 290, missing: [], revised: [] });
    expect(n.regions).toMatchObject({ expected: 21, reported: 21 });
    // COVID: Σ (10j + 1) for j = 0…20 = 10 × 210 + 21 = 2121. ICU: 21 × 50 = 1050 beds, Σ j = 210 occupied, 20.0 %.
    expect(n.covidInpatients).toEqual({ reported: 21, sum: 2121 });
    expect(n.icu).toEqual({ reported: 21, beds: 1050, occupied: 210, free: 840, occupancyPercent: 20 });
    // Nitrile gloves i mod 10: 29 of each of 0…9. Below 10 days: all 290. Sorted, positions 144 and 145 are a 4 and a 5.
    expect(n.stockDays.nitrile_gloves).toEqual({ reported: 290, median: 4.5, min: 0, max: 9, belowThreshold: 290 });
    // Nurses' absence 10 % in the 145 even-numbered and 20 % in the 145 odd-numbered: median (10 + 20) / 2 = 15.
    expect(n.municipalStaffAbsence.nurses).toEqual({ reported: 290, median: 15, min: 10, max: 20 });
    // (An object lists integer-like keys such as '10' before '01' whatever the insertion order: compare them sorted.)
    expect(Object.keys(picture.counties).sort()).toEqual([...COUNTY_CODES]);
    expect(picture.counties['01'].municipalities.expected).toBe(14);
    expect(picture.counties['25'].municipalities.expected).toBe(13);
    // Region 25 is j = 20: 201 in-patients, 20 of 50 beds occupied = 40.0 %.
    expect(picture.counties['25'].icu).toEqual({ reported: 1, beds: 50, occupied: 20, free: 30, occupancyPercent: 40 });
    expect(picture.organisations).toHaveLength(311);
  });
});

describe('spreadOf', () => {
  it('takes the middle value of an odd count and the mean of the two middle ones, half up to one decimal', () => {
    expect(spreadOf([5, 1, 3])).toEqual({ reported: 3, median: 3, min: 1, max: 5 });
    expect(spreadOf([9.2, 9.1])).toEqual({ reported: 2, median: 9.2, min: 9.1, max: 9.2 }); // 9.15 → 9.2, not 9.149999…
    expect(spreadOf([0, 0.1])).toEqual({ reported: 2, median: 0.1, min: 0, max: 0.1 }); // 0.05 → 0.1
    expect(spreadOf([100, 0, 50, 50])).toEqual({ reported: 4, median: 50, min: 0, max: 100 });
    expect(spreadOf([])).toEqual({ reported: 0, median: null, min: null, max: null });
  });
});

describe('countyOfCode', () => {
  it('gives a municipality’s and a region’s county', () => {
    expect(countyOfCode('0180')).toBe('01');
    expect(countyOfCode('2584')).toBe('25'); // Kiruna
    expect(countyOfCode('01')).toBe('01');
    expect(countyOfCode('14')).toBe('14');
    expect(COUNTY_CODES).toHaveLength(21);
  });

  it('has none for other codes or counties that do not exist', () => {
    for (const bad of ['0280', '02', '11', '26', '00', '1', '180', '01800', 'SLSO', '', '01a', '०१']) expect([bad, countyOfCode(bad)]).toEqual([bad, null]);
  });
});
