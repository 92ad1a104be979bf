/**
 * Temporal's side of tracing (@temporalio/interceptors-opentelemetry): the API's client starts each workflow,
 * signal and update in a span and passes its context in the headers; the workflow's interceptors (bundled into the
 * workflow code, WORKFLOW_INTERCEPTOR_MODULES) continue it in spans of their own, which leave the sandbox through the
 * worker's `exporter` sink; activities run in a span whose parent is the workflow's.
 *
 * With tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT) the client and the activities get no interceptors, so no header
 * is added to anything Temporal records; the workflow bundle still holds its interceptors (it is built once), and
 * the worker's sink drops what they hand it.
 */
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  type OpenTelemetryWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { InjectedSinks, WorkerOptions } from '@temporalio/worker';
import { WORKFLOW_INTERCEPTOR_MODULES } from './workflow-interceptor-modules';
import { activeTracing, type Tracing } from './tracing';

/** The Temporal client's interceptors: a span per start, signal, update and query, when tracing is on. */
export function temporalClientInterceptors(tracing: Tracing | undefined = activeTracing()): { workflow: WorkflowClientInterceptor[] } | undefined {
  return tracing ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
}

type TracingSinks = InjectedSinks<{ exporter: OpenTelemetryWorkflowExporter }>;

/** The workflow interceptors' sink: the spans go through the process's span processor, or nowhere. */
export function workflowSpanSinks(tracing: Tracing | undefined = activeTracing()): TracingSinks {
  if (tracing) return { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) };
  return { exporter: { export: { fn: () => undefined } } };
}

/**
 * What a worker adds for tracing: the activity interceptor when tracing is on, the workflow spans' sink always (the
 * bundle's interceptors call it), and the workflow interceptor modules for a worker that bundles at start (a
 * prebuilt bundle has them already: bundleWorkflowCode's workflowInterceptorModules).
 */
export function workerTracingOptions(options: { bundled: boolean }, tracing: Tracing | undefined = activeTracing()): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  return {
    interceptors: {
      ...(tracing ? { activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx) })] } : {}),
      ...(options.bundled ? {} : { workflowModules: WORKFLOW_INTERCEPTOR_MODULES }),
    },
    sinks: workflowSpanSinks(tracing),
  };
}
