import { sleep } from '@temporalio/workflow';

/** A trivial workflow for the cluster test: a durable timer (kept by the history service), then a result. */
export async function clusterProbe(n: number): Promise<number> {
  await sleep(50);
  return n + 1;
}
