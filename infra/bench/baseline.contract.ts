/**
 * The bare baseline of `npm run bench:engine`: its workflow type, task queue and its one update. Shared by the
 * bench (the client side) and the bench-only workflow file, so the client never imports workflow code.
 */
import { defineUpdate } from '@temporalio/workflow';

export const BASELINE_WORKFLOW_TYPE = 'benchBaseline';
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

/** Runs one activity that does one INSERT; answers with the new row's id. */
export const baselineStepUpdate = defineUpdate<number, [BaselineStep]>('benchStep');
