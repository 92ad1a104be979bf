/**
 * Starts the real servers the integration tests run on, once per `npm test`: a Temporal CLI dev server
 * (in memory, on a free port) and an embedded PostgreSQL (in a temporary folder, on a free port), and builds
 * the workflow bundle once. Each test file then makes its own database and task queue. The integration and browser
 * tiers share it (each tier's global setup calls this one; the first starts the servers).
 *
 * `VARDFLODE_TEST_TEMPORAL_MODE=cluster` (`npm run test:cluster`): Temporal's own server as four services
 * (infra/temporal/temporal-cluster.ts) instead of the dev server, its databases in the test PostgreSQL.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../libs/crypto/src/failure-converter';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../../libs/telemetry/src/workflow-interceptor-modules';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/net/ports';
import { startEmbeddedPostgres } from '../../infra/postgres/embedded-postgres';
import { startTemporalDevServer } from '../../infra/temporal/dev-server';
import { startTemporalCluster } from '../../infra/temporal/temporal-cluster';
import { resolveTemporalCli } from '../../infra/temporal/temporal-cli';
import { TEST_ENV, TestStackGlobals, TestTemporal } from './test-stack-env';

const log = (line: string) => console.log(`[test-stack] ${line}`);

export default async function globalSetup(): Promise<void> {
  // The integration and browser tiers share one stack: whichever global setup runs second finds it running.
  if ((globalThis as TestStackGlobals).__vardflodeTestStack) return;
  const started = Date.now();
  const base = mkdtempSync(join(tmpdir(), 'vardflode-test-'));
  chmodSync(base, 0o755); // PostgreSQL may run as the 'postgres' user and must reach its data folder

  const mode = process.env[TEST_ENV.temporalMode] || 'dev';
  if (mode !== 'dev' && mode !== 'cluster') throw new Error(`${TEST_ENV.temporalMode} must be dev or cluster (got "${mode}")`);
  const startPostgres = async () =>
    startEmbeddedPostgres({ dataDir: join(base, 'postgres'), port: await freePort(), database: 'postgres', log });
  let postgres: Awaited<ReturnType<typeof startPostgres>>;
  let temporal: TestTemporal;
  if (mode === 'cluster') {
    // The cluster keeps its databases in the test PostgreSQL, so that starts first.
    postgres = await startPostgres();
    temporal = await startTemporalCluster({
      dataDir: join(base, 'temporal-cluster'),
      postgresAdminUrl: postgres.urlFor('postgres'),
      frontendPort: await freePort(),
      namespace: 'default',
      log,
    });
  } else {
    const executable = await resolveTemporalCli(process.env.TEMPORAL_CLI, log);
    [postgres, temporal] = await Promise.all([
      startPostgres(),
      freePort().then((port) => startTemporalDevServer({ executable, ip: '127.0.0.1', port, namespace: 'default', log })),
    ]);
  }
  (globalThis as TestStackGlobals).__vardflodeTestStack = { postgres, temporal, base };

  log('bundling the workflows once for all test files');
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger: { log: () => undefined, info: () => undefined, warn: log, error: log, debug: () => undefined, trace: () => undefined },
  });
  const bundlePath = join(base, 'workflow-bundle.js');
  writeFileSync(bundlePath, code);

  process.env[TEST_ENV.postgresAdminUrl] = postgres.urlFor('postgres');
  process.env[TEST_ENV.temporalAddress] = temporal.address;
  process.env[TEST_ENV.workflowBundle] = bundlePath;
  log(`ready in ${Math.round((Date.now() - started) / 1000)} s: PostgreSQL ${postgres.urlFor('').replace(/:[^:@/]*@/, ':***@')}, Temporal ${mode === 'cluster' ? 'cluster' : 'dev server'} ${temporal.address}`);
}
