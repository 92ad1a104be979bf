import { SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { temporalClientInterceptors, workerTracingOptions } from './temporal-tracing';
import { activeTracing, scrub, startTracing, stopTracing } from './tracing';
import { WORKFLOW_INTERCEPTOR_MODULES } from './workflow-interceptor-modules';

describe('tracing', () => {
  afterEach(() => stopTracing());

  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT: no provider, no client or activity interceptors, a sink that drops', () => {
    expect(startTracing('vardflode-api', { env: {} })).toBeUndefined();
    expect(startTracing('vardflode-api', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: '  ' } })).toBeUndefined();
    expect(activeTracing()).toBeUndefined();
    expect(trace.getTracer('probe').startSpan('x').isRecording()).toBe(false);
    expect(temporalClientInterceptors()).toBeUndefined();
    const worker = workerTracingOptions({ bundled: true });
    expect(worker.interceptors).toEqual({});
    expect(() => worker.sinks?.exporter.export.fn({} as never, [])).not.toThrow();
    // A worker that bundles at start gets the workflow interceptors; a prebuilt bundle has them already.
    expect(workerTracingOptions({ bundled: false }).interceptors).toEqual({ workflowModules: WORKFLOW_INTERCEPTOR_MODULES });
  });

  it('is on with OTEL_EXPORTER_OTLP_ENDPOINT, named by OTEL_SERVICE_NAME when set', () => {
    const tracing = startTracing('vardflode-worker', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SERVICE_NAME: 'region-worker' } });
    expect(tracing?.serviceName).toBe('region-worker');
    expect(tracing?.resource.attributes['service.name']).toBe('region-worker');
    expect(activeTracing()).toBe(tracing);
    expect(temporalClientInterceptors()?.workflow).toHaveLength(1);
    expect(workerTracingOptions({ bundled: true }).interceptors?.activity).toHaveLength(1);
  });

  it('sends no address, user agent, object attribute or error message out of the process', async () => {
    const exporter = new InMemorySpanExporter();
    startTracing('vardflode-api', { exporter, env: {} });
    const span = trace.getTracer('test').startSpan('POST /tasks/:taskId/complete', {
      attributes: { 'http.route': '/tasks/:taskId/complete', 'net.peer.ip': '10.1.2.3', 'http.user_agent': 'Firefox', 'db.postgresql.values': ['19121212-1212'] },
    });
    span.recordException(new Error('Tolvan Tolvansson 19121212-1212 not found'));
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'Tolvan Tolvansson 19121212-1212 not found' });
    span.end();

    const [sent] = exporter.getFinishedSpans();
    expect(sent.attributes).toEqual({ 'http.route': '/tasks/:taskId/complete' });
    expect(sent.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(sent.events.map((e) => e.attributes)).toEqual([{ 'exception.type': 'Error' }]);
    expect(JSON.stringify(sent.attributes) + JSON.stringify(sent.events)).not.toMatch(/Tolvan|1212/);
  });

  it('keeps only plain values of what the workflow spans carry (the sink copies the whole WorkflowInfo in)', () => {
    const span = {
      attributes: { workflowId: 'discharge-handover-1', historyLength: 12, memo: { patient: 'Tolvan' }, searchAttributes: {}, tags: ['a', 'b'] },
      events: [],
      status: { code: SpanStatusCode.OK },
    } as unknown as ReadableSpan;
    scrub(span);
    expect(span.attributes).toEqual({ workflowId: 'discharge-handover-1', historyLength: 12, tags: ['a', 'b'] });
  });
});
