/**
 * `npm start`: the whole stack on one machine. PostgreSQL (embedded unless DATABASE_URL), the Temporal dev
 * server (unless TEMPORAL_ADDRESS), then the worker and the API as separate processes, exactly as they run
 * in production. Waits until /health/ready answers, prints where everything is, and on Ctrl-C (SIGINT) or
 * SIGTERM stops it all in order: API → worker → Temporal → PostgreSQL. A worker or API process that exits on its own
 * is restarted with backoff (infra/process/supervisor.ts); only repeated crashes stop the stack (exit 1).
 *
 * `TEMPORAL_MODE=cluster` (`npm run start:cluster`): instead of the dev server, Temporal's own server as four
 * processes (frontend, history, matching, worker) on PostgreSQL (infra/temporal/temporal-cluster.ts), its databases
 * beside vardflode's (or on TEMPORAL_DB_ADMIN_URL's server); then WORKER_COUNT workers and API_REPLICAS API
 * processes on one port (2 and 2 by default in this mode). Everything keeps its data under DATA_DIR.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { acquireDataDirLock } from '../backup/data-dir-lock';
import { AppConfig, ConfigError, loadAppConfig } from '../../libs/config/src/app-config';
import { durationMs } from '../../libs/domain/src/time/duration';
import { assertPortFree, waitFor } from '../net/ports';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres';
import { DEFAULT_RESTART_POLICY, Supervised, type SupervisedOptions } from '../process/supervisor';
import { startTemporalDevServer } from '../temporal/dev-server';
import { RunningTemporalCluster, startTemporalCluster } from '../temporal/temporal-cluster';
import { resolveTemporalCli } from '../temporal/temporal-cli';

const log = (line: string) => console.log(`[stack] ${line}`);
const distRoot = resolve(__dirname, '..', '..');

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

async function isReady(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  return res.status === 200;
}

function superviseNodeApp(name: string, script: string, env: NodeJS.ProcessEnv, o: Omit<SupervisedOptions, 'name' | 'start'>): Supervised {
  // An IPC channel: if the launcher dies, the child sees 'disconnect' and shuts down by itself.
  return Supervised.start(name, process.execPath, [join(distRoot, script)], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }, o);
}

/** The admin URL (database `postgres`) of the server a database URL points at, for Temporal's own databases. */
function adminUrlOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

async function checkPorts(config: AppConfig): Promise<void> {
  await assertPortFree(config.PORT, config.HOST, 'PORT');
  if (!config.DATABASE_URL) await assertPortFree(config.EMBEDDED_POSTGRES_PORT, '127.0.0.1', 'EMBEDDED_POSTGRES_PORT');
  if (!config.TEMPORAL_ADDRESS) {
    await assertPortFree(config.TEMPORAL_DEV_PORT, '127.0.0.1', 'TEMPORAL_DEV_PORT');
    await assertPortFree(config.TEMPORAL_UI_PORT, '127.0.0.1', 'TEMPORAL_UI_PORT');
  }
}

async function main(): Promise<void> {
  const config = loadAppConfig();
  await checkPorts(config);
  const dataDir = resolve(config.DATA_DIR);
  // DATA_DIR is this launcher's until it exits: no second launcher, no `npm run backup`/`restore` meanwhile.
  const releaseDataDir = acquireDataDirLock(dataDir, 'npm start (the launcher)');
  process.on('exit', () => releaseDataDir());
  const started: Stoppable[] = []; // in start order; stopped in reverse
  let stopping: Promise<void> | undefined;

  const stopAll = (reason: string, exitCode: number) => {
    stopping ??= (async () => {
      log(`${reason}: stopping everything`);
      for (const part of [...started].reverse()) {
        log(`stopping ${part.name}…`);
        await part.stop().catch((err: Error) => log(`${part.name} did not stop cleanly: ${err.message}`));
      }
      log('stopped');
      process.exit(exitCode);
    })();
    return stopping;
  };
  process.on('SIGINT', () => void stopAll('SIGINT', 0));
  process.on('SIGTERM', () => void stopAll('SIGTERM', 0));

  try {
    let databaseUrl = config.DATABASE_URL;
    if (databaseUrl) {
      log('using the PostgreSQL in DATABASE_URL');
    } else {
      const pg = await startEmbeddedPostgres({
        dataDir: join(dataDir, 'postgres'),
        port: config.EMBEDDED_POSTGRES_PORT,
        database: 'vardflode',
        log,
      });
      started.push({ name: 'PostgreSQL', stop: pg.stop });
      databaseUrl = pg.url;
    }

    let uiUrl: string | undefined;
    let temporalAddress: string | undefined;
    let cluster: RunningTemporalCluster | undefined;
    const uiCodecEndpoint = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}/codec`;
    if (config.TEMPORAL_MODE === 'cluster') {
      // Temporal's databases (temporal, temporal_visibility) beside vardflode's, unless a server of their own is given.
      cluster = await startTemporalCluster({
        dataDir: join(dataDir, 'temporal-cluster'),
        postgresAdminUrl: config.TEMPORAL_DB_ADMIN_URL ?? adminUrlOf(databaseUrl),
        frontendPort: config.TEMPORAL_DEV_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        uiCodecEndpoint,
        namespace: config.TEMPORAL_NAMESPACE,
        log,
      });
      started.push({ name: 'Temporal cluster', stop: cluster.stop });
      uiUrl = cluster.uiUrl;
      temporalAddress = cluster.address;
    } else if (config.TEMPORAL_ADDRESS) {
      log(`using the Temporal cluster at ${config.TEMPORAL_ADDRESS}, namespace ${config.TEMPORAL_NAMESPACE}`);
    } else {
      const temporal = await startTemporalDevServer({
        executable: await resolveTemporalCli(config.TEMPORAL_CLI, log),
        ip: '127.0.0.1',
        port: config.TEMPORAL_DEV_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        // The UI decodes payloads through the API's codec server, for HSF's operators (see README, Patient data protection).
        uiCodecEndpoint,
        dbFilename: join(dataDir, 'temporal', 'temporal.db'),
        namespace: config.TEMPORAL_NAMESPACE,
        log,
      });
      started.push({ name: 'Temporal dev server', stop: temporal.stop });
      uiUrl = temporal.uiUrl;
    }

    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, ...(temporalAddress ? { TEMPORAL_ADDRESS: temporalAddress } : {}) };
    // TEMPORAL_MODE is the launcher's: the API and worker only connect to TEMPORAL_ADDRESS (refused with cluster).
    delete env.TEMPORAL_MODE;
    const workerCount = config.workerCount;
    // Supervision: a worker or API process that exits on its own is started again with backoff; only repeated
    // crashes stop everything (SUPERVISE_MAX_RESTARTS within SUPERVISE_WINDOW). A clean stop never restarts.
    const supervision = {
      policy: { ...DEFAULT_RESTART_POLICY, maxRestarts: config.SUPERVISE_MAX_RESTARTS, windowMs: durationMs(config.SUPERVISE_WINDOW) },
      log,
      onGiveUp: (reason: string) => void stopAll(reason, 1),
      stopping: () => stopping !== undefined,
    };
    const workers = Array.from({ length: workerCount }, (_, i) =>
      superviseNodeApp(workerCount === 1 ? 'worker' : `worker ${i + 1}`, 'apps/worker/src/main.js', env, supervision),
    );
    started.push({
      name: workerCount === 1 ? 'worker' : `${workerCount} workers`,
      stop: async () => {
        await Promise.all(workers.map((w) => w.stop('SIGTERM', 30_000)));
      },
    });
    // API_REPLICAS > 1: the API process is a primary that forks the replicas, all on PORT (apps/api/src/primary.ts).
    const api = superviseNodeApp('api', 'apps/api/src/main.js', { ...env, API_REPLICAS: String(config.apiReplicas) }, supervision);
    started.push({ name: 'API', stop: () => api.stop('SIGTERM', 30_000) });

    const base = `http://${config.HOST}:${config.PORT}`;
    log('waiting for the API to report ready (PostgreSQL, Temporal, worker)…');
    await waitFor(`the API at ${base}/health/ready`, () => isReady(`${base}/health/ready`), 120_000, 500);

    // The people's way in first: the web app, which the API serves at / once `npm run build` has built it.
    const webBuilt = existsSync(join(distRoot, 'web', 'index.html'));
    console.log('');
    console.log(webBuilt ? `  vardflode is ready: open ${base}/` : '  vardflode is ready (the web app is not built: npm run build)');
    const signIn = config.devIssuerEnabled ? 'dev sign-in' : config.webOidc ? `OIDC at ${config.webOidc.issuer}` : 'no sign-in: set AUTH_WEB_CLIENT_ID';
    if (webBuilt) console.log(`  Web app        ${base}/   (${signIn})`);
    console.log(`  API            ${base}`);
    if (config.apiDocsEnabled) console.log(`  OpenAPI docs   ${base}/docs   (JSON: ${base}/docs-json)`);
    if (uiUrl) console.log(`  Temporal UI    ${uiUrl}   (payloads decoded for HSF operators: ${base}/codec)`);
    if (cluster) {
      const pids = Object.entries(cluster.services).map(([name, s]) => `${name} ${s.pid}`).join(', ');
      console.log(`  Temporal       cluster mode: ${cluster.address}, 4 services (${pids}) on PostgreSQL`);
    } else {
      console.log(`  Temporal       ${config.TEMPORAL_ADDRESS ? `external: ${config.TEMPORAL_ADDRESS}` : `dev mode: the CLI's dev server on 127.0.0.1:${config.TEMPORAL_DEV_PORT}`}`);
    }
    const replicas = config.apiReplicas;
    console.log(`  Processes      ${workerCount} worker${workerCount === 1 ? '' : 's'}, ${replicas} API process${replicas === 1 ? '' : 'es'}${replicas > 1 ? ' on one port' : ''}`);
    console.log(`  Data           ${config.DATABASE_URL ? 'external PostgreSQL' : dataDir}`);
    console.log('  Stop with Ctrl-C.');
    console.log('');
  } catch (err) {
    if (!stopping) await stopAll(`start failed: ${(err as Error).message}`, 1);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
});
