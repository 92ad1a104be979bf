/** Costs must fall within the mandate's validity and the claimed period (HDIR 20348). Pure: used by workflow and API. */
import { refuse, Refusal } from '../case/case';
import type { CostLine, MandateRef } from './claim.types';

/** The reasons a line cannot be claimed under the mandate and period, naming the line; empty when all fit. */
export function linesOutside(lines: Pick<CostLine, 'lineNo' | 'date'>[], bounds: { from: string; to: string; what: string }[]): string[] {
  const problems: string[] = [];
  for (const line of lines) {
    for (const b of bounds) {
      if (line.date < b.from || line.date > b.to) problems.push(`line ${line.lineNo} (${line.date}) is outside ${b.what} ${b.from}–${b.to}`);
    }
  }
  return problems;
}

/** Numbers a claim's lines from 1, as they are kept. */
export const numberLines = <L extends object>(lines: L[]): (L & { lineNo: number })[] => lines.map((l, i) => ({ ...l, lineNo: i + 1 }));

/**
 * A claim's period and lines under its mandate: refused naming the first line at fault (its date field), with
 * every problem listed; null when all fit.
 */
export function claimContentProblem(mandate: MandateRef, periodFrom: string, periodTo: string, lines: Pick<CostLine, 'lineNo' | 'date'>[]): Refusal | null {
  if (periodTo < periodFrom) return refuse('invalid_input', 'periodTo is before periodFrom', { field: 'periodTo' });
  const outside = linesOutside(lines, [
    { from: mandate.validFrom, to: mandate.validTo, what: `the validity of ${mandate.reference}` },
    { from: periodFrom, to: periodTo, what: 'the claimed period' },
  ]);
  if (outside.length === 0) return null;
  const first = lines.find((l) => outside[0].startsWith(`line ${l.lineNo} `));
  return refuse('invalid_input', outside.join('; '), { field: `lines[${(first?.lineNo ?? 1) - 1}].date`, details: { problems: outside } });
}
