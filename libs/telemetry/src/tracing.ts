/**
 * OpenTelemetry tracing of the API and the worker: HTTP (server spans named by route), PostgreSQL (pg, statements
 * without their parameter values) and Temporal (client, activity and workflow interceptors, temporal-tracing.ts).
 *
 * Each app's entry point imports its `tracing.ts` FIRST, which calls startTracing() before anything requires `http`
 * or `pg`, so the instrumentations can patch them. Spans go to OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set,
 * and nowhere otherwise: then no provider is registered, nothing is patched, and the Temporal client and activities
 * get no interceptors (the workflow bundle's interceptors hand their spans to a sink that drops them).
 *
 * No personal data in a span: the pg instrumentation never records parameter values (the SQL is parameterised),
 * and the privacy processor below drops the client's address and user agent, every attribute that is not a plain
 * value, and every exception or status message (an error message may quote data; its type and the span's status
 * code stay).
 */
import { context, propagation, trace, type Context } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type ReadableSpan,
  type Span,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { IncomingMessage } from 'node:http';

export const SERVICE_NAMES = { api: 'vardflode-api', worker: 'vardflode-worker' } as const;

/** Span attributes that could identify a person (the caller's address and browser) or carry data values. */
export const DROPPED_ATTRIBUTES: readonly string[] = [
  'http.client_ip',
  'http.user_agent',
  'user_agent.original',
  'net.peer.ip',
  'net.peer.port',
  'net.sock.peer.addr',
  'net.sock.peer.port',
  'client.address',
  'client.port',
  'enduser.id',
  'db.postgresql.values',
  'temporalTerminateReason',
];
const EXCEPTION_KEPT = new Set(['exception.type']);

/** Health probes and scrapes would bury the traces people look for. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

export interface Tracing {
  readonly serviceName: string;
  readonly resource: Resource;
  readonly provider: NodeTracerProvider;
  /** The processor chain every span goes through (the workflow spans too, via the worker's sink). */
  readonly spanProcessor: SpanProcessor;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** Instead of OTLP (tests: an InMemorySpanExporter); spans are then handed over one by one, not batched. */
  exporter?: SpanExporter;
  env?: NodeJS.ProcessEnv;
}

let active: Tracing | undefined;

/** The process's tracing, when on. */
export function activeTracing(): Tracing | undefined {
  return active;
}

/**
 * Starts tracing for this process when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (or `options.exporter` is given), with
 * `OTEL_SERVICE_NAME` or `serviceName` as the service name. Returns undefined, and does nothing, otherwise. A second
 * call returns the first one's tracing.
 */
export function startTracing(serviceName: string, options: TracingOptions = {}): Tracing | undefined {
  if (active) return active;
  const env = options.env ?? process.env;
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!options.exporter && !endpoint) return undefined;

  const name = env.OTEL_SERVICE_NAME?.trim() || serviceName;
  const resource = new Resource({ 'service.name': name });
  // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (adding /v1/traces) and OTEL_EXPORTER_OTLP_HEADERS itself.
  const exporter = options.exporter ?? new OTLPTraceExporter();
  const spanProcessor = new PrivacySpanProcessor(options.exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? ''),
        // Express has matched the route by the time the response ends: name the span by it, not by the URL.
        applyCustomAttributesOnSpan: (span, req) => {
          const route = (req as IncomingMessage & { route?: { path?: unknown } }).route?.path;
          if (typeof route === 'string' && 'method' in req) {
            span.setAttribute('http.route', route);
            span.updateName(`${req.method} ${route}`);
          }
        },
      }),
      // No parameter values (enhancedDatabaseReporting stays off), and no spans for pool chatter outside a trace.
      new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
    ],
  });

  active = {
    serviceName: name,
    resource,
    provider,
    spanProcessor,
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      active = undefined;
    },
  };
  return active;
}

/**
 * Drops what could identify a person before a span leaves the process: the attributes above, exception messages
 * and stack traces (the exception's type stays), and the status message (the status code stays).
 */
export class PrivacySpanProcessor implements SpanProcessor {
  constructor(private readonly next: SpanProcessor) {}

  onStart(span: Span, parentContext: Context): void {
    this.next.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    scrub(span);
    this.next.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}

/** In place: an ended span's fields are plain data (the SDK's setters are closed by then). */
export function scrub(span: ReadableSpan): void {
  const attributes = span.attributes as Record<string, unknown>;
  for (const key of DROPPED_ATTRIBUTES) delete attributes[key];
  // The workflow spans' sink copies the whole WorkflowInfo in (makeWorkflowExporter): its memo, search attributes,
  // last result and failure are objects, which OpenTelemetry does not allow as attributes. Only plain values stay.
  for (const [key, value] of Object.entries(attributes)) if (!isAttributeValue(value)) delete attributes[key];
  for (const event of span.events) {
    if (event.name !== 'exception' || !event.attributes) continue;
    const eventAttributes = event.attributes as Record<string, unknown>;
    for (const key of Object.keys(eventAttributes)) if (!EXCEPTION_KEPT.has(key)) delete eventAttributes[key];
  }
  if (span.status.message !== undefined) (span as { status: ReadableSpan['status'] }).status = { code: span.status.code };
}

const isPrimitive = (value: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof value);
const isAttributeValue = (value: unknown): boolean =>
  isPrimitive(value) || (Array.isArray(value) && value.every((item) => item === null || item === undefined || isPrimitive(item)));

/** For tests: forget the process's tracing and the global OpenTelemetry registrations. */
export async function stopTracing(): Promise<void> {
  await active?.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}
