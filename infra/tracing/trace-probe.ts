/**
 * The API and a worker in one plain Node process, traced into memory, for the tracing test
 * (test/integration/tracing.api.spec.ts). The test cannot trace inside jest: jest's module loader bypasses Node's
 * require hooks, through which the http and pg instrumentations patch. So it starts this script (compiled to
 * dist/infra/tracing/trace-probe.js) and talks to it over IPC:
 * - the probe answers `{ ready: { port } }` once the worker polls and the API listens on 127.0.0.1:port;
 * - `'reset'` forgets the spans so far (answer `{ reset: true }`);
 * - `'spans'` answers `{ spans: ProbeSpan[] }`, every span finished since;
 * - `'stop'` (or the test going away) stops the worker and the API and ends the process.
 *
 * The API and the worker share the process (and its one tracer provider, so one service name); Nest warns once that
 * their two TypeORM data sources share a name, which is harmless here.
 *
 * Configuration: the AppConfig variables of the test's database and task queue, and VARDFLODE_TEST_WORKFLOW_BUNDLE
 * (the test tier's workflow bundle, which holds the workflow interceptors).
 */
import { memoryExporter, tracing } from './probe-tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { activitiesFrom } from '../../activities/activities.module';
import { createApiApplication } from '../../apps/api/src/bootstrap';
import { createCaseWorker } from '../../apps/worker/src/case-worker';
import { CaseProblemsRepository } from '../../libs/persistence/src/operations/case-problems.repository';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { loadAppConfig } from '../../libs/config/src/app-config';
import { KEY_RING } from '../../libs/crypto/src/crypto.module';
import type { KeyRing } from '../../libs/crypto/src/key-ring';

/** What the test sees of a span: enough for the shape of a trace and for what its attributes hold. */
export interface ProbeSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  service: unknown;
  scope: string;
  attributes: Record<string, unknown>;
  events: { name: string; attributes?: Record<string, unknown> }[];
  status: { code: number; message?: string };
}

export function probeSpan(span: ReadableSpan): ProbeSpan {
  const { traceId, spanId } = span.spanContext();
  return {
    name: span.name,
    kind: span.kind,
    traceId,
    spanId,
    parentSpanId: span.parentSpanId,
    service: span.resource.attributes['service.name'],
    scope: span.instrumentationLibrary.name,
    attributes: { ...span.attributes },
    events: span.events.map((e) => ({ name: e.name, attributes: e.attributes })),
    status: span.status,
  };
}

async function main(): Promise<void> {
  const bundle = process.env.VARDFLODE_TEST_WORKFLOW_BUNDLE;
  if (!bundle || !process.send) throw new Error('start the trace probe from the tracing test (IPC and VARDFLODE_TEST_WORKFLOW_BUNDLE)');
  const config = loadAppConfig();
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'warn'] });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createCaseWorker({
    connection,
    config,
    activities: activitiesFrom(ctx),
    keyRing: ctx.get<string, KeyRing>(KEY_RING),
    problems: ctx.get(CaseProblemsRepository),
    workflowBundlePath: bundle,
  });
  const running = worker.run();
  const app = await createApiApplication(config);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      worker.shutdown();
      await running;
      await ctx.close();
      await connection.close();
      await tracing.shutdown();
      process.exit(0);
    })());
  process.on('disconnect', () => void stop());
  process.on('message', (message) => {
    if (message === 'reset') {
      memoryExporter.reset();
      process.send?.({ reset: true });
    } else if (message === 'spans') {
      void tracing.forceFlush().then(() => process.send?.({ spans: memoryExporter.getFinishedSpans().map(probeSpan) }));
    } else if (message === 'stop') {
      void stop();
    }
  });
  process.send({ ready: { port } });
}

main().catch((err: unknown) => {
  console.error('trace probe failed:', err);
  process.exit(1);
});
