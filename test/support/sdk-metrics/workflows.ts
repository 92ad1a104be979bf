/**
 * Workflows that make a worker record the Temporal SDK's metrics the dashboard and the alert rules name: activities
 * and local activities that fail and are retried, a workflow task that fails, workflows that complete and fail (capture-sdk-metrics.js).
 */
import { ApplicationFailure, proxyActivities, proxyLocalActivities, sleep } from '@temporalio/workflow';

const { flaky } = proxyActivities<{ flaky(): Promise<string> }>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '50ms', backoffCoefficient: 1, maximumAttempts: 5 },
});

/** The case runtime's store and reads are local activities: their metrics are temporal_local_activity_*. */
const local = proxyLocalActivities<{ flaky(): Promise<string> }>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '50ms', backoffCoefficient: 1, maximumAttempts: 5 },
});

/** Completes after a timer, an activity and a local activity that each fail on their first attempt. */
export async function completes(): Promise<string> {
  await sleep(10);
  await local.flaky();
  return flaky();
}

/** Fails as a workflow (an ApplicationFailure): temporal_workflow_failed. */
export async function fails(): Promise<void> {
  throw ApplicationFailure.nonRetryable('a workflow that fails');
}

/** Its workflow task fails on every attempt (any other error): temporal_workflow_task_execution_failed. */
export async function failsItsTask(): Promise<void> {
  throw new TypeError('a workflow task that fails');
}
