import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { activeTracing } from '../../../../libs/telemetry/src/tracing';

/**
 * On stop (after the HTTP drain), the spans still batched go out to the collector: the last requests' traces are the
 * ones an operator looks for after a restart. A flush, not a shutdown: tests run an API and a worker in one process.
 */
@Injectable()
export class TracingFlushOnShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await activeTracing()
      ?.forceFlush()
      .catch(() => undefined); // a collector away must not hold up the exit
  }
}
