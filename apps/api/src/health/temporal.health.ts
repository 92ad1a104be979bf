import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { TemporalClientHolder } from '../../../../libs/temporal/src/temporal-client.module';
import { freshWorkflowPollers } from '../../../../libs/temporal/src/worker-presence';

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
        const { config } = this.temporal;
        const fresh = await freshWorkflowPollers(this.temporal);
        if (fresh === 0) throw new Error(`no worker is polling task queue ${config.TEMPORAL_TASK_QUEUE}`);
        return { taskQueue: config.TEMPORAL_TASK_QUEUE, pollers: fresh };
      })
      .withTimeout(3_000);
  }
}
