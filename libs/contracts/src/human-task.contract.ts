/**
 * Human tasks: a workflow opens a task for an organisation (and role) through an activity; a person completes it
 * through the API, which delivers the decision as the `completeTask` update, so the workflow's validator can
 * refuse it before anything changes. Every case workflow registers this update (workflows/shared/human-tasks.ts).
 */
import { defineUpdate } from '@temporalio/workflow';
import type { AnswerSchema } from './answer-schema';

export const TASK_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface NewTask {
  taskId: string;
  caseId: string;
  caseType: string;
  workflowId: string;
  kind: string;
  assignedOrg: string;
  requiredRole: string;
  /** ISO instant. */
  dueAt: string;
  /** What the person needs to decide (may hold personal data: shown only on the task itself, never in lists). */
  input: Record<string, unknown>;
  answerSchema: AnswerSchema;
}

export interface TaskActor {
  actor: string;
  organisationCode: string;
}

export interface TaskCompletion {
  taskId: string;
  decision: Record<string, unknown>;
  by: TaskActor;
  /** The HTTP request that delivered it, for the audit row. */
  requestId: string;
  /** Hash of the decision: the same person repeating the same answer is answered with the first result. */
  requestHash: string;
}

export interface TaskCompletionResult {
  taskId: string;
  kind: string;
  /** The workflow's own note of what the decision did (e.g. the case's new status). */
  outcome: Record<string, unknown>;
  /**
   * The request whose completion this is (its audit row was written with the step). Another request id means the
   * answer is Temporal's for an earlier delivery of the same update (the same person's retry). Absent from cases
   * started before the case runtime.
   */
  auditedRequestId?: string;
}

export const completeTaskUpdate = defineUpdate<TaskCompletionResult, [TaskCompletion]>('completeTask');

/** ApplicationFailure types the validator uses, mapped to 422 and 409 by the API. */
export const TaskRefusal = {
  /** The answer does not fit the task's answer schema or the case's rules. */
  InvalidDecision: 'InvalidDecision',
  /** The task is not open in the case any more (done, cancelled, or the case moved on). */
  StaleTask: 'StaleTask',
  /** This person may not answer this task (e.g. four eyes: the submitter approving their own claim). */
  NotAllowed: 'NotAllowed',
} as const;

export interface HumanTaskActivities {
  /** Idempotent on taskId. */
  createTask(task: NewTask): Promise<void>;
  /** Closes the task with its decision and writes its audit row, in one transaction. Idempotent. */
  completeTask(c: TaskCompletion & { caseId: string; kind: string; outcome: Record<string, unknown> }): Promise<void>;
  /** Cancels a case's open tasks (all, or the listed ones), with an audit row each. Idempotent. */
  cancelTasks(input: { caseId: string; reason: string; taskIds?: string[] }): Promise<void>;
}
