/**
 * The baseline's worker, a child process of `npm run bench:engine` like the product's worker: the bare workflow
 * (bundled by the bench, path in BENCH_BASELINE_BUNDLE) and its one write activity, on the bench's own task
 * queue (TEMPORAL_TASK_QUEUE), with the same Temporal connection, cache bound and database pool size as the
 * product's worker. Tells the bench over IPC when it polls.
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
