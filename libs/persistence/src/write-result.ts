import type { InsertResult } from 'typeorm';

/**
 * How many rows an `INSERT … ON CONFLICT … RETURNING` wrote: 0 when the conflict clause skipped the row (DO
 * NOTHING, or DO UPDATE whose WHERE did not hold). Use it with `.returning(…)` on the query builder.
 */
export function rowsWritten(result: InsertResult): number {
  return Array.isArray(result.raw) ? result.raw.length : 0;
}
