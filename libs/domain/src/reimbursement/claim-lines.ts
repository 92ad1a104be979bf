/** Costs must fall within the mandate's validity and the claimed period (HDIR 20348). Pure: used by workflow and API. */
import type { CostLine } from '../../../contracts/src/reimbursement-claim.contract';
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
