import { thresholdOf } from './figures';
import { CONSUMABLES, STAFF_GROUPS } from './report.types';
import type {
  AreaPicture,
  Consumable,
  MunicipalityFigures,
  Participant,
  RegionFigures,
  ReportStanding,
  RoundCalendar,
  RoundPolicy,
  SituationPicture,
  Spread,
  StaffGroup,
  StoredReport,
} from './report.types';

/**
 * The picture of a round (lägesbild) per county and for the country, from the reports that arrived. Pure and
 * deterministic: the activity that publishes it, the benchmark and the tests call it with the same inputs and get
 * the same picture.
 */

/** The county of a reporting organisation (county.ts): re-exported for the picture's callers. */
export { countyOfCode } from './county';

export interface PictureInput {
  roundId: string;
  calendar: RoundCalendar;
  participants: Participant[];
  policy: RoundPolicy;
  version: number;
  computedAt: string;
}

type Counts = AreaPicture['municipalities'];

/** Figures collected for one area before they are summed up. */
class AreaTally {
  readonly municipalities: Counts = { expected: 0, reported: 0, missing: [], revised: [] };
  readonly regions: Counts = { expected: 0, reported: 0, missing: [], revised: [] };
  readonly municipalAbsence = byKey(STAFF_GROUPS, () => [] as number[]);
  readonly regionalAbsence = byKey(STAFF_GROUPS, () => [] as number[]);
  readonly stock = byKey(CONSUMABLES, () => [] as number[]);
  readonly below = byKey(CONSUMABLES, () => 0);
  readonly covid = { reported: 0, sum: 0 };
  readonly icu = { reported: 0, beds: 0, occupied: 0 };

  add(participant: Participant, latest: StoredReport | undefined, policy: RoundPolicy): void {
    const code = participant.organisationCode;
    const counts = participant.kind === 'municipality' ? this.municipalities : this.regions;
    counts.expected++;
    if (!latest) {
      counts.missing.push(code);
      return;
    }
    counts.reported++;
    if (latest.afterClose) counts.revised.push(code);
    const absence = participant.kind === 'municipality' ? this.municipalAbsence : this.regionalAbsence;
    for (const group of STAFF_GROUPS) absence[group].push(latest.figures.staffAbsencePercent[group]);
    if (participant.kind === 'municipality') {
      const { stockDays } = latest.figures as MunicipalityFigures;
      for (const item of CONSUMABLES) {
        this.stock[item].push(stockDays[item]);
        if (stockDays[item] < thresholdOf(policy, item)) this.below[item]++;
      }
    } else {
      const f = latest.figures as RegionFigures;
      this.covid.reported++;
      this.covid.sum += f.covidInpatients;
      this.icu.reported++;
      this.icu.beds += f.icuBeds;
      this.icu.occupied += f.icuBedsOccupied;
    }
  }

  picture(): AreaPicture {
    const sorted = (c: Counts): Counts => ({ ...c, missing: [...c.missing].sort(), revised: [...c.revised].sort() });
    const { beds, occupied } = this.icu;
    return {
      municipalities: sorted(this.municipalities),
      regions: sorted(this.regions),
      municipalStaffAbsence: byKey(STAFF_GROUPS, (g: StaffGroup) => spreadOf(this.municipalAbsence[g])),
      regionalStaffAbsence: byKey(STAFF_GROUPS, (g: StaffGroup) => spreadOf(this.regionalAbsence[g])),
      stockDays: byKey(CONSUMABLES, (item: Consumable) => ({ ...spreadOf(this.stock[item]), belowThreshold: this.below[item] })),
      covidInpatients: { ...this.covid },
      icu: {
        ...this.icu,
        free: beds - occupied,
        // round(occupied / beds × 1000) / 10, computed as occupied × 1000 / beds: one rounding, not two.
        occupancyPercent: beds === 0 ? null : Math.round((occupied * 1000) / beds) / 10,
      },
    };
  }
}

function byKey<K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, V>;
}

/**
 * Median, minimum and maximum of the values reported. The median of an even count is the mean of the two middle
 * values rounded half up to one decimal, computed in tenths so that 9.1 and 9.2 give 9.2 (not 9.1 from 9.149999…).
 */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { reported: 0, median: null, min: null, max: null };
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 === 1 ? s[mid] : Math.round((Math.round(s[mid - 1] * 10) + Math.round(s[mid] * 10)) / 2) / 10;
  return { reported: s.length, median, min: s[0], max: s[s.length - 1] };
}

/**
 * The round's picture from the reports of its participants (`reports`: every revision; an organisation's highest
 * revision is its report). Per county (Participant.county) and for the country; a county without participants is
 * absent. Each organisation's standing comes from its FIRST revision (late or on time; missing without one);
 * `corrected` is any later revision before the cut-off, `revised` any revision after it. Reports of organisations
 * that are not participants, of another round, or of another kind than the participant's are ignored; a participant
 * listed twice counts once (its first listing).
 */
export function computePicture(input: PictureInput, reports: StoredReport[]): SituationPicture {
  const participants = new Map<string, Participant>();
  for (const p of input.participants) if (!participants.has(p.organisationCode)) participants.set(p.organisationCode, p);

  const first = new Map<string, StoredReport>();
  const latest = new Map<string, StoredReport>();
  const corrected = new Set<string>();
  const revised = new Set<string>();
  for (const r of reports) {
    const p = participants.get(r.organisationCode);
    if (!p || r.roundId !== input.roundId || r.kind !== p.kind) continue;
    const code = r.organisationCode;
    if (r.revision < (first.get(code)?.revision ?? Infinity)) first.set(code, r);
    if (r.revision >= (latest.get(code)?.revision ?? -Infinity)) latest.set(code, r);
    if (r.afterClose) revised.add(code);
    else if (r.revision > 1) corrected.add(code);
  }

  const nation = new AreaTally();
  const counties = new Map<string, AreaTally>();
  for (const p of participants.values()) {
    let county = counties.get(p.county);
    if (!county) counties.set(p.county, (county = new AreaTally()));
    nation.add(p, latest.get(p.organisationCode), input.policy);
    county.add(p, latest.get(p.organisationCode), input.policy);
  }

  const standing = (code: string): ReportStanding => {
    const r = first.get(code);
    return !r ? 'missing' : r.late ? 'late' : 'on_time';
  };
  return {
    roundId: input.roundId,
    week: input.calendar.week,
    periodFrom: input.calendar.periodFrom,
    periodTo: input.calendar.periodTo,
    version: input.version,
    computedAt: input.computedAt,
    nation: nation.picture(),
    // Counties in code order (though an object lists integer-like keys such as '10' before '01' whatever the order).
    counties: Object.fromEntries([...counties.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, tally]) => [c, tally.picture()])),
    organisations: [...participants.values()]
      .sort((a, b) => (a.organisationCode < b.organisationCode ? -1 : a.organisationCode > b.organisationCode ? 1 : 0))
      .map((p) => ({
        organisationCode: p.organisationCode,
        name: p.name,
        kind: p.kind,
        county: p.county,
        standing: standing(p.organisationCode),
        corrected: corrected.has(p.organisationCode),
        revised: revised.has(p.organisationCode),
      })),
  };
}
