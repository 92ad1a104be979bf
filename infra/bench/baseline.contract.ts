/**
 * The bare baselines of `npm run bench:engine`: their workflow types, task queue and their one update. Shared by
 * the bench (the client side) and the bench-only workflow file, so the client never imports workflow code.
 */
import { defineUpdate } from '@temporalio/workflow';

/** Each update writes with one regular activity: the baseline the targets are defined against. */
export const BASELINE_WORKFLOW_TYPE = 'benchBaseline';
/** Each update writes with one local activity, as the case runtime does: the like-for-like reference. */
export const BASELINE_LOCAL_WORKFLOW_TYPE = 'benchBaselineLocal';
export const BASELINE_TASK_QUEUE = 'bench-baseline';
export const BASELINE_TABLE = 'bench_baseline_writes';

export interface BaselineStep {
  /** What the product's step would be (e.g. `open`, `discharge.acknowledge_notice`); stored with the write. */
  step: string;
  /** A payload of about the product's size (the notice, a decision), stored as JSON. */
  data?: unknown;
  /** The case's last step: the workflow completes once its handler has finished. */
  last?: boolean;
}

/** Runs one activity (regular or local, by workflow type) that does one INSERT; answers with the new row's id. */
export const baselineStepUpdate = defineUpdate<number, [BaselineStep]>('benchStep');
