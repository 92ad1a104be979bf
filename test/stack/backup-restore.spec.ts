/**
 * `npm run backup` / `npm run restore` round trip on `npm start`'s launcher (infra/bench/scale-support.ts's
 * startStack, a data folder of its own): a case waits at a human task; the stack stops; a backup; the stack starts
 * again and things change (that task completed, a second case opened); it stops; the restore; it starts: the first
 * case is back at its task, the second case is gone from PostgreSQL and from Temporal, and the first case still
 * progresses. Also: both commands refuse while the stack runs, and a damaged archive is refused before DATA_DIR is
 * touched.
 *
 * Runs the built launcher and commands in dist/ (npm test's tsc step emits it). Dev server by default;
 * VARDFLODE_TEST_TEMPORAL_MODE=cluster runs it on the Temporal cluster (its databases in the same PostgreSQL).
 */
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Pool } from 'pg';
import * as tar from 'tar';

const ROOT = join(__dirname, '..', '..');
// The launcher's helpers from dist/: they find the launcher relative to their own folder.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ScaleClient, startStack, withoutProductVariables } = require(join(ROOT, 'dist', 'infra', 'bench', 'scale-support.js')) as typeof import('../../infra/bench/scale-support');
type RunningStack = Awaited<ReturnType<typeof startStack>>;
type StackPorts = RunningStack['ports'];

const mode = process.env.VARDFLODE_TEST_TEMPORAL_MODE === 'cluster' ? 'cluster' : 'dev';
const log = (line: string) => console.log(`[backup-restore] ${line}`);

/** Runs `npm run backup`/`restore`'s built command on `dataDir`; its exit code and output. */
function command(which: 'backup' | 'restore', dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist', 'infra', 'backup', `${which}.cli.js`), ...args],
      { cwd: ROOT, env: { ...withoutProductVariables(process.env), DATA_DIR: dataDir, NODE_ENV: 'development', ...(mode === 'cluster' ? { TEMPORAL_MODE: 'cluster' } : {}) }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The Temporal workflow id of each case, from the cases table. */
async function workflowIdsOf(databaseUrl: string, caseIds: string[]): Promise<Map<string, string>> {
  const db = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await db.query<{ id: string; workflow_id: string }>('SELECT id, workflow_id FROM cases WHERE id = ANY($1)', [caseIds]);
    return new Map(rows.map((r) => [r.id, r.workflow_id]));
  } finally {
    await db.end();
  }
}

describe(`backup and restore of the embedded default (${mode === 'cluster' ? 'Temporal cluster' : 'Temporal dev server'})`, () => {
  const work = mkdtempSync(join(tmpdir(), 'vardflode-backup-'));
  chmodSync(work, 0o755); // run as root, PostgreSQL runs as the user postgres, who must reach its data folder
  const dataDir = join(work, 'data');
  const archive = join(work, 'backups', 'round-trip.tar.gz');
  let stack: RunningStack | undefined;
  let ports: StackPorts | undefined;

  const start = async () => {
    stack = await startStack({ mode, dataDir, workerCount: 1, apiReplicas: 1, ports, log });
    ports = stack.ports;
    return { stack, client: await ScaleClient.create(stack, dataDir) };
  };
  const stop = async (client: { close(): Promise<void> }) => {
    await client.close();
    await stack?.stop();
    stack = undefined;
  };

  afterAll(async () => {
    await stack?.stop();
    rmSync(work, { recursive: true, force: true });
    for (const name of readdirSync(dirname(work))) if (name.startsWith(`${basename(work)}.`)) rmSync(join(dirname(work), name), { recursive: true, force: true });
  });

  it('restores the cases and workflows of the instant of the backup, and they progress', async () => {
    // 1. A case waiting at the municipality's first task.
    let { client } = await start();
    const first = await client.openCase();
    const firstTask = await client.findTask('municipality', first.caseId, 'discharge.acknowledge_notice');

    const refused = await command('backup', dataDir, [archive]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in use by npm start \(the launcher\).*stop the stack/);
    expect(existsSync(archive)).toBe(false);
    await stop(client);

    // 2. The backup, of the stopped stack.
    const made = await command('backup', dataDir, [archive]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(`backed up to ${archive}`);
    expect(made.stdout).toMatch(/PostgreSQL 18\.\d+: databases .*vardflode.*; latest migration [A-Za-z]+\d{13}/);
    expect(made.stdout).toContain(mode === 'cluster' ? "Temporal cluster mode's databases" : "the Temporal dev server's SQLite file");

    // 3. Things change after it: the first case's task completed, a second case opened.
    ({ client } = await start());
    await client.complete('municipality', firstTask, { acknowledged: true });
    const second = await client.openCase();
    await client.findTask('municipality', second.caseId, 'discharge.acknowledge_notice');
    const workflowIds = await workflowIdsOf(stack!.databaseUrl, [first.caseId, second.caseId]);
    const refusedRestore = await command('restore', dataDir, [archive]);
    expect(refusedRestore.code).toBe(1);
    expect(refusedRestore.stderr).toMatch(/in use by npm start \(the launcher\)/);
    await stop(client);

    // 4. The restore: the data of step 3 kept aside.
    const restored = await command('restore', dataDir, [archive]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const aside = /kept in (\S+) \(renamed, not deleted\)/.exec(restored.stdout)?.[1];
    expect(aside).toMatch(new RegExp(`^${dataDir}\\.before-restore-\\d{4}-\\d{2}-\\d{2}_\\d{6}$`));
    expect(existsSync(join(aside!, 'postgres', 'PG_VERSION'))).toBe(true);

    // 5. The first case is back at its task; the second never happened, in PostgreSQL nor in Temporal.
    const restarted = await start();
    client = restarted.client;
    const running = restarted.stack;
    expect((await client.call('hospital', 'GET', `/discharge-handovers/${first.caseId}`, [200, 404])).status).toBe(200);
    expect((await client.call('hospital', 'GET', `/discharge-handovers/${second.caseId}`, [200, 404])).status).toBe(404);
    const connection = await Connection.connect({ address: `127.0.0.1:${running.ports.temporal}` });
    try {
      const temporal = new Client({ connection, namespace: 'default' });
      expect((await temporal.workflow.getHandle(workflowIds.get(first.caseId)!).describe()).status.name).toBe('RUNNING');
      await expect(temporal.workflow.getHandle(workflowIds.get(second.caseId)!).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    } finally {
      await connection.close();
    }
    expect(await client.findTask('municipality', first.caseId, 'discharge.acknowledge_notice', 30_000)).toBe(firstTask);

    // …and it progresses: its task completed through the API, the workflow opens the next one.
    await client.complete('municipality', firstTask, { acknowledged: true });
    await client.complete('vardcentral', await client.findTask('vardcentral', first.caseId, 'discharge.acknowledge_notice'), { acknowledged: true });
    await expect(client.findTask('vardcentral', first.caseId, 'discharge.appoint_fast_vardkontakt', 60_000)).resolves.toEqual(expect.any(String));
    await stop(client);

    // 6. A damaged archive is refused before DATA_DIR is touched.
    const unpacked = join(work, 'unpacked');
    const damaged = join(work, 'damaged.tar.gz');
    rmSync(unpacked, { recursive: true, force: true });
    mkdirSync(unpacked);
    await tar.extract({ file: archive, cwd: unpacked });
    // (The manifest, meanwhile: what the archive holds, and the key ring with it, by id only.)
    const manifest = JSON.parse(readFileSync(join(unpacked, 'backup-manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'vardflode-backup', formatVersion: 1, postgres: { major: 18 }, keyRing: { inside: true, source: 'keys/encryption-keys.json', keyIds: ['k1'] } });
    expect(manifest.temporal).toEqual(mode === 'cluster' ? { devServerFile: false, clusterDatabases: true } : { devServerFile: true, clusterDatabases: false });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['postgres/PG_VERSION', 'postgres.password', 'keys/encryption-keys.json']));
    expect(JSON.stringify(manifest)).not.toMatch(/"key"|indexKey/);
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    writeFileSync(join(unpacked, 'postgres.password'), `${readFileSync(join(unpacked, 'postgres.password'), 'utf8')}x`);
    await tar.create({ gzip: true, file: damaged, cwd: unpacked }, readdirSync(unpacked));
    const before = readdirSync(dirname(dataDir)).sort();
    const rejected = await command('restore', dataDir, [damaged]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('postgres.password does not match its checksum in the manifest (damaged)');
    expect(readdirSync(dirname(dataDir)).sort()).toEqual(before);
  }, 600_000);
});
