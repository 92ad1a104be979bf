/**
 * The bare Temporal workflow `npm run bench:engine` measures the product against: each update runs ONE activity
 * doing ONE database write and answers when it is done. Bench-only: the bench bundles this file at start for its
 * own worker on its own task queue; it is not part of the product's workflow bundle (workflows/index.ts).
 */
import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BaselineActivities } from './baseline.activities';
import { BaselineStep, baselineStepUpdate } from './baseline.contract';

const { benchWrite } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });

/** Started by update-with-start; lives until an update marked `last` has finished. */
export async function benchBaseline(): Promise<number> {
  let steps = 0;
  let done = false;
  setHandler(baselineStepUpdate, async (s: BaselineStep) => {
    const id = await benchWrite({ step: s.step, data: s.data ?? null });
    steps += 1;
    if (s.last) done = true;
    return id;
  });
  await condition(() => done && allHandlersFinished());
  return steps;
}
