/**
 * Test-only workflow of the workflow tier: a task that must be answered within 30 days, or it escalates.
 * It runs in Temporal's workflow sandbox like the workflows in workflows/, under the same lint rules, and is
 * bundled only for the tests (test/workflow/support/workflows.ts).
 */
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export const ANSWER_WITHIN = '30 days';
const ANSWER_WITHIN_MS = 30 * 24 * 60 * 60 * 1000;

/** The activities it calls; the tests pass plain functions that record their calls. */
export interface AnswerDeadlineActivities {
  openTask(input: { caseId: string; dueAt: number }): Promise<{ taskId: string }>;
  closeTask(input: { taskId: string; answer: string }): Promise<void>;
  escalate(input: { taskId: string; dueAt: number }): Promise<void>;
}

/** The answer; returns the workflow time at which it arrived. */
export const answerUpdate = defineUpdate<{ answeredAt: number }, [answer: string]>('answer');

export interface AnswerDeadlineResult {
  outcome: 'answered' | 'escalated';
  /** Workflow time (ms since the epoch): when the task opened, when it was due, when the workflow ended. */
  startedAt: number;
  dueAt: number;
  endedAt: number;
}

const { openTask, closeTask, escalate } = proxyActivities<AnswerDeadlineActivities>({ startToCloseTimeout: '1 minute' });

export async function answerWithinThirtyDaysWorkflow(caseId: string): Promise<AnswerDeadlineResult> {
  let answer: string | undefined;
  setHandler(
    answerUpdate,
    (value) => {
      answer = value;
      return { answeredAt: Date.now() };
    },
    {
      validator: (value) => {
        if (answer !== undefined) throw new Error('the task is already answered');
        if (!value.trim()) throw new Error('the answer is empty');
      },
    },
  );

  // Date.now() in a workflow is the time of the current workflow task: the server's clock, skipped or not.
  const startedAt = Date.now();
  const dueAt = startedAt + ANSWER_WITHIN_MS;
  const { taskId } = await openTask({ caseId, dueAt });
  if (await condition(() => answer !== undefined, ANSWER_WITHIN)) {
    await closeTask({ taskId, answer: answer as string });
    return { outcome: 'answered', startedAt, dueAt, endedAt: Date.now() };
  }
  await escalate({ taskId, dueAt });
  return { outcome: 'escalated', startedAt, dueAt, endedAt: Date.now() };
}
