/**
 * In a plain Node process of its own (the Runtime is one per process): a worker with the Temporal SDK's Prometheus
 * telemetry, as apps/worker/src/main.ts installs it, runs workflows that complete, fail, fail their workflow task and
 * retry an activity, then scrapes the endpoint and writes its metric families as JSON ({ name: type }) to OUTPUT.
 *
 * Env: TEMPORAL_ADDRESS, METRICS_PORT, TASK_QUEUE, OUTPUT. Used by test/integration/sdk-metrics.spec.ts.
 */
'use strict';
const { randomUUID } = require('node:crypto');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Client, Connection } = require('@temporalio/client');
const { Context } = require('@temporalio/activity');
const { DefaultLogger, NativeConnection, Runtime, Worker } = require('@temporalio/worker');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const { TEMPORAL_ADDRESS: address, METRICS_PORT: port, TASK_QUEUE: taskQueue, OUTPUT: output } = process.env;
  const metricsUrl = `http://127.0.0.1:${port}/metrics`;
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${port}` } } },
  });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue,
    workflowsPath: join(__dirname, 'workflows.ts'),
    activities: {
      async flaky() {
        if (Context.current().info.attempt === 1) throw new Error('the first attempt fails');
        return 'done';
      },
    },
  });
  const running = worker.run();
  const clientConnection = await Connection.connect({ address });
  const client = new Client({ connection: clientConnection, namespace: 'default' });
  const start = (type) => client.workflow.start(type, { taskQueue, workflowId: `sdk-metrics-${type}-${randomUUID()}` });

  const stuck = await start('failsItsTask');
  await (await start('completes')).result();
  await (await start('fails')).result().catch(() => undefined);
  // Let the failing workflow task be retried, and the exporter see every recording.
  await sleep(2_000);
  const text = await (await fetch(metricsUrl)).text();
  await stuck.terminate('the capture is done');

  worker.shutdown();
  await running;
  await clientConnection.close();
  await connection.close();
  const families = {};
  for (const [, name, kind] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) families[name] = kind;
  writeFileSync(output, JSON.stringify(families, null, 2));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
