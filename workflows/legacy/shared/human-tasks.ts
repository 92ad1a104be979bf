/**
 * Human tasks inside a case workflow. The workflow says which task it needs and what to do with the answer;
 * this keeps the open tasks, registers the `completeTask` update (validator first, so a refused decision changes
 * nothing), and persists tasks through activities.
 */
import { ApplicationFailure, condition, proxyActivities, setHandler, uuid4 } from '@temporalio/workflow';
import { AnswerSchema, answerProblem } from '../../../libs/contracts/src/answer-schema';
import {
  completeTaskUpdate,
  TaskActor,
  TaskCompletion,
  TaskCompletionResult,
  TaskRefusal,
} from '../../../libs/contracts/src/human-task.contract';
import type { HumanTaskActivities } from '../../../libs/contracts/src/human-task.contract';

const activities = proxyActivities<HumanTaskActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface TaskDefinition<D> {
  kind: string;
  assignedOrg: string;
  requiredRole: string;
  dueInMs: number;
  input: Record<string, unknown>;
  answerSchema: AnswerSchema;
  /** Rules beyond the schema; return a reason to refuse the decision. */
  check?: (decision: D) => string | null;
  /** Who may answer beyond organisation and role (e.g. four eyes); return a reason to refuse the person. */
  allowed?: (by: TaskActor) => string | null;
  /** Applies the decision to the case; what it returns is the completion's outcome. */
  onComplete: (decision: D, by: TaskActor) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Runs when the due time passes with the task still open (a durable timer), e.g. to escalate. */
  onOverdue?: (task: OpenTask) => Promise<void>;
}

export interface OpenTask {
  taskId: string;
  kind: string;
  assignedOrg: string;
  dueAt: string;
}

interface CaseRef {
  caseId: string;
  caseType: string;
  workflowId: string;
  /** Reason the case takes no more decisions, or null while it does. */
  closedReason: () => string | null;
}

export class HumanTasks {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly open = new Map<string, { task: OpenTask; def: TaskDefinition<any> }>();

  constructor(private readonly ref: CaseRef) {
    setHandler(completeTaskUpdate, (c) => this.complete(c), { validator: (c) => this.validate(c) });
  }

  /** The tasks still waiting for an answer. */
  list(): OpenTask[] {
    return [...this.open.values()].map((o) => o.task);
  }

  async openTask<D>(def: TaskDefinition<D>): Promise<string> {
    const taskId = uuid4();
    const task: OpenTask = {
      taskId,
      kind: def.kind,
      assignedOrg: def.assignedOrg,
      dueAt: new Date(Date.now() + def.dueInMs).toISOString(),
    };
    this.open.set(taskId, { task, def });
    await activities.createTask({
      taskId,
      caseId: this.ref.caseId,
      caseType: this.ref.caseType,
      workflowId: this.ref.workflowId,
      kind: def.kind,
      assignedOrg: def.assignedOrg,
      requiredRole: def.requiredRole,
      dueAt: task.dueAt,
      input: def.input,
      answerSchema: def.answerSchema,
    });
    if (def.onOverdue) void this.watchDeadline(task, def.dueInMs, def.onOverdue);
    return taskId;
  }

  isOpen(taskId: string): boolean {
    return this.open.has(taskId);
  }

  /** Closes the listed tasks (those still open) as cancelled: the case moved on without them. */
  async cancel(taskIds: string[], reason: string): Promise<void> {
    const still = taskIds.filter((id) => this.open.delete(id));
    if (still.length > 0) await activities.cancelTasks({ caseId: this.ref.caseId, reason, taskIds: still });
  }

  /** A durable timer: fires `onOverdue` unless the task is answered or cancelled first. */
  private async watchDeadline(task: OpenTask, dueInMs: number, onOverdue: (t: OpenTask) => Promise<void>): Promise<void> {
    const closedInTime = await condition(() => !this.open.has(task.taskId), dueInMs);
    if (!closedInTime) await onOverdue(task);
  }

  /** Closes every open task as cancelled (the case ended or moved on). */
  async cancelAll(reason: string): Promise<void> {
    if (this.open.size === 0) return;
    const taskIds = [...this.open.keys()];
    this.open.clear();
    await activities.cancelTasks({ caseId: this.ref.caseId, reason, taskIds });
  }

  private validate(c: TaskCompletion): void {
    const closed = this.ref.closedReason();
    if (closed) throw ApplicationFailure.create({ type: TaskRefusal.StaleTask, message: closed, nonRetryable: true });
    const entry = this.open.get(c.taskId);
    if (!entry) {
      throw ApplicationFailure.create({
        type: TaskRefusal.StaleTask,
        message: `task ${c.taskId} is not open in this case`,
        nonRetryable: true,
      });
    }
    if (c.by.organisationCode !== entry.task.assignedOrg) {
      throw ApplicationFailure.create({ type: TaskRefusal.StaleTask, message: 'the task belongs to another organisation', nonRetryable: true });
    }
    const notAllowed = entry.def.allowed?.(c.by);
    if (notAllowed) throw ApplicationFailure.create({ type: TaskRefusal.NotAllowed, message: notAllowed, nonRetryable: true });
    const problem = answerProblem(entry.def.answerSchema, c.decision) ?? entry.def.check?.(c.decision) ?? null;
    if (problem) throw ApplicationFailure.create({ type: TaskRefusal.InvalidDecision, message: problem, nonRetryable: true });
  }

  private async complete(c: TaskCompletion): Promise<TaskCompletionResult> {
    const entry = this.open.get(c.taskId);
    if (!entry) throw ApplicationFailure.create({ type: TaskRefusal.StaleTask, message: `task ${c.taskId} is not open`, nonRetryable: true });
    // Removed before the first await: a second completion arriving meanwhile is refused by the validator.
    this.open.delete(c.taskId);
    let outcome: Record<string, unknown>;
    try {
      outcome = await entry.def.onComplete(c.decision, c.by);
    } catch (err) {
      // The case refused the decision after all (e.g. a ceiling): the task stays open, as it was.
      this.open.set(c.taskId, entry);
      throw err;
    }
    await activities.completeTask({ ...c, caseId: this.ref.caseId, kind: entry.task.kind, outcome });
    return { taskId: c.taskId, kind: entry.task.kind, outcome };
  }
}
