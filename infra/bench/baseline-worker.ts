/**
 * The baselines' worker, a child process of `npm run bench:engine` like the product's worker: the two bare
 * workflows (bundled by the bench, path in BENCH_BASELINE_BUNDLE) and their one write activity, on the bench's own
 * task queue (TEMPORAL_TASK_QUEUE), with the same Temporal connection and database pool size as the product's
 * worker. The bench gives it twice the product's cache bound (TEMPORAL_MAX_CACHED_WORKFLOWS), the product's bound
 * for each of the two baselines it hosts. Tells the bench over IPC when it polls.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { loadAppConfig, requireDatabaseUrl } from '../../libs/config/src/app-config';
import { temporalConnectionSettings } from '../../libs/temporal/src/connection-options';
import { createBaselineActivities } from './baseline.activities';

/** The product's TypeORM pool size (dataSourceOptions' default). */
const POOL_SIZE = 10;

async function main(): Promise<void> {
  const config = loadAppConfig();
  const bundle = process.env.BENCH_BASELINE_BUNDLE;
  if (!bundle) throw new Error('BENCH_BASELINE_BUNDLE is not set: the baseline worker is started by npm run bench:engine');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const pool = new Pool({ connectionString: requireDatabaseUrl(config), max: POOL_SIZE, connectionTimeoutMillis: 5_000 });
  const connection = await NativeConnection.connect(temporalConnectionSettings(config));
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundle: { codePath: bundle },
    activities: createBaselineActivities(pool),
    maxCachedWorkflows: config.TEMPORAL_MAX_CACHED_WORKFLOWS,
  });
  process.on('disconnect', () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  });
  const running = worker.run();
  process.send?.({ ready: true });
  await running;
  await pool.end();
  await connection.close();
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error('baseline worker failed:', err);
  process.exit(1);
});
