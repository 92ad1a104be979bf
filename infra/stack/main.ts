/**
 * `npm start`: the whole stack on one machine. PostgreSQL (embedded unless DATABASE_URL), the Temporal dev
 * server (unless TEMPORAL_ADDRESS), then the worker and the API as separate processes, exactly as they run
 * in production. Waits until /health/ready answers, prints where everything is, and on Ctrl-C (SIGINT) or
 * SIGTERM stops it all in order: API → worker → Temporal → PostgreSQL.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig, ConfigError, loadAppConfig } from '../../libs/config/src/app-config';
import { assertPortFree, waitFor } from '../net/ports';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres';
import { ManagedProcess } from '../process/managed-process';
import { startTemporalDevServer } from '../temporal/dev-server';
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

function startNodeApp(name: string, script: string, env: NodeJS.ProcessEnv): ManagedProcess {
  // An IPC channel: if the launcher dies, the child sees 'disconnect' and shuts down by itself.
  return ManagedProcess.start(name, process.execPath, [join(distRoot, script)], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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
    if (config.TEMPORAL_ADDRESS) {
      log(`using the Temporal cluster at ${config.TEMPORAL_ADDRESS}, namespace ${config.TEMPORAL_NAMESPACE}`);
    } else {
      const temporal = await startTemporalDevServer({
        executable: await resolveTemporalCli(config.TEMPORAL_CLI, log),
        ip: '127.0.0.1',
        port: config.TEMPORAL_DEV_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        // The UI decodes payloads through the API's codec server, for HSF's operators (see README, Patient data protection).
        uiCodecEndpoint: `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}/codec`,
        dbFilename: join(dataDir, 'temporal', 'temporal.db'),
        namespace: config.TEMPORAL_NAMESPACE,
        log,
      });
      started.push({ name: 'Temporal dev server', stop: temporal.stop });
      uiUrl = temporal.uiUrl;
    }

    const env = { ...process.env, DATABASE_URL: databaseUrl };
    const worker = startNodeApp('worker', 'apps/worker/src/main.js', env);
    started.push({ name: 'worker', stop: () => worker.stop('SIGTERM', 30_000) });
    const api = startNodeApp('api', 'apps/api/src/main.js', env);
    started.push({ name: 'API', stop: () => api.stop('SIGTERM', 30_000) });

    for (const child of [worker, api]) {
      void child.exit.then(({ code, signal }) => {
        if (!stopping) void stopAll(`the ${child.name} exited unexpectedly (code ${code}, signal ${signal})`, 1);
      });
    }

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
