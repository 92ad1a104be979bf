import { createServer } from 'node:net';
import { freePortInRange } from './ports';

describe('freePortInRange', () => {
  it('gives a bindable port inside the range, never one already taken', async () => {
    const taken = new Set([20_000, 20_001, 20_002]);
    const port = await freePortInRange(20_000, 20_100, taken);
    expect(port).toBeGreaterThan(20_002);
    expect(port).toBeLessThanOrEqual(20_100);
    await new Promise<void>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen({ port, host: '127.0.0.1' }, () => server.close(() => resolve()));
    });
  });

  it('says so when every port in the range is taken', async () => {
    await expect(freePortInRange(20_000, 20_000, new Set([20_000]))).rejects.toThrow('no free port on 127.0.0.1 between 20000 and 20000');
  });
});
