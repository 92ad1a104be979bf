/** A batch of operations run by a bench: each one's latency and the batch's wall time. */
export interface Run {
  /** Latency of each operation, ms. */
  ms: number[];
  /** Wall time of the whole batch, ms. */
  elapsedMs: number;
}

/** Runs `fn` over `items`, `concurrency` at a time; each item's latency and the batch's wall time. */
export async function inPool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<Run> {
  const ms: number[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++];
      const t0 = performance.now();
      await fn(item);
      ms.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return { ms, elapsedMs: performance.now() - started };
}
