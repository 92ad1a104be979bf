import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { temporal } from '@temporalio/proto';
import { TemporalClientHolder } from '../../../../libs/temporal/src/temporal-client.module';

// A polling worker renews its long poll at least once a minute; older than this, it is gone.
const POLLER_FRESH_MS = 2 * 60_000;

@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly temporal: TemporalClientHolder,
  ) {}

  /** The Temporal frontend answers for our namespace. */
  reachable() {
    return this.health
      .check('temporal')
      .attempt(async () => {
        const { connection, config } = this.temporal;
        await connection.ensureConnected();
        await connection.workflowService.describeNamespace({ namespace: config.TEMPORAL_NAMESPACE });
        return { address: config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`, namespace: config.TEMPORAL_NAMESPACE };
      })
      .withTimeout(3_000);
  }

  /** At least one worker has recently polled the case task queue for workflow tasks. */
  workerPolling() {
    return this.health
      .check('worker')
      .attempt(async () => {
        const { connection, config } = this.temporal;
        const res = await connection.workflowService.describeTaskQueue({
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: { name: config.TEMPORAL_TASK_QUEUE, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        });
        const now = Date.now();
        const fresh = (res.pollers ?? []).filter((p) => {
          const seconds = Number(p.lastAccessTime?.seconds ?? 0);
          return now - seconds * 1000 < POLLER_FRESH_MS;
        });
        if (fresh.length === 0) throw new Error(`no worker is polling task queue ${config.TEMPORAL_TASK_QUEUE}`);
        return { taskQueue: config.TEMPORAL_TASK_QUEUE, pollers: fresh.length };
      })
      .withTimeout(3_000);
  }
}
