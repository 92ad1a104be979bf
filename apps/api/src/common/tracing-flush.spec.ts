import { Test } from '@nestjs/testing';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { activeTracing, startTracing } from '../../../../libs/telemetry/src/tracing';
import { TracingFlushOnShutdown } from './tracing-flush';

describe('TracingFlushOnShutdown', () => {
  it('does nothing when tracing is off', async () => {
    expect(activeTracing()).toBeUndefined();
    const app = await Test.createTestingModule({ providers: [TracingFlushOnShutdown] }).compile();
    await expect(app.close()).resolves.toBeUndefined();
  });

  it('flushes the batched spans when the API stops, and a collector that fails does not hold up the stop', async () => {
    const tracing = startTracing('vardflode-api', { exporter: new InMemorySpanExporter(), env: {} })!;
    const forceFlush = jest.spyOn(tracing, 'forceFlush').mockRejectedValue(new Error('collector away'));
    try {
      const app = await Test.createTestingModule({ providers: [TracingFlushOnShutdown] }).compile();
      await app.init();
      expect(forceFlush).not.toHaveBeenCalled();
      await app.close();
      expect(forceFlush).toHaveBeenCalledTimes(1);
    } finally {
      forceFlush.mockRestore();
      await tracing.shutdown();
    }
  });
});
