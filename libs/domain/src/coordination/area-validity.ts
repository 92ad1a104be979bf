/**
 * Areas (and the organisations behind them) are dated: Stockholm city's districts changed on 1 July 2023, when
 * Rinkeby-Kista and Spånga-Tensta became Järva, and Östermalm and Norrmalm became Norra innerstaden (13 districts
 * before, 11 after). The coverage view answers for a date, and the areas of merged districts hand their
 * coordinating vårdcentral over to the new area. Pure: the API, the seed's tests and the area workflow use these.
 */
import { refuse, Refusal } from '../case/case';
import { addDays } from '../time/swedish-holidays';

/** When something is in force: both ends are calendar dates (YYYY-MM-DD) and included; null is open. */
export interface Validity {
  validFrom: string | null;
  validTo: string | null;
}

/** The day Stockholm city's district reform took effect (13 → 11 districts). */
export const STOCKHOLM_DISTRICT_REFORM = '2023-07-01';

/** Whether `x` is in force on `date` (both ends included). */
export function validOn(x: Validity, date: string): boolean {
  return (x.validFrom === null || x.validFrom <= date) && (x.validTo === null || date <= x.validTo);
}

/** The areas (or organisations) in force on `date`, in their order. */
export function inForceOn<T extends Validity>(items: readonly T[], date: string): T[] {
  return items.filter((x) => validOn(x, date));
}

/** Whether a designation starting on `startDate` falls within the area's validity; null when it does. */
export function designationValidityProblem(area: Validity & { code: string }, startDate: string): Refusal | null {
  if (area.validTo !== null && startDate > area.validTo) {
    return refuse('invalid_input', `area ${area.code} ended on ${area.validTo}; startDate must not be after it`, { field: 'startDate' });
  }
  if (area.validFrom !== null && startDate < area.validFrom) {
    return refuse('invalid_input', `area ${area.code} starts on ${area.validFrom}; startDate must not be before it`, { field: 'startDate' });
  }
  return null;
}

/** An area that ended and was merged into a successor, with the vårdcentral that held it when it ended. */
export interface Predecessor {
  areaCode: string;
  validTo: string | null;
  successorCode: string | null;
  /** The vårdcentral holding the coordinating responsibility at the end (null: none had accepted it). */
  vardcentralCode: string | null;
}

/**
 * What the successor of merged areas starts with.
 * - `carry_over`: every predecessor was held by the same vårdcentral, so it holds the new area from its first day
 *   (the instant the old areas ended): no gap, and no designation to answer, since it already holds the area.
 * - `designate`: the predecessors had different vårdcentraler, or one had none: HSN's approver designates the new
 *   area's vårdcentral (a designation task). No source says which vårdcentral should continue, so the rule
 *   never picks one of two (our assumption, see README "Coordinating vårdcentraler").
 */
export type Succession =
  | { kind: 'carry_over'; from: string; vardcentralCode: string; predecessors: { areaCode: string; vardcentralCode: string | null }[] }
  | { kind: 'designate'; from: string; reason: 'different_vardcentraler' | 'uncovered'; predecessors: { areaCode: string; vardcentralCode: string | null }[] };

/**
 * The succession of `successor` (its code and first day) from the areas merged into it. Refused when no area
 * names it as successor, or when one ended on another day than the successor's eve (a gap or an overlap).
 */
export function successionOf(successor: { areaCode: string; validFrom: string | null }, areas: readonly Predecessor[]): Succession | Refusal {
  const predecessors = areas.filter((a) => a.successorCode === successor.areaCode);
  if (predecessors.length === 0 || successor.validFrom === null) return refuse('conflict', `no area was merged into ${successor.areaCode}`);
  const eve = addDays(successor.validFrom, -1);
  const misdated = predecessors.find((p) => p.validTo !== eve);
  if (misdated) return refuse('conflict', `${misdated.areaCode} ends on ${misdated.validTo ?? 'no date'}, not on ${eve}, the eve of ${successor.areaCode}`);
  const held = predecessors.map((p) => ({ areaCode: p.areaCode, vardcentralCode: p.vardcentralCode }));
  const codes = new Set(held.map((p) => p.vardcentralCode));
  const [only] = codes;
  if (codes.size === 1 && only) return { kind: 'carry_over', from: successor.validFrom, vardcentralCode: only, predecessors: held };
  return { kind: 'designate', from: successor.validFrom, reason: codes.has(null) ? 'uncovered' : 'different_vardcentraler', predecessors: held };
}
