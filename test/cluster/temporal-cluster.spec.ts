/**
 * Temporal's own server as a cluster on a real PostgreSQL: four service processes, a real Worker, the history
 * service killed with SIGKILL and restarted, and a second start on the same databases that keeps what ran before.
 * Not in the normal tiers (the first run builds the server with Go): `npx jest test/cluster --selectProjects cluster`.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/net/ports';
import { RunningPostgres, startEmbeddedPostgres } from '../../infra/postgres/embedded-postgres';
import { RunningTemporalCluster, startTemporalCluster } from '../../infra/temporal/temporal-cluster';
import { clusterProbe } from './probe.workflow';

const log = (line: string) => console.log(`[cluster] ${line}`);
const namespace = 'cluster-test';
const taskQueue = 'cluster-probe';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `clusterProbe(n)` as workflow `workflowId` through a real Worker on the cluster. */
async function runProbe(cluster: RunningTemporalCluster, workflowId: string, n: number): Promise<number> {
  const nativeConnection = await NativeConnection.connect({ address: cluster.address });
  const connection = await Connection.connect({ address: cluster.address });
  try {
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace,
      taskQueue,
      workflowsPath: require.resolve('./probe.workflow'),
    });
    const client = new Client({ connection, namespace });
    return await worker.runUntil(client.workflow.execute(clusterProbe, { workflowId, taskQueue, args: [n] }));
  } finally {
    await connection.close();
    await nativeConnection.close();
  }
}

describe('Temporal cluster on PostgreSQL (four service processes)', () => {
  let base: string;
  let postgres: RunningPostgres;
  let cluster: RunningTemporalCluster | undefined;
  const startCluster = async () =>
    startTemporalCluster({
      dataDir: join(base, 'temporal'),
      postgresAdminUrl: postgres.urlFor('postgres'),
      frontendPort: await freePort(),
      uiPort: await freePort(),
      namespace,
      log,
    });

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'vardflode-cluster-'));
    chmodSync(base, 0o755); // PostgreSQL may run as the 'postgres' user and must reach its data folder
    postgres = await startEmbeddedPostgres({ dataDir: join(base, 'postgres'), port: await freePort(), database: 'postgres', log });
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    await postgres?.stop();
    rmSync(base, { recursive: true, force: true });
  }, 60_000);

  it('runs workflows on four separate service processes, and survives a kill -9 of the history service', async () => {
    const started = Date.now();
    cluster = await startCluster();
    log(`cluster started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const pids = Object.values(cluster.services).map((s) => s.pid);
    expect(new Set(pids).size).toBe(4);
    expect(pids.every(alive)).toBe(true);
    if (cluster.uiUrl) {
      const page = await fetch(cluster.uiUrl);
      expect(page.status).toBe(200);
    }

    expect(await runProbe(cluster, 'cluster-probe-1', 1)).toBe(2);

    const history = cluster.services.history;
    const killed = history.pid;
    history.kill();
    await history.restart();
    expect(history.pid).not.toBe(killed);
    expect(alive(killed)).toBe(false);
    expect(alive(history.pid)).toBe(true);

    expect(await runProbe(cluster, 'cluster-probe-2', 41)).toBe(42);

    await cluster.stop();
    cluster = undefined;
    expect(pids.filter((pid) => pid !== killed).some(alive)).toBe(false);
  }, 900_000);

  it('keeps the first workflow on a second start on the same databases', async () => {
    const started = Date.now();
    cluster = await startCluster();
    log(`second start (schemas present) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const connection = await Connection.connect({ address: cluster.address });
    try {
      const client = new Client({ connection, namespace });
      const handle = client.workflow.getHandle('cluster-probe-1');
      const described = await handle.describe();
      expect(described.status.name).toBe('COMPLETED');
      expect(await handle.result()).toBe(2);
      const history = await handle.fetchHistory();
      expect(history.events?.some((event) => event.timerFiredEventAttributes)).toBe(true);
    } finally {
      await connection.close();
    }
  }, 300_000);
});
