/**
 * The workflow side of tracing, bundled into the workflow code (WORKFLOW_INTERCEPTOR_MODULES): the interceptors of
 * @temporalio/interceptors-opentelemetry, each with a tracer whose span and trace ids do NOT come from Math.random.
 *
 * Why: in the workflow sandbox Math.random is the workflow's seeded generator, the one uuid4() draws from (task
 * and timer ids here). The package's own tracer draws its ids from it too, so with it every span would shift every
 * later uuid4(): recorded histories would no longer replay, and a span made only live (an update's validator, a
 * query: neither runs on replay) would make a cached case's next ids differ from its replay's, a nondeterminism
 * error after the worker evicts it (temporalio/sdk-typescript#2023). Ids drawn from a generator of their own keep
 * uuid4() exactly as without tracing.
 *
 * No I/O, no Node built-ins: this runs in the sandbox. The spans leave it through the worker's `exporter` sink.
 */
// First: the package's shim of `performance` for OpenTelemetry in the sandbox (from the workflow's clock).
import '@temporalio/interceptors-opentelemetry/lib/workflow/runtime';
import type { IdGenerator } from '@opentelemetry/sdk-trace-base';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Tracer } from '@opentelemetry/api';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import { SpanExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/span-exporter';
import { workflowInfo, type WorkflowInterceptors } from '@temporalio/workflow';

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Span and trace ids from a generator of this workflow instance's own (mulberry32), never from Math.random. It is
 * seeded when the first id is drawn by the run id and the history's length then: a worker that replays the case
 * after an eviction starts a sequence of its own, so its spans do not repeat the ids of spans sent before.
 */
export class WorkflowIdGenerator implements IdGenerator {
  private state: number | undefined;

  private next32(): string {
    if (this.state === undefined) {
      const info = workflowInfo();
      this.state = hash(`${info.runId}:${info.historyLength}:${info.unsafe.isReplaying}`);
    }
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) || 1).toString(16).padStart(8, '0');
  }

  generateTraceId(): string {
    return this.next32() + this.next32() + this.next32() + this.next32();
  }

  generateSpanId(): string {
    return this.next32() + this.next32();
  }
}

/** The package's interceptors hold their tracer in `tracer`; this gives them one of the instance's own. */
function withTracer<T extends object>(interceptor: T, tracer: Tracer): T {
  Object.defineProperty(interceptor, 'tracer', { value: tracer });
  return interceptor;
}

export const interceptors = (): WorkflowInterceptors => {
  // The package's provider (made by its interceptors' constructors) registers the sandbox's context manager and
  // propagator; only the tracer is replaced, by one whose spans go to the same sink.
  const provider = new BasicTracerProvider({ idGenerator: new WorkflowIdGenerator() });
  provider.addSpanProcessor(new SimpleSpanProcessor(new SpanExporter()));
  const tracer = provider.getTracer('@temporalio/interceptor-workflow');
  return {
    inbound: [withTracer(new OpenTelemetryInboundInterceptor(), tracer)],
    outbound: [withTracer(new OpenTelemetryOutboundInterceptor(), tracer)],
    internals: [new OpenTelemetryInternalsInterceptor()],
  };
};
