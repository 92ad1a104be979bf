/** Small helpers for workflow tests of case processes: find open tasks, answer them, read refusals, end cleanly. */
import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryDefinition } from '@temporalio/common';
import { CASE_REFUSAL, OpenTaskView } from '../../../libs/contracts/src/case-runtime.contract';
import { completeTaskUpdate, TaskCompletion } from '../../../libs/contracts/src/human-task.contract';
import type { Actor, Refusal } from '../../../libs/domain/src/case/case';

let n = 0;

/** The open task of `kind` in the case's view, once the workflow has opened it (polled, bounded). */
export async function openTask(handle: WorkflowHandle, query: QueryDefinition<{ openTasks: OpenTaskView[] }>, kind: string): Promise<OpenTaskView> {
  for (let i = 0; i < 100; i++) {
    const task = (await handle.query(query)).openTasks.find((t) => t.kind === kind);
    if (task) return task;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no open ${kind} in ${handle.workflowId} after 2 s`);
}

/** Answers a task as `by` through the runtime's completeTask update. */
export function answer(handle: WorkflowHandle, taskId: string, by: Actor, decision: Record<string, unknown>) {
  const completion: TaskCompletion = { taskId, decision, by, requestId: `request-${(n += 1)}`, requestHash: `hash-${n}` };
  return handle.executeUpdate(completeTaskUpdate, { args: [completion] });
}

/** The refusal an update failed with; throws when it did not fail with a case refusal. */
export async function refusalOf(p: Promise<unknown>): Promise<Refusal> {
  const err = await p.then(
    () => {
      throw new Error('the update was not refused');
    },
    (e: unknown) => e,
  );
  if (!(err instanceof WorkflowUpdateFailedError)) throw err;
  const cause = err.cause as { type?: string; details?: Refusal[] };
  if (cause.type !== CASE_REFUSAL || !cause.details?.[0]) throw err;
  return cause.details[0];
}

/**
 * Cancels a test's workflow and waits until it has ended, while the test's worker still runs: a workflow task left
 * pending on the test server would hold its clock still for every later test.
 */
export async function finish(handle: WorkflowHandle): Promise<void> {
  await handle.cancel();
  await handle.result().catch(() => undefined);
}

/**
 * With RECORD_WORKFLOW_HISTORIES=1, writes the workflow's history to test/fixtures/workflow-histories/<name>.json,
 * which `npm test` then replays on every later version of the code (test/integration/workflow-replay.spec.ts).
 * Record a history of the current behaviour before changing a workflow.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_WORKFLOW_HISTORIES) return;
  const file = join(__dirname, '..', '..', 'fixtures', 'workflow-histories', `${name}.json`);
  writeFileSync(file, `${historyToJSON(await handle.fetchHistory())}\n`);
}
