import type { DataSource, EntityManager } from 'typeorm';

/**
 * Rows of an `UPDATE … RETURNING`. TypeORM's postgres driver answers UPDATE and DELETE with [rows, rowCount]
 * but other statements with the rows alone; this hides the difference.
 */
export async function returningRows<T>(db: EntityManager | DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const raw = await db.query(sql, params);
  return Array.isArray(raw[0]) ? (raw[0] as T[]) : (raw as T[]);
}
