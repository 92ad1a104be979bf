import type { InsertResult } from 'typeorm';

/**
 * How many rows an `INSERT … ON CONFLICT … RETURNING` wrote: 0 when the conflict clause skipped the row (DO
 * NOTHING, or DO UPDATE whose WHERE did not hold). Use it with `.returning(…)` on the query builder.
 */
export function rowsWritten(result: InsertResult): number {
  return Array.isArray(result.raw) ? result.raw.length : 0;
}

/**
 * The rows an `UPDATE … RETURNING` (or `DELETE … RETURNING`) gave through `query()`: TypeORM's PostgreSQL driver
 * answers those with `[rows, affectedCount]`, unlike a SELECT or an INSERT, whose answer is the rows themselves.
 */
export function updatedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return Array.isArray(result) ? (result as T[]) : [];
}
