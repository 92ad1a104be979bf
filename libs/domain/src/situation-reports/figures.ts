import { isEchoableName, textProblem } from '../text';
import { CONSUMABLES, STAFF_GROUPS } from './report.types';
import type { Consumable, MunicipalityFigures, ReporterKind, RoundPolicy } from './report.types';

/**
 * A report's figures checked field by field (pure: the workflow's update validator and the API both call it).
 * Absence in percent 0–100 with at most one decimal; stock in whole days 0–3650 (ten years: more is a typo); counts
 * of patients and beds whole numbers 0–100000; no more occupied intensive-care beds than beds; an optional comment
 * of free text (not blank, at most COMMENT_MAX_LENGTH characters).
 */
export const COMMENT_MAX_LENGTH = 2000;
export const MAX_STOCK_DAYS = 3650;
export const MAX_COUNT = 100_000;
/** Issue 14: a consumable with less than 7 days of stock is a shortage, unless the round's policy says otherwise. */
export const DEFAULT_SHORTAGE_THRESHOLD_DAYS = 7;

export interface FigureProblem {
  /** The path of the field, e.g. `decision.staffAbsencePercent.nurses`. */
  field: string;
  /** Starts with the field's path, as every message naming a field does. */
  message: string;
}

const FIELDS: Record<ReporterKind, readonly string[]> = {
  municipality: ['staffAbsencePercent', 'stockDays', 'comment'],
  region: ['covidInpatients', 'icuBeds', 'icuBedsOccupied', 'staffAbsencePercent', 'comment'],
};
const OPTIONAL = new Set(['comment']);

const problem = (field: string, message: string): FigureProblem => ({ field, message: `${field} ${message}` });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first key of `obj` missing from `keys` (required) or not among them, as a problem under `path`. */
function keysProblem(obj: Record<string, unknown>, keys: readonly string[], path: string, optional: Set<string> = new Set()): FigureProblem | null {
  for (const key of keys) if (!optional.has(key) && !Object.hasOwn(obj, key)) return problem(`${path}.${key}`, 'is required');
  for (const key of Object.keys(obj)) {
    if (keys.includes(key)) continue;
    // A printable key is named; any other (control characters, very long) is not echoed back.
    return isEchoableName(key) ? problem(`${path}.${key}`, 'is not expected') : problem(path, 'has a field that is not expected');
  }
  return null;
}

/** A percentage 0–100 with at most one decimal: 9.1, not 9.15; numbers only (no '9.1', NaN or Infinity). */
function isPercent(value: unknown): value is number {
  // String(9.1) is '9.1' and String(9.15) is '9.15': the decimals the sender wrote (JSON numbers print back as read).
  return typeof value === 'number' && value >= 0 && value <= 100 && /^\d{1,3}(\.\d)?$/.test(String(value));
}

const isWhole = (value: unknown, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

function absenceProblem(value: unknown, path: string): FigureProblem | null {
  if (!isRecord(value)) return problem(path, 'must be an object');
  const keys = keysProblem(value, STAFF_GROUPS, path);
  if (keys) return keys;
  for (const group of STAFF_GROUPS) {
    if (!isPercent(value[group])) return problem(`${path}.${group}`, 'must be a percentage from 0 to 100 with at most one decimal');
  }
  return null;
}

function stockProblem(value: unknown, path: string): FigureProblem | null {
  if (!isRecord(value)) return problem(path, 'must be an object');
  const keys = keysProblem(value, CONSUMABLES, path);
  if (keys) return keys;
  for (const item of CONSUMABLES) {
    if (!isWhole(value[item], MAX_STOCK_DAYS)) return problem(`${path}.${item}`, `must be a whole number of days from 0 to ${MAX_STOCK_DAYS}`);
  }
  return null;
}

/**
 * The first problem with a report's figures for a reporter kind, naming the field's path under `prefix` (e.g.
 * `decision.staffAbsencePercent.nurses`), or null. Missing keys are named first, then unknown keys, then the values
 * in the order of the report's fields.
 */
export function figuresProblem(kind: ReporterKind, figures: unknown, prefix = 'decision'): FigureProblem | null {
  if (!isRecord(figures)) return problem(prefix, 'must be an object');
  const keys = keysProblem(figures, FIELDS[kind], prefix, OPTIONAL);
  if (keys) return keys;
  const at = (key: string) => `${prefix}.${key}`;
  if (kind === 'region') {
    for (const key of ['covidInpatients', 'icuBeds', 'icuBedsOccupied'] as const) {
      if (!isWhole(figures[key], MAX_COUNT)) return problem(at(key), `must be a whole number from 0 to ${MAX_COUNT}`);
    }
    if ((figures.icuBedsOccupied as number) > (figures.icuBeds as number)) return problem(at('icuBedsOccupied'), 'must not be more than icuBeds');
  }
  const absence = absenceProblem(figures.staffAbsencePercent, at('staffAbsencePercent'));
  if (absence) return absence;
  if (kind === 'municipality') {
    const stock = stockProblem(figures.stockDays, at('stockDays'));
    if (stock) return stock;
  }
  if (figures.comment !== undefined) {
    const text = textProblem(figures.comment, { kind: 'free', max: COMMENT_MAX_LENGTH });
    if (text) return problem(at('comment'), text);
  }
  return null;
}

/**
 * The consumables a municipality reported strictly below their threshold (`policy.shortageThresholdDays`, or
 * DEFAULT_SHORTAGE_THRESHOLD_DAYS for an item the policy leaves out), in CONSUMABLES order.
 */
export function shortagesIn(figures: MunicipalityFigures, policy: RoundPolicy): { item: Consumable; daysLeft: number; thresholdDays: number }[] {
  const shortages: { item: Consumable; daysLeft: number; thresholdDays: number }[] = [];
  for (const item of CONSUMABLES) {
    const thresholdDays = thresholdOf(policy, item);
    const daysLeft = figures.stockDays[item];
    if (daysLeft < thresholdDays) shortages.push({ item, daysLeft, thresholdDays });
  }
  return shortages;
}

/** The shortage threshold of `item` in days under `policy`. */
export function thresholdOf(policy: RoundPolicy, item: Consumable): number {
  return policy.shortageThresholdDays[item] ?? DEFAULT_SHORTAGE_THRESHOLD_DAYS;
}
