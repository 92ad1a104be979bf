import { Global, Module } from '@nestjs/common';
import { Runtime, type RuntimeOptions } from '@temporalio/worker';
import type { AppConfig } from '../../../libs/config/src/app-config';
import { AUDIT_APPEND_BUCKETS, AUDIT_APPEND_METRIC, AUDIT_APPEND_TIMER, type AuditAppendTimer } from '../../../libs/persistence/src/audit/audit-append-timer';

/**
 * The Runtime's telemetry: the Temporal SDK's own metrics (`temporal_*`: polls, workflow and activity tasks, their
 * latencies and failures, the sticky cache) and ours made with its meter, on a Prometheus endpoint at
 * WORKER_METRICS_ADDRESS's /metrics; none when it is `off`.
 */
export function workerTelemetry(config: AppConfig): RuntimeOptions['telemetryOptions'] {
  if (config.WORKER_METRICS_ADDRESS === 'off') return undefined;
  return {
    metrics: {
      prometheus: {
        bindAddress: config.WORKER_METRICS_ADDRESS,
        // The meter's histograms default to millisecond buckets (50 … 10000): ours is in seconds.
        histogramBucketOverrides: { [AUDIT_APPEND_METRIC]: AUDIT_APPEND_BUCKETS },
      },
    },
  };
}

/** Audit appends in the worker's activities, on the Runtime's meter: the same series name as the API's. */
export function runtimeAuditAppendTimer(runtime: Runtime = Runtime.instance()): AuditAppendTimer {
  const histogram = runtime.metricMeter.createHistogram(
    AUDIT_APPEND_METRIC,
    'float',
    's',
    "Time one append to the audit chain took in a worker's activity (its partitions' locks, head read, insert, head move).",
  );
  return { observe: (seconds) => histogram.record(seconds) };
}

/** Global, so that AuditRepository (in PersistenceModule) finds the timer. */
@Global()
@Module({
  providers: [{ provide: AUDIT_APPEND_TIMER, useFactory: () => runtimeAuditAppendTimer() }],
  exports: [AUDIT_APPEND_TIMER],
})
export class WorkerMetricsModule {}
