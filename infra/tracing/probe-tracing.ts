// The trace probe's tracing: an in-memory exporter instead of OTLP. Imported first by trace-probe.ts, so it starts
// before anything requires `http` or `pg`, as each app's own tracing.ts does.
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing, type Tracing } from '../../libs/telemetry/src/tracing';

export const PROBE_SERVICE_NAME = 'vardflode-trace-probe';
export const memoryExporter = new InMemorySpanExporter();
export const tracing = startTracing(PROBE_SERVICE_NAME, { exporter: memoryExporter }) as Tracing;
