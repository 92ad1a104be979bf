import { DataSource } from 'typeorm';

// Any constant works; it only has to be the same for every process of this application.
const MIGRATION_LOCK_KEY = 7_261_947;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so an API and several workers starting at once
 * apply each migration exactly once. Returns the names of the migrations applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
