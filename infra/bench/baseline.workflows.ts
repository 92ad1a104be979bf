/**
 * The bare Temporal workflows `npm run bench:engine` measures the product against: each update runs ONE write
 * (ONE INSERT) and answers when it is done. `benchBaseline` runs it as a regular activity (the baseline the
 * targets are defined against); `benchBaselineLocal` runs the same write as a local activity, as the product's
 * case runtime writes each step (the like-for-like reference, informational). Bench-only: the bench bundles this
 * file at start for its own worker on its own task queue; it is not part of the product's workflow bundle
 * (workflows/index.ts).
 */
import { allHandlersFinished, condition, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { BaselineActivities } from './baseline.activities';
import { BaselineStep, baselineStepUpdate } from './baseline.contract';

const regular = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });
/** The same options as the case runtime's step write (workflows/shared/case-runtime.ts). */
const local = proxyLocalActivities<BaselineActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '1 minute' },
});

/** Lives until an update marked `last` has finished; each update runs `write` once. */
async function bareCase(write: BaselineActivities['benchWrite']): Promise<number> {
  let steps = 0;
  let done = false;
  setHandler(baselineStepUpdate, async (s: BaselineStep) => {
    const id = await write({ step: s.step, data: s.data ?? null });
    steps += 1;
    if (s.last) done = true;
    return id;
  });
  await condition(() => done && allHandlersFinished());
  return steps;
}

/** Started by update-with-start; each update runs one regular activity doing one INSERT. */
export async function benchBaseline(): Promise<number> {
  return bareCase(regular.benchWrite);
}

/** Started by update-with-start; each update runs the same INSERT as one local activity. */
export async function benchBaselineLocal(): Promise<number> {
  return bareCase(local.benchWrite);
}
