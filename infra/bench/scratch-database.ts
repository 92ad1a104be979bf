/** A throwaway database for a benchmark: on the server in DATABASE_URL, or an embedded PostgreSQL of its own. */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../libs/config/src/app-config';
import { freePort } from '../net/ports';
import { ensureDatabase, startEmbeddedPostgres } from '../postgres/embedded-postgres';

/** The p-th percentile of sorted timings. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export async function scratchDatabase(log: (line: string) => void): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const config = loadAppConfig();
  const name = `vardflode_bench_${randomBytes(4).toString('hex')}`;
  if (config.DATABASE_URL) {
    const admin = new URL(config.DATABASE_URL);
    await ensureDatabase(admin.toString(), name);
    const url = new URL(config.DATABASE_URL);
    url.pathname = `/${name}`;
    log(`scratch database ${name} on the server in DATABASE_URL`);
    return {
      url: url.toString(),
      cleanup: async () => {
        const ds = new DataSource({ type: 'postgres', url: admin.toString() });
        await ds.initialize();
        await ds.query(`DROP DATABASE IF EXISTS ${name}`);
        await ds.destroy();
      },
    };
  }
  const base = mkdtempSync(join(tmpdir(), 'vardflode-bench-'));
  chmodSync(base, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(base, 'postgres'), port: await freePort(), database: name, log });
  return {
    url: pg.url,
    cleanup: async () => {
      await pg.stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
