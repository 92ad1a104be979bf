/**
 * The one case runtime every process runs on. A process gives its rules (pure functions from libs/domain), its
 * task kinds, timers and commands; the runtime owns the machinery around them:
 *
 * - **Steps.** Every change of a case (an API request, a task's answer, a deadline, a timer, reference data
 *   arriving) runs as one step, one at a time. A step collects its timeline events, opened, completed and
 *   cancelled tasks, ledger effects and audit rows, and one activity writes them with the projection in one
 *   transaction. A step refused by its rules or by the activity (e.g. a mandate's ceiling) changes nothing: the
 *   state, the tasks and their timers stay exactly as they were.
 * - **Human tasks**: opened with a deadline; completed through the `completeTask` update, whose validator runs
 *   the same checks and rule as the handler, so a refused answer changes nothing; reminders before the deadline
 *   and an escalation chain after it; closed with the task they remind or escalate about.
 * - **Parties, timeline, projection and what the case waits for**, written with every step.
 * - **Timers** and **reference data** (a daily amount, an LPIK value) as data, so they survive continue-as-new.
 * - **Closing**: when the case ends, its open tasks close as cancelled; a cancelled workflow closes them too.
 * - **Continue-as-new** when Temporal suggests it, carrying the state, open tasks, timers and waits.
 *
 * Deterministic: no I/O but activities, the SDK's clock and uuid4 only.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  patched,
  proxyLocalActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { ACKNOWLEDGE, AnswerSchema, answerProblem } from '../../libs/contracts/src/answer-schema';
import { PLATFORM_DUTIES } from '../../libs/auth/src/principal';
import {
  CASE_DATA_ERROR,
  CASE_DATA_FAULT_TASK_KIND,
  CASE_REFUSAL,
  CaseReadActivities,
  CaseRuntimeActivities,
  CaseRuntimeView,
  CaseStep,
  CaseCarry,
  CommandResult,
  FAULTED_STATUS,
  OpenTaskView,
  ProcessProjection,
  referenceRegisteredSignal,
  StepTask,
  TaskRecord,
  TimerRecord,
  WaitingFor,
  WaitRecord,
} from '../../libs/contracts/src/case-runtime.contract';
import { completeTaskUpdate, TaskCompletion, TaskCompletionResult } from '../../libs/contracts/src/human-task.contract';
import { Actor, CaseEvent, Decision, isRefusal, NewEvent, refuse, Refusal, SYSTEM } from '../../libs/domain/src/case/case';
import { CaseEffect, ReferenceKey, referenceKeyString, ReferenceKind } from '../../libs/domain/src/case/effects';

/**
 * A step's write and the reads it may need are local activities: run by the worker that runs the case, without a
 * round trip through the task queue, their results recorded in the case's history as markers. That is right for
 * them because each is short (one transaction of a few statements) and safe to repeat: a write is idempotent by the
 * case's version, and a read has no side effects. If the worker dies mid-write, the workflow task is retried
 * elsewhere and the write repeated; if PostgreSQL is away, the write is retried with backoff (past the local retry
 * threshold on durable timers) and the case waits, nothing lost. What it costs: a write in progress does not show
 * as a pending activity in Temporal's UI (a failing one shows in the worker's log and as workflow task retries).
 */
const store = proxyLocalActivities<CaseRuntimeActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '1 minute' },
});
const reads = proxyLocalActivities<CaseReadActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '1 minute' },
});

export { reads };

/** A human task of a process: who answers, by when, what they see, and what their answer does (a rule). */
export interface TaskSpec<S, D = never> {
  assignedOrg: string;
  requiredRole: string;
  /** From when the task opens; or `dueAt` for a deadline counted from an earlier moment. */
  dueInMs?: number;
  dueAt?: string;
  input: Record<string, unknown>;
  answerSchema: AnswerSchema;
  /** Who may answer beyond organisation and role (e.g. four eyes); a reason refuses the person (403). */
  allowed?: (s: S, by: Actor) => string | null;
  /** The rule: what the answer does to the case. */
  decide: (s: S, d: D, by: Actor, now: string) => Decision<S>;
  /** What the process does next, in the same step (open the next tasks, schedule a timer). */
  then?: (d: D, by: Actor) => unknown;
  /** The completion's outcome as the person's client sees it; by default the case's status. */
  result?: (s: S, d: D) => Record<string, unknown>;
  /** Past its deadline the task escalates (the process's escalation policy). */
  escalate?: boolean;
  /** A reminder task to the same organisation and role this long before the deadline. */
  reminder?: { beforeDueMs: number; kind: string; event: string; input: Record<string, unknown> };
  /** Tasks of a scope close together (e.g. those of one utskrivningsklar notice). */
  scope?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TaskKinds<S> = Record<string, (params: any) => TaskSpec<S, any>>;

export interface EscalationPolicy<S> {
  /** Kind of the escalation task. */
  kind: string;
  dueInMs: number;
  /** Who an overdue task escalates to at `level` (1 = first escalation), or null where the chain ends. */
  to: (task: { assignedOrg: string; requiredRole: string }, level: number) => { org: string; role: string } | null;
  /** Context the escalation task shows besides the overdue task (e.g. the claim's id). */
  context?: (s: S) => Record<string, unknown>;
  /** Timeline event when a task falls overdue (default task_overdue). */
  overdueEvent?: string;
}

export interface ReferencePolicy {
  taskKind: string;
  assignedOrg: string;
  requiredRole: string;
  dueInMs: number;
  /** When the registration task falls due, if not `dueInMs` from now (e.g. a month after the value is published). */
  dueAt?: (key: ReferenceKey) => string;
  input: (key: ReferenceKey) => Record<string, unknown>;
  answerSchema: AnswerSchema;
  /** The registered value in an answer (öre, or hundredths of a percent). */
  valueOf: (decision: Record<string, unknown>) => number;
  /** Timeline event of a registration through the case's task, and its detail. */
  event: string;
  detail: (key: ReferenceKey, value: number) => Record<string, unknown>;
  describe: (key: ReferenceKey) => string;
}

export interface CaseDefinition<S> {
  caseType: string;
  caseId: string;
  /** The state the case opens with. */
  initial: S;
  /** From the previous run, when this run continues a case as new. */
  carried?: CaseCarry<S>;
  /** The workflow's input for the next run, carrying the case (continue-as-new). */
  continueWith: (carried: CaseCarry<S>) => unknown;
  status: (s: S) => string;
  parties: (s: S) => string[];
  summary: (s: S) => Record<string, unknown>;
  /** The case's subject in plain: only cases started before issue 13 (their old input). */
  subject?: { personnummer: string; name: string };
  /** The case's subject sealed with its data key (base64): projected as it is, opened only by the activity. */
  subjectSealed?: string;
  processProjections?: (s: S, version: number) => ProcessProjection[];
  /** The case has ended: its open tasks close and the workflow returns. */
  ended: (s: S) => boolean;
  /** What the case waits for when no task, reference or timer does (e.g. a party's next request). */
  waitingFor?: (s: S) => WaitingFor | null;
  escalation?: EscalationPolicy<S>;
  references?: Partial<Record<ReferenceKind, ReferencePolicy>>;
  /**
   * The case may have been projected by an earlier run of a workflow of the same id (an area or the agreement
   * started again after it ended or was terminated): a new run reads where the projection stands and goes on.
   */
  takesOver?: boolean;
  /** Continue as new at this history length even before Temporal suggests it (default 10 000 events). */
  maxHistoryLength?: number;
}

interface StepBuffer {
  opened: StepTask[];
  cancelled: { taskId: string; reason: string }[];
  completed?: CaseStep['completed'];
  effects: CaseEffect[];
  audit: CaseStep['audit'];
  dirty: boolean;
  newWaits: boolean;
}

/** The database refused a step's data: deterministic, never retried (see applyCaseStep). */
function dataFault(err: unknown): { sqlState: string | null } | null {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (!(cause instanceof ApplicationFailure) || cause.type !== CASE_DATA_ERROR) return null;
  const sqlState = (cause.details?.[0] as { sqlState?: string } | undefined)?.sqlState;
  return { sqlState: typeof sqlState === 'string' ? sqlState : null };
}

/** Cases in flight before data faults were handled: a fault then failed the step's write again and again. */
const DATA_FAULT_PATCH = 'case-data-fault';

/** The operator's task about a data fault: answered within a working day (a named policy, see the README). */
const FAULT_TASK = { kind: CASE_DATA_FAULT_TASK_KIND, org: PLATFORM_DUTIES.operator.owner, role: 'operator', dueInMs: 24 * 3_600_000 };

/** A refusal as the update's failure; the API maps its kind to a status. */
export function refusalFailure(r: Refusal): ApplicationFailure {
  return ApplicationFailure.create({ type: CASE_REFUSAL, message: r.message, details: [r], nonRetryable: true });
}

export type CaseView<S> = S & CaseRuntimeView;

export class CaseRuntime<S extends object> {
  state: S;
  private version = 0;
  private timeline: CaseEvent[] = [];
  private committedEvents = 0;
  private subjectSent = false;
  private readonly open = new Map<string, TaskRecord>();
  private readonly timers = new Map<string, TimerRecord>();
  private readonly waits = new Map<string, WaitRecord>();
  private kinds: TaskKinds<S> = {};
  private readonly timerHandlers: Record<string, { run: (params: never) => void | Promise<void>; describe: (params: never) => string }> = {};
  private readonly referenceHandlers: Record<string, (params: never, values: Record<string, number>) => void | Promise<void>> = {};
  private readonly completing = new Set<string>();
  private buffer?: StepBuffer;
  private opened = false;
  private locked = false;
  private readonly lockWaiters: (() => void)[] = [];
  private referenceNudges = 0;
  /** Due items whose step failed: set aside so the alarm does not fire them again and again. */
  private readonly failedAlarms = new Set<string>();
  /** Why the case was closed from outside its rules (an operator's cancellation). */
  private closedBy?: string;
  /** Timeline seqs another run wrote before this chain took the case over. */
  private seqBase = 0;
  /**
   * The case's own data cannot be written (a data fault in its state): from then on only its fault, the operator's
   * answer and its closing are projected, with an empty summary and status `faulted`.
   */
  private redacted = false;
  /** An operator closed a redacted case. */
  private faultClosed = false;

  constructor(private readonly def: CaseDefinition<S>) {
    this.state = def.initial;
    const carried = def.carried;
    if (carried) {
      this.state = carried.state;
      this.version = carried.version;
      this.timeline = carried.timeline;
      this.committedEvents = carried.timeline.length;
      this.subjectSent = carried.subjectSent;
      for (const t of carried.tasks) this.open.set(t.taskId, t);
      for (const t of carried.timers) this.timers.set(t.id, t);
      for (const w of carried.waits) this.waits.set(w.id, w);
      for (const key of carried.failedAlarms ?? []) this.failedAlarms.add(key);
      this.seqBase = carried.seqBase ?? 0;
      this.redacted = carried.redacted ?? false;
    }
    setHandler(referenceRegisteredSignal, (key) => {
      if ([...this.waits.values()].some((w) => w.keys.some((k) => referenceKeyString(k) === key))) this.referenceNudges += 1;
    });
  }

  // ---- what a process registers -----------------------------------------------------------------------

  tasks(kinds: TaskKinds<S>): void {
    this.kinds = { ...this.kinds, ...kinds };
  }

  /** A named timer's handler (runs as a step) and how the case view describes waiting for it. */
  onTimer<P>(name: string, run: (params: P) => void | Promise<void>, describe: (params: P) => string): void {
    this.timerHandlers[name] = { run: run as (p: never) => void, describe: describe as (p: never) => string };
  }

  /** What to do once every awaited reference value is registered (runs in a step). */
  onReferences<P>(name: string, run: (params: P, values: Record<string, number>) => void | Promise<void>): void {
    this.referenceHandlers[name] = run as (p: never, v: Record<string, number>) => void;
  }

  /**
   * A request from the API as an update: its validator runs the rule on the current state (a refusal changes
   * nothing); the handler runs it again in a step, writes the request's audit row with it, and answers with the
   * case view.
   */
  command<C extends { requestId?: string }>(
    update: UpdateDefinition<CommandResult<CaseView<S>>, [C]>,
    spec: { decide: (s: S, cmd: C, now: string) => Decision<S>; by: (cmd: C) => Actor; audit: string; then?: (cmd: C) => unknown },
  ): void {
    setHandler(
      update,
      async (cmd: C) => {
        if (!this.opened) await condition(() => this.opened); // a request sent with the start waits for the opening step
        await this.inStep(async () => {
          this.apply(spec.decide(this.state, cmd, this.now()));
          this.auditRequest(spec.audit, spec.by(cmd), cmd.requestId);
          await spec.then?.(cmd);
        });
        return { ...this.view(), ...(cmd.requestId ? { auditedRequestId: cmd.requestId } : {}) };
      },
      {
        validator: (cmd: C) => {
          if (this.redacted) throw refusalFailure(refuse('conflict', 'the case is stopped by a data fault; an operator decides'));
          const d = spec.decide(this.state, cmd, this.now());
          if (isRefusal(d)) throw refusalFailure(d);
        },
      },
    );
  }

  /** Answers once the case is opened and projected (sent with the start, so the API can read the case back). */
  openedUpdate(update: UpdateDefinition<CommandResult<CaseView<S>>, []>, auditedRequestId?: string): void {
    setHandler(update, async () => {
      await condition(() => this.opened);
      if (this.redacted) throw refusalFailure(refuse('invalid_input', 'the database refused the data of this case; nothing of it was kept, and an operator was told'));
      return { ...this.view(), ...(auditedRequestId ? { auditedRequestId } : {}) };
    });
  }

  query<R>(query: QueryDefinition<R>, answer: (view: CaseView<S>) => R): void {
    setHandler(query, () => answer(this.view()));
  }

  // ---- what a process does inside a step ----------------------------------------------------------------

  now(): string {
    return new Date().toISOString(); // the SDK's deterministic workflow clock
  }

  /** Adopts a rule's outcome (its state, timeline events and effects), or refuses the whole step. */
  apply(decision: Decision<S>): S {
    if (isRefusal(decision)) throw refusalFailure(decision);
    const step = this.step();
    this.state = decision.state;
    for (const e of decision.events) this.record(e);
    step.effects.push(...(decision.effects ?? []));
    step.dirty = true;
    return this.state;
  }

  /** Opens a task of a registered kind; returns its id. */
  openTask<P>(kind: string, params: P): string {
    const spec = this.kinds[kind]?.(params);
    if (!spec) throw new Error(`unknown task kind ${kind}`);
    return this.addTask({
      kind,
      params,
      spec,
      level: 0,
      escalate: !!spec.escalate && !!this.def.escalation,
      ...(spec.scope ? { scope: spec.scope } : {}),
    });
  }

  /** Closes the open tasks of `scope` (and the reminders and escalations about them), its timers too. */
  cancelScope(scope: string, reason: string): void {
    for (const t of [...this.open.values()]) if (t.scope === scope) this.closeTask(t.taskId, reason);
    for (const t of [...this.timers.values()]) if (t.scope === scope) this.timers.delete(t.id);
  }

  /** Whether a timer of `name` (in `scope`) is set. */
  hasTimer(name: string, scope?: string): boolean {
    return [...this.timers.values()].some((t) => t.name === name && t.scope === scope);
  }

  /** Closes every open task as cancelled (the case ended or moved on). */
  cancelAll(reason: string): void {
    for (const id of [...this.open.keys()]) this.closeTask(id, reason);
  }

  /** A durable timer (a named handler with its parameters), fired as a step at `at`. */
  schedule<P>(name: string, at: string | number, params: P, scope?: string): void {
    if (!this.timerHandlers[name]) throw new Error(`unknown timer ${name}`);
    const timer: TimerRecord = { id: uuid4(), name, at: typeof at === 'number' ? at : Date.parse(at), params, ...(scope ? { scope } : {}) };
    this.timers.set(timer.id, timer);
    this.step().dirty = true;
  }

  /**
   * Waits for reference data: runs `handler` at once when every value is registered; otherwise each missing
   * value gets one registration task (to the organisation that registers it) and the handler runs when the last
   * arrives, by a task's answer or by a registration through the API (which signals the case).
   */
  async awaitReferences<P>(keys: ReferenceKey[], handler: string, params: P): Promise<ReferenceKey[]> {
    const known = await this.readReferences(keys);
    const missing = keys.filter((k) => known[referenceKeyString(k)] === undefined);
    if (missing.length === 0) {
      await this.referenceHandlers[handler](params as never, known);
      return [];
    }
    const id = uuid4();
    this.waits.set(id, { id, keys, values: known, handler, params });
    for (const key of missing) {
      const ks = referenceKeyString(key);
      if ([...this.open.values()].some((t) => t.referenceKey === ks)) continue; // one registration task per value
      const policy = this.referencePolicy(key.kind);
      this.addTask({
        kind: policy.taskKind,
        params: { key },
        builtIn: 'reference',
        referenceKey: ks,
        level: 0,
        escalate: false,
        spec: {
          assignedOrg: policy.assignedOrg,
          requiredRole: policy.requiredRole,
          dueInMs: policy.dueInMs,
          ...(policy.dueAt ? { dueAt: policy.dueAt(key) } : {}),
          input: policy.input(key),
          answerSchema: policy.answerSchema,
          decide: () => refuse('conflict', 'unused'),
        },
      });
    }
    this.step().newWaits = true;
    this.step().dirty = true;
    return missing;
  }

  /** The audit row of the request this step carries out (written with the step). */
  auditRequest(action: string, by: Actor, requestId: string | undefined): void {
    if (requestId) this.step().audit.push({ action, by, requestId });
  }

  /** A timeline event without a rule (rare: the runtime's own events use this). */
  record(e: NewEvent): void {
    this.step().dirty = true;
    this.timeline.push({ seq: this.seqBase + this.timeline.length + 1, at: this.now(), actor: e.by.actor, organisationCode: e.by.organisationCode, type: e.type, ...(e.detail ? { detail: e.detail } : {}) });
  }

  // ---- running the case ---------------------------------------------------------------------------------

  /**
   * Opens the case (a new run) and keeps it until it ends: then its open tasks close and the final view is the
   * workflow's result. Continues as new when Temporal suggests it and no step is under way.
   */
  async run(open: () => void | Promise<void>): Promise<CaseView<S>> {
    // Registered only now, when the process has registered its task kinds: an answer waiting in the run's first
    // workflow task (sent as the case continued as new) is dispatched as soon as its handler is set, and checked
    // against those kinds. Still before any await, so it is handled in the same activation as before.
    setHandler(completeTaskUpdate, (c) => this.complete(c), { validator: (c) => this.validateCompletion(c) });
    try {
      if (this.def.carried) this.resumeCarried();
      else {
        if (this.def.takesOver) await this.takeOver();
        // A data fault in the opening step leaves a redacted case that waits for its operator's answer.
        await this.inStep(open).catch((err: unknown) => {
          if (!this.redacted) throw err;
        });
      }
      this.opened = true;
      // One loop, judged only between steps (a step under way may close a task and then be undone): the case's
      // end, continue-as-new, reference data to read again, and one durable timer for whatever falls due first.
      let seenNudges = 0;
      for (;;) {
        const due = this.nextDue();
        const wake = () => !this.locked && (this.ended() || this.continueAsNewDue() || this.nudged(seenNudges) || this.nextDue()?.key !== due?.key);
        const ms = due ? due.at - Date.now() : undefined;
        const woken = ms === undefined ? await condition(wake).then(() => true) : ms > 0 ? await condition(wake, ms) : false;
        if (this.ended()) break;
        if (woken && this.continueAsNewDue() && !this.ended()) {
          await condition(allHandlersFinished);
          if (this.locked || this.ended()) continue;
          await continueAsNew<(input: unknown) => Promise<unknown>>(this.def.continueWith(this.carry()));
        }
        if (woken && this.nudged(seenNudges)) {
          seenNudges = this.referenceNudges;
          await this.readReferencesAgain();
          continue;
        }
        if (!woken && due) await this.fireDue(due.key);
      }
      await this.inStep(() => this.cancelAll(this.faultClosed ? (this.closedBy as string) : `the case is ${this.def.status(this.state)}`));
      await condition(allHandlersFinished);
      return this.view();
    } catch (err) {
      if (isCancellation(err)) {
        // An operator cancelled the workflow: no task of the case may stay open in anyone's inbox.
        this.closedBy = 'the case was cancelled by an operator';
        await CancellationScope.nonCancellable(() =>
          this.inStep(() => {
            this.cancelAll(this.closedBy as string);
            this.step().dirty = true; // the projection says the case waits for nothing any more
          }),
        );
      }
      throw err;
    }
  }

  view(): CaseView<S> {
    return { ...this.state, version: this.version, events: this.timeline, openTasks: this.openTaskViews(), waitingFor: this.waitingFor() };
  }

  // ---- steps ------------------------------------------------------------------------------------------

  private step(): StepBuffer {
    if (!this.buffer) throw new Error('a case change outside a step');
    return this.buffer;
  }

  /** Runs `fn` as one step: one at a time, written by one activity, undone entirely if anything refuses it. */
  private async inStep<T>(fn: () => T | Promise<T>): Promise<T> {
    // One step at a time, in the order they came; the lock is handed over by release().
    if (this.locked) await new Promise<void>((resolve) => this.lockWaiters.push(resolve));
    else this.locked = true;
    const before = this.snapshot();
    this.buffer = { opened: [], cancelled: [], effects: [], audit: [], dirty: false, newWaits: false };
    try {
      const pending = fn();
      const result = pending instanceof Promise ? await pending : pending;
      const step = this.buffer;
      await this.commit(step);
      this.buffer = undefined;
      if (step.newWaits) this.referenceNudges += 1; // read once more: a value may have arrived meanwhile
      return result;
    } catch (err) {
      this.restore(before);
      const fault = dataFault(err);
      if (fault && patched(DATA_FAULT_PATCH)) {
        await this.recordFault(fault.sqlState);
        throw refusalFailure(refuse('invalid_input', 'the database refused the data of this request; nothing of it was kept, and an operator was told'));
      }
      throw err;
    } finally {
      this.buffer = undefined;
      this.release();
    }
  }

  private snapshot() {
    return { state: this.state, version: this.version, timeline: this.timeline.length, open: new Map(this.open), timers: new Map(this.timers), waits: new Map(this.waits) };
  }

  private restore(before: ReturnType<CaseRuntime<S>['snapshot']>): void {
    this.state = before.state;
    this.version = before.version;
    this.timeline.length = before.timeline;
    for (const [target, saved] of [[this.open, before.open], [this.timers, before.timers], [this.waits, before.waits]] as const) {
      (target as Map<string, unknown>).clear();
      for (const [k, v] of saved as Map<string, unknown>) (target as Map<string, unknown>).set(k, v);
    }
  }

  /**
   * The database refused a step's data (the step is already undone): the case records the fault in a step of its
   * own and an operator gets a task. When even that step cannot be written, the fault is in the case's state (its
   * opening data): the case goes on redacted, projecting only its fault, and waits for the operator to close it.
   * Called with the step lock held.
   */
  private async recordFault(sqlState: string | null): Promise<void> {
    log.error('the database refused the data of a step of the case; the step is undone and an operator is told', { caseType: this.def.caseType, sqlState });
    for (const redact of this.redacted ? [true] : [false, true]) {
      const before = this.snapshot();
      this.redacted = redact;
      this.buffer = { opened: [], cancelled: [], effects: [], audit: [], dirty: true, newWaits: false };
      this.record({ type: 'data_fault', by: SYSTEM, detail: { sqlState, redacted: redact } });
      this.addTask({
        kind: FAULT_TASK.kind,
        params: { sqlState },
        builtIn: 'fault',
        level: 0,
        escalate: false,
        spec: {
          ...this.acknowledgeSpec(),
          assignedOrg: FAULT_TASK.org,
          requiredRole: FAULT_TASK.role,
          dueInMs: FAULT_TASK.dueInMs,
          input: { caseId: this.def.caseId, caseType: this.def.caseType, sqlState, caseStopped: redact },
        },
      });
      try {
        await this.commit(this.buffer);
        return;
      } catch (err) {
        this.restore(before);
        this.redacted = false;
        if (!dataFault(err) || redact) throw err;
      } finally {
        this.buffer = undefined;
      }
    }
  }

  private ended(): boolean {
    return this.faultClosed || this.def.ended(this.state);
  }

  private async commit(step: StepBuffer): Promise<void> {
    const changed = step.dirty || step.opened.length || step.cancelled.length || step.completed || step.effects.length || step.audit.length;
    if (!changed) return;
    this.version += 1;
    const sendSubject = !this.subjectSent && !!(this.def.subjectSealed || this.def.subject) && !this.redacted;
    const result = await store.applyCaseStep({
      caseId: this.def.caseId,
      caseType: this.def.caseType,
      workflowId: workflowInfo().workflowId,
      runChain: workflowInfo().firstExecutionRunId,
      projection: {
        status: this.redacted ? FAULTED_STATUS : this.def.status(this.state),
        parties: this.def.parties(this.state),
        version: this.version,
        summary: this.redacted ? {} : this.def.summary(this.state),
        waitingFor: this.waitingFor(),
        ...(sendSubject ? (this.def.subjectSealed ? { subjectSealed: this.def.subjectSealed } : { subject: this.def.subject }) : {}),
        events: this.timeline.slice(this.committedEvents),
      },
      processProjections: this.redacted ? [] : (this.def.processProjections?.(this.state, this.version) ?? []),
      opened: step.opened,
      ...(step.completed ? { completed: step.completed } : {}),
      cancelled: step.cancelled,
      effects: step.effects,
      audit: step.audit,
    });
    if (!result.ok) throw refusalFailure(result.refusal);
    this.committedEvents = this.timeline.length;
    if (sendSubject) this.subjectSent = true;
    // Other cases waiting for a value this step registered read it again.
    if (result.notify?.length) {
      await Promise.all(
        result.notify.map((n) =>
          getExternalWorkflowHandle(n.workflowId)
            .signal(referenceRegisteredSignal, n.key)
            .catch(() => undefined), // it has ended meanwhile: nothing waits any more
        ),
      );
    }
  }

  private release(): void {
    const next = this.lockWaiters.shift();
    if (next) next();
    else this.locked = false;
  }

  // ---- tasks ------------------------------------------------------------------------------------------

  private addTask(t: { kind: string; params: unknown; spec: TaskSpec<S, never>; level: number; escalate: boolean; scope?: string; parentTaskId?: string; builtIn?: TaskRecord['builtIn']; referenceKey?: string }): string {
    const taskId = uuid4();
    const dueAt = t.spec.dueAt ?? new Date(Date.now() + (t.spec.dueInMs ?? 0)).toISOString();
    const reminder = t.spec.reminder;
    const record: TaskRecord = {
      taskId,
      kind: t.kind,
      params: t.params,
      assignedOrg: t.spec.assignedOrg,
      requiredRole: t.spec.requiredRole,
      dueAt,
      level: t.level,
      escalate: t.escalate,
      ...(t.scope ? { scope: t.scope } : {}),
      ...(t.parentTaskId ? { parentTaskId: t.parentTaskId } : {}),
      ...(t.builtIn ? { builtIn: t.builtIn } : {}),
      ...(t.referenceKey ? { referenceKey: t.referenceKey } : {}),
      ...(reminder ? { reminderAt: new Date(Date.parse(dueAt) - reminder.beforeDueMs).toISOString() } : {}),
    };
    this.open.set(taskId, record);
    const step = this.step();
    step.opened.push({
      taskId,
      kind: t.kind,
      assignedOrg: record.assignedOrg,
      requiredRole: record.requiredRole,
      dueAt,
      input: t.spec.input,
      answerSchema: t.spec.answerSchema,
      ...(t.parentTaskId ? { parentTaskId: t.parentTaskId } : {}),
      ...(t.referenceKey ? { referenceKey: t.referenceKey } : {}),
    });
    return taskId;
  }

  /** Removes a task from the open ones, with the reminders and escalations about it. */
  private closeTask(taskId: string, cancelledReason?: string): void {
    if (!this.open.delete(taskId)) return;
    if (cancelledReason !== undefined) this.step().cancelled.push({ taskId, reason: cancelledReason });
    for (const child of [...this.open.values()]) {
      if (child.parentTaskId === taskId) this.closeTask(child.taskId, cancelledReason ?? 'the task it was about is done');
    }
  }

  private specOf(t: TaskRecord): TaskSpec<S, Record<string, unknown>> {
    if (t.builtIn === 'escalation') return this.escalationSpec(t);
    if (t.builtIn === 'reminder') return { ...this.acknowledgeSpec(), result: () => ({ acknowledged: true }) };
    if (t.builtIn === 'reference') return this.referenceSpec(t);
    if (t.builtIn === 'fault') return this.faultSpec(t);
    return this.kinds[t.kind](t.params) as TaskSpec<S, Record<string, unknown>>;
  }

  /** The same checks in the validator and, on the state then current, in the handler. */
  private answerRefusal(t: TaskRecord, spec: TaskSpec<S, Record<string, unknown>>, c: TaskCompletion): Refusal | null {
    // A task of another organisation does not exist for the caller.
    if (c.by.organisationCode !== t.assignedOrg) return refuse('not_found', `task ${c.taskId} not found`);
    const notAllowed = spec.allowed?.(this.state, c.by);
    if (notAllowed) return refuse('forbidden', notAllowed);
    const problem = answerProblem(spec.answerSchema, c.decision);
    if (problem) return refuse('invalid_decision', problem);
    const d = spec.decide(this.state, c.decision, c.by, this.now());
    return isRefusal(d) ? d : null;
  }

  private validateCompletion(c: TaskCompletion): void {
    const t = this.open.get(c.taskId);
    if (!t) throw refusalFailure(refuse('conflict', `task ${c.taskId} is not open in this case`));
    if (this.redacted && t.builtIn !== 'fault') throw refusalFailure(refuse('conflict', 'the case is stopped by a data fault; an operator decides'));
    if (this.completing.has(c.taskId)) throw refusalFailure(refuse('conflict', 'the task is being completed; try again'));
    const refused = this.answerRefusal(t, this.specOf(t), c);
    if (refused) throw refusalFailure(refused);
  }

  private async complete(c: TaskCompletion): Promise<TaskCompletionResult> {
    this.completing.add(c.taskId);
    try {
      return await this.inStep(async () => {
        const t = this.open.get(c.taskId);
        if (!t) throw refusalFailure(refuse('conflict', `task ${c.taskId} is not open in this case`));
        const spec = this.specOf(t);
        const refused = this.answerRefusal(t, spec, c);
        if (refused) throw refusalFailure(refused);
        this.apply(spec.decide(this.state, c.decision, c.by, this.now()));
        const outcome = spec.result?.(this.state, c.decision) ?? { status: this.def.status(this.state) };
        this.closeTask(c.taskId);
        this.step().completed = { taskId: c.taskId, kind: t.kind, decision: c.decision, outcome, by: c.by, requestId: c.requestId, requestHash: c.requestHash };
        await spec.then?.(c.decision, c.by);
        return { taskId: c.taskId, kind: t.kind, outcome, auditedRequestId: c.requestId };
      });
    } finally {
      this.completing.delete(c.taskId);
    }
  }

  private acknowledgeSpec(): TaskSpec<S, Record<string, unknown>> {
    return { assignedOrg: '', requiredRole: '', input: {}, answerSchema: ACKNOWLEDGE, decide: (s) => ({ state: s, events: [] }) };
  }

  private escalationSpec(t: TaskRecord): TaskSpec<S, Record<string, unknown>> {
    return {
      ...this.acknowledgeSpec(),
      decide: (s, d, by) => ({ state: s, events: [{ type: 'escalation_handled', by, detail: { taskId: t.parentTaskId, comment: (d.comment as string | undefined) ?? null } }] }),
      result: () => ({ escalatedTaskId: t.parentTaskId }),
    };
  }

  /** The operator has seen the fault; on a redacted case that closes it (nothing else of it can be written). */
  private faultSpec(t: TaskRecord): TaskSpec<S, Record<string, unknown>> {
    return {
      ...this.acknowledgeSpec(),
      decide: (s, d, by) => ({ state: s, events: [{ type: 'data_fault_handled', by, detail: { taskId: t.taskId, comment: (d.comment as string | undefined) ?? null } }] }),
      then: () => {
        if (!this.redacted) return;
        this.faultClosed = true;
        this.closedBy = 'closed by an operator after a data fault';
      },
      result: () => ({ caseClosed: this.redacted }),
    };
  }

  private referencePolicy(kind: ReferenceKind): ReferencePolicy {
    const policy = this.def.references?.[kind];
    if (!policy) throw new Error(`this case does not wait for ${kind}`);
    return policy;
  }

  private referenceSpec(t: TaskRecord): TaskSpec<S, Record<string, unknown>> {
    const key = (t.params as { key: ReferenceKey }).key;
    const policy = this.referencePolicy(key.kind);
    return {
      ...this.acknowledgeSpec(),
      answerSchema: policy.answerSchema,
      decide: (s, d, by) => {
        const value = policy.valueOf(d);
        return { state: s, events: [{ type: policy.event, by, detail: policy.detail(key, value) }], effects: [{ type: 'reference.register', key, value, by }] };
      },
      then: async (d) => this.referenceArrived(key, policy.valueOf(d)),
      result: (_s, d) => ({ ...policy.detail(key, policy.valueOf(d)) }),
    };
  }

  // ---- deadlines, reminders and timers -----------------------------------------------------------------

  /** What falls due first (a task's deadline to escalate, a reminder, a timer), leaving out what was set aside. */
  private nextDue(): { key: string; at: number } | undefined {
    if (this.redacted) return undefined; // a stopped case waits only for its operator
    let next: { key: string; at: number } | undefined;
    const consider = (key: string, at: number) => {
      if (!this.failedAlarms.has(key) && (next === undefined || at < next.at || (at === next.at && key < next.key))) next = { key, at };
    };
    for (const t of this.open.values()) {
      if (t.escalate) consider(`due:${t.taskId}`, Date.parse(t.dueAt));
      if (t.reminderAt) consider(`remind:${t.taskId}`, Date.parse(t.reminderAt));
    }
    for (const t of this.timers.values()) consider(`timer:${t.id}`, t.at);
    return next;
  }

  /** A due item as a step of its own; one whose step fails is set aside and logged, not tried again and again. */
  private async fireDue(key: string): Promise<void> {
    await this.inStep(() => this.fire(key)).catch((err: unknown) => {
      if (isCancellation(err)) throw err;
      this.failedAlarms.add(key);
      log.error('a timed step of the case failed and is set aside; it changed nothing', { item: key, error: (err as Error).message });
    });
  }

  private async fire(key: string): Promise<void> {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'due' && this.open.get(id)?.escalate) this.escalate(id);
    if (kind === 'remind' && this.open.get(id)?.reminderAt) this.remind(id);
    if (kind === 'timer') await this.fireTimer(id);
  }

  /** An overdue task: the timeline says so, and the next level of the escalation chain gets a task. */
  private escalate(taskId: string): void {
    const t = this.open.get(taskId);
    const policy = this.def.escalation;
    if (!t || !policy) return;
    this.open.set(taskId, { ...t, escalate: false });
    this.record({ type: policy.overdueEvent ?? 'task_overdue', by: SYSTEM, detail: { taskId, kind: t.kind, organisationCode: t.assignedOrg, dueAt: t.dueAt } });
    this.step().dirty = true;
    const level = t.level + 1;
    const to = policy.to(t, level);
    if (!to) return;
    this.addTask({
      kind: policy.kind,
      params: {},
      builtIn: 'escalation',
      parentTaskId: taskId,
      level,
      escalate: !!policy.to({ assignedOrg: to.org, requiredRole: to.role }, level + 1),
      spec: {
        ...this.acknowledgeSpec(),
        assignedOrg: to.org,
        requiredRole: to.role,
        dueInMs: policy.dueInMs,
        input: { ...(policy.context?.(this.state) ?? {}), overdueTaskId: taskId, overdueKind: t.kind, assignedOrg: t.assignedOrg, dueAt: t.dueAt },
      },
    });
  }

  private remind(taskId: string): void {
    const t = this.open.get(taskId);
    const reminder = t && this.specOf(t).reminder;
    if (!t || !reminder) return;
    const { reminderAt: _r, ...rest } = t;
    this.open.set(taskId, rest);
    this.record({ type: reminder.event, by: SYSTEM, detail: { taskId } });
    this.step().dirty = true;
    this.addTask({
      kind: reminder.kind,
      params: {},
      builtIn: 'reminder',
      parentTaskId: taskId,
      level: 0,
      escalate: false,
      spec: { ...this.acknowledgeSpec(), assignedOrg: t.assignedOrg, requiredRole: t.requiredRole, dueAt: t.dueAt, input: { ...reminder.input, remindedTaskId: taskId } },
    });
  }

  private async fireTimer(id: string): Promise<void> {
    const timer = this.timers.get(id);
    if (!timer) return;
    this.timers.delete(id);
    this.step().dirty = true;
    await this.timerHandlers[timer.name].run(timer.params as never);
  }

  // ---- reference data -------------------------------------------------------------------------------------

  private async readReferences(keys: ReferenceKey[]): Promise<Record<string, number>> {
    const values = await reads.referenceValues(keys);
    return Object.fromEntries(values.filter((v) => v.value !== null).map((v) => [referenceKeyString(v.key), v.value as number]));
  }

  /** A value is registered (by this case's task, or found after a signal): waits that are complete go on. */
  private async referenceArrived(key: ReferenceKey, value: number): Promise<void> {
    const ks = referenceKeyString(key);
    for (const t of [...this.open.values()]) if (t.referenceKey === ks) this.closeTask(t.taskId, 'registered through the API');
    for (const wait of [...this.waits.values()]) {
      if (!wait.keys.some((k) => referenceKeyString(k) === ks)) continue;
      const values = { ...wait.values, [ks]: value };
      if (wait.keys.every((k) => values[referenceKeyString(k)] !== undefined)) {
        this.waits.delete(wait.id);
        await this.referenceHandlers[wait.handler](wait.params as never, values);
      } else {
        this.waits.set(wait.id, { ...wait, values });
      }
    }
  }

  /** After a signal (or a new wait), reads the values still missing. */
  /** A signal (or a new wait) asked to read the missing reference values again. */
  private nudged(seen: number): boolean {
    return this.referenceNudges !== seen && this.waits.size > 0;
  }

  /** Reads the values still missing; those now registered go on as if they had arrived by a task. */
  private async readReferencesAgain(): Promise<void> {
    await this.inStep(async () => {
      const missing = new Map(this.missingReferences().map((k) => [referenceKeyString(k), k]));
      if (missing.size === 0) return;
      const found = await this.readReferences([...missing.values()]);
      for (const [ks, key] of missing) {
        // Still missing (an earlier arrival in this loop may have completed its wait) and now registered.
        if (found[ks] !== undefined && this.missingReferences().some((k) => referenceKeyString(k) === ks)) await this.referenceArrived(key, found[ks]);
      }
    }).catch((err: unknown) => {
      if (isCancellation(err)) throw err;
      log.error('reading reference data failed; the case waits on', { error: (err as Error).message });
    });
  }

  private missingReferences(): ReferenceKey[] {
    return [...this.waits.values()].flatMap((w) => w.keys.filter((k) => w.values[referenceKeyString(k)] === undefined));
  }

  // ---- views, waiting, continue-as-new ----------------------------------------------------------------

  private openTaskViews(): OpenTaskView[] {
    return [...this.open.values()].map((t) => ({ taskId: t.taskId, kind: t.kind, assignedOrg: t.assignedOrg, dueAt: t.dueAt }));
  }

  /** What the case waits for next, and until when. */
  private waitingFor(): WaitingFor {
    if (this.closedBy) return { what: 'nothing', description: this.closedBy, until: null };
    if (this.def.ended(this.state)) return { what: 'nothing', description: `the case is ${this.def.status(this.state)}`, until: null };
    const earliest = <T>(xs: T[], at: (x: T) => number) => xs.reduce<T | undefined>((a, x) => (a === undefined || at(x) < at(a) ? x : a), undefined);
    const tasks = [...this.open.values()];
    const missing = this.missingReferences();
    if (missing.length > 0) {
      const registration = earliest(tasks.filter((t) => t.referenceKey), (t) => Date.parse(t.dueAt));
      const names = [...new Set(missing.map((k) => this.referencePolicy(k.kind).describe(k)))];
      return { what: 'reference_data', description: names.join(', '), until: registration?.dueAt ?? null };
    }
    const first = earliest(tasks, (t) => Date.parse(t.dueAt));
    if (first) {
      const names = tasks.slice(0, 5).map((t) => `${t.kind} (${t.assignedOrg})`);
      return { what: 'tasks', description: names.join(', ') + (tasks.length > 5 ? ` and ${tasks.length - 5} more` : ''), until: first.dueAt };
    }
    const timer = earliest([...this.timers.values()].filter((t) => !this.failedAlarms.has(`timer:${t.id}`)), (t) => t.at);
    if (timer) return { what: 'date', description: this.timerHandlers[timer.name].describe(timer.params as never), until: new Date(timer.at).toISOString() };
    return this.def.waitingFor?.(this.state) ?? { what: 'request', description: 'a request from one of the parties', until: null };
  }

  private continueAsNewDue(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= (this.def.maxHistoryLength ?? 10_000);
  }

  private carry(): CaseCarry<S> {
    return {
      state: this.state,
      version: this.version,
      timeline: this.timeline,
      tasks: [...this.open.values()],
      timers: [...this.timers.values()],
      waits: [...this.waits.values()],
      subjectSent: this.subjectSent,
      seqBase: this.seqBase,
      failedAlarms: [...this.failedAlarms],
      ...(this.redacted ? { redacted: true } : {}),
    };
  }

  /** A case another run projected before (a restarted workflow): this run goes on from its version and timeline. */
  private async takeOver(): Promise<void> {
    const projected = await reads.projectedCase(this.def.caseId);
    if (!projected) return;
    this.version = projected.version;
    this.seqBase = projected.lastSeq;
  }

  private resumeCarried(): void {
    if (this.waits.size > 0) this.referenceNudges += 1; // the alarm picks up the carried deadlines and timers itself
  }
}
