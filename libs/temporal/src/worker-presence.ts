import { Inject, Injectable } from '@nestjs/common';
import { temporal } from '@temporalio/proto';
import { AppConfig } from '../../config/src/app-config';
import { DomainError, DomainErrorCode } from '../../domain/src/domain-error';
import { TemporalClientHolder } from './temporal-client.module';

/** A polling worker renews its long poll at least once a minute; older than this, it is gone. */
export const POLLER_FRESH_MS = 2 * 60_000;

/** How long one look at the task queue's pollers is trusted. */
export const PRESENCE_CACHE_MS = 5_000;

/** Workers that recently polled the case task queue for workflow tasks (describeTaskQueue). */
export async function freshWorkflowPollers(holder: TemporalClientHolder, now = Date.now()): Promise<number> {
  const { connection, config } = holder;
  const res = await connection.workflowService.describeTaskQueue({
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: { name: config.TEMPORAL_TASK_QUEUE, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (res.pollers ?? []).filter((p) => now - Number(p.lastAccessTime?.seconds ?? 0) * 1000 < POLLER_FRESH_MS).length;
}

/**
 * The quick check before a case step: when no worker has polled the task queue for a while, the API answers 503
 * (with Retry-After) at once instead of waiting TEMPORAL_STEP_TIMEOUT. One look every few seconds per process, at
 * most; a look that fails (Temporal away) lets the request go on, bounded by the step timeout.
 */
@Injectable()
export class WorkerPresence {
  private last: { at: number; pollers: number } | undefined;
  private looking: Promise<number | undefined> | undefined;

  constructor(
    private readonly temporal: TemporalClientHolder,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async requirePolling(): Promise<void> {
    const pollers = await this.pollers();
    if (pollers === 0) {
      throw new DomainError(DomainErrorCode.DependencyUnavailable, `no worker is polling task queue ${this.config.TEMPORAL_TASK_QUEUE}; try again shortly`);
    }
  }

  private async pollers(): Promise<number | undefined> {
    const now = Date.now();
    if (this.last && now - this.last.at < PRESENCE_CACHE_MS) return this.last.pollers;
    this.looking ??= this.temporal.client
      .withDeadline(Date.now() + 2_000, () => freshWorkflowPollers(this.temporal, now))
      .then(
        (pollers) => {
          this.last = { at: Date.now(), pollers };
          return pollers;
        },
        () => undefined,
      )
      .finally(() => {
        this.looking = undefined;
      });
    return this.looking;
  }
}
