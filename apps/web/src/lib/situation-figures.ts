/**
 * A situation report's figures as typed in the Lägesbild form ("9,5" for a percentage), read into the figures the API
 * takes, each field's problem in Swedish; the API's own rule (figuresProblem, libs/domain) has the last word.
 */
import { decimalInput, parseDecimal } from './decimal-input';
import { CONSUMABLES, STAFF_GROUPS } from './situation-labels';
import { COMMENT_MAX_LENGTH, figuresProblem, MAX_COUNT, MAX_STOCK_DAYS } from '../../../../libs/domain/src/situation-reports/figures';

type Kind = 'municipality' | 'region';
type Obj = Record<string, unknown>;

/** A region's counts, in the order they are asked. */
export const COUNTS = [
  ['covidInpatients', 'Inneliggande med covid-19'],
  ['icuBeds', 'IVA-platser'],
  ['icuBedsOccupied', 'Belagda IVA-platser'],
] as const;

/** The form's fields by their path in the figures ('staffAbsencePercent.nurses'), as typed. */
export type Texts = Record<string, string>;

export function textsOf(figures: Obj | undefined): Texts {
  const texts: Texts = {};
  if (!figures) return texts;
  for (const [key, value] of Object.entries(figures)) {
    if (typeof value === 'number') texts[key] = String(value);
    else if (typeof value === 'string') texts[key] = value;
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Obj)) if (typeof v === 'number') texts[`${key}.${k}`] = key === 'staffAbsencePercent' ? decimalInput(v) : String(v);
    }
  }
  return texts;
}

const WHOLE = /^\d+$/;

/** The figures from what was typed, and a Swedish problem per field (the API's own rule, figuresProblem, last). */
export function readFigures(kind: Kind, texts: Texts): { figures: Obj; errors: Texts } {
  const errors: Texts = {};
  const whole = (path: string, max: number) => {
    const t = (texts[path] ?? '').replace(/\s/g, '');
    if (t === '') errors[path] = 'Fyll i fältet.';
    else if (!WHOLE.test(t) || Number(t) > max) errors[path] = `Ange ett heltal från 0 till ${max.toLocaleString('sv-SE')}.`;
    return Number(t);
  };
  const percent = (path: string) => {
    const t = (texts[path] ?? '').trim();
    const n = parseDecimal(t);
    if (t === '') errors[path] = 'Fyll i fältet.';
    else if (n === null || n > 100) errors[path] = 'Ange en procentsats från 0 till 100 med högst en decimal, till exempel 9,5.';
    return n ?? 0;
  };
  const figures: Obj = {};
  if (kind === 'region') for (const [key] of COUNTS) figures[key] = whole(key, MAX_COUNT);
  figures.staffAbsencePercent = Object.fromEntries(STAFF_GROUPS.map((g) => [g, percent(`staffAbsencePercent.${g}`)]));
  if (kind === 'municipality') figures.stockDays = Object.fromEntries(CONSUMABLES.map((c) => [c, whole(`stockDays.${c}`, MAX_STOCK_DAYS)]));
  const comment = texts.comment ?? '';
  if (comment.trim() !== '') figures.comment = comment;
  if (kind === 'region' && !errors.icuBeds && !errors.icuBedsOccupied && (figures.icuBedsOccupied as number) > (figures.icuBeds as number)) {
    errors.icuBedsOccupied = 'Högst lika många som IVA-platserna.';
  }
  if (Object.keys(errors).length === 0) {
    const problem = figuresProblem(kind, figures, 'figures');
    if (problem) errors[problem.field.replace(/^figures\./, '')] = figureText(problem.message);
  }
  return { figures, errors };
}

/** figuresProblem's or the API's English at a field, in Swedish. */
export function figureText(message: string): string {
  if (/percentage/.test(message)) return 'Ange en procentsats från 0 till 100 med högst en decimal, till exempel 9,5.';
  if (/whole number/.test(message)) return 'Ange ett heltal.';
  if (/not be more than icuBeds/.test(message)) return 'Högst lika många som IVA-platserna.';
  if (/is required/.test(message)) return 'Fyll i fältet.';
  if (/comment/.test(message)) return `Kommentaren får vara högst ${COMMENT_MAX_LENGTH} tecken och inte innehålla otillåtna tecken.`;
  return 'Kontrollera fältet.';
}

