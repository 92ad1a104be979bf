import { DataSource } from 'typeorm';
import { SeedCounts, seedReferenceData } from './seed/reference-data';

// Any constant works; it only has to be the same for every process of this application.
const MIGRATION_LOCK_KEY = 7_261_947;

export interface PreparedDatabase {
  /** Names of the migrations applied now (empty when the schema was up to date). */
  migrations: string[];
  /** Reference-data rows the seed added now (all 0 when they were there). */
  seeded: SeedCounts;
}

/**
 * Brings a database up to date: pending schema migrations (DDL only), then the reference-data seed
 * (seed/reference-data.ts, idempotent), both under a PostgreSQL advisory lock, so an API and several workers
 * starting at once apply each migration exactly once. Everything that migrates a database calls this (or
 * runMigrations, which is this).
 */
export async function migrateAndSeed(dataSource: DataSource): Promise<PreparedDatabase> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const seeded = await seedReferenceData(dataSource);
    return { migrations: applied.map((m) => m.name), seeded };
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}

/**
 * Runs pending migrations and then the reference-data seed (see migrateAndSeed). Returns the names of the
 * migrations applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  return (await migrateAndSeed(dataSource)).migrations;
}
