import { inPool } from './in-pool';

describe('inPool', () => {
  it('runs every item once, never more than `concurrency` at a time, and times each one', async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let most = 0;
    const run = await inPool([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5 + (item % 3)));
      seen.push(item);
      inFlight--;
    });
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
    expect(run.ms).toHaveLength(7);
    expect(run.elapsedMs).toBeGreaterThanOrEqual(Math.max(...run.ms));
  });

  it('has nothing to run for no items', async () => {
    expect((await inPool([], 4, async () => undefined)).ms).toEqual([]);
  });
});
