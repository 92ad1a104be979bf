import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../libs/config/src/app-config';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { canConnect, startEmbeddedPostgres } from '../postgres/embedded-postgres';

/**
 * Runs `fn` on the application's database: DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (used as it
 * runs under `npm start`, or started just for this command and stopped after).
 */
export async function withAppDatabase<T>(config: AppConfig, log: (line: string) => void, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  let url = config.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const dataDir = join(resolve(config.DATA_DIR), 'postgres');
    const passwordFile = `${dataDir}.password`;
    if (!existsSync(passwordFile)) throw new Error(`no embedded PostgreSQL under ${dataDir}: run 'npm start' once, or set DATABASE_URL`);
    const password = readFileSync(passwordFile, 'utf8').trim();
    url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}/vardflode`;
    if (!(await canConnect(url))) {
      const pg = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_POSTGRES_PORT, database: 'vardflode', log });
      url = pg.url;
      stop = pg.stop;
    }
  }
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
    await stop?.();
  }
}
