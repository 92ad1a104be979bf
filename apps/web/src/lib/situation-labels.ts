/**
 * Situation reports (lägesbilder) in Swedish: staff groups, consumables, round statuses and standings, weeks as
 * people say them ("v. 47 2026"), counties by name in their official order.
 */
import type { Schemas } from '../api/client';
import { COUNTIES } from '../../../../libs/domain/src/situation-reports/county';
import { CONSUMABLES, STAFF_GROUPS, type Consumable, type StaffGroup } from '../../../../libs/domain/src/situation-reports/report.types';

export { CONSUMABLES, STAFF_GROUPS };
export type { Consumable, StaffGroup };

export const STAFF_GROUP_LABELS: Record<StaffGroup, string> = {
  nurses: 'Sjuksköterskor',
  care_staff: 'Undersköterskor och vårdbiträden',
  other_staff: 'Övrig personal',
};

export const CONSUMABLE_LABELS: Record<Consumable, string> = {
  nitrile_gloves: 'Nitrilhandskar',
  other_gloves: 'Andra handskar',
  surgical_masks: 'Munskydd',
  ffp_respirators: 'FFP2/FFP3-andningsskydd',
  visors: 'Visir',
  aprons: 'Förkläden',
  hand_disinfectant: 'Handdesinfektion',
};

export const consumableLabel = (item: string) => CONSUMABLE_LABELS[item as Consumable] ?? item;

export const ROUND_STATUS_LABELS: Record<Schemas['RoundRowDto']['status'], string> = {
  open: 'Pågår',
  closed: 'Publicerad',
  ended: 'Avslutad',
  faulted: 'Datafel',
};

export const STANDING_LABELS: Record<Schemas['OrganisationStandingDto']['standing'], string> = {
  on_time: 'I tid',
  late: 'Sen',
  missing: 'Saknas',
};

export const SHORTAGE_ACTION_LABELS: Record<NonNullable<Schemas['ShortageRowDto']['action']>, string> = {
  redistributed: 'Omfördelat inom länet',
  national_purchasing: 'Beställt via den nationella inköpsfunktionen',
  none: 'Ingen åtgärd',
};

/** '2026-W47' → 'v. 47 2026'. */
export function weekLabel(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  return m ? `v. ${Number(m[2])} ${m[1]}` : week;
}

const COUNTY_NAMES = new Map<string, string>(COUNTIES.map((c) => [c.code, c.county]));
const REGION_NAMES = new Map<string, string>(COUNTIES.map((c) => [c.code, c.region]));
export const countyName = (code: string) => COUNTY_NAMES.get(code) ?? code;
export const regionName = (code: string) => REGION_NAMES.get(code) ?? code;

/**
 * A picture's county keys in county-code order. Sorted here, never taken in the object's order: JavaScript puts
 * integer-like keys ('10', '12') before the others ('01', '03'), so Object.keys(picture.counties) is out of order.
 */
export const sortedCountyCodes = (counties: Record<string, unknown>) => Object.keys(counties).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

const PERCENT = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
/** 9.5 → '9,5 %'; null (nobody reported) → '–'. */
export const percentText = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${PERCENT.format(value)} %`);
/** A number the Swedish way (9,5), or '–'. */
export const numberText = (value: number | null | undefined) => (value === null || value === undefined ? '–' : PERCENT.format(value));
