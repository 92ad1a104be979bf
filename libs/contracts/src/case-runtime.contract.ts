/**
 * The shared case runtime's contract (workflows/shared/case-runtime.ts): the one activity that writes a step of a
 * case, the reads it may make, what every case view carries, and the signal that tells waiting cases that
 * reference data was registered. Workflows import the activity interfaces as types only.
 */
import { defineSignal } from '@temporalio/workflow';
import type { Beds, Candidate } from '../../domain/src/transfers/transfer.types';
import type { Actor, CaseEvent, Refusal, SystemActor } from '../../domain/src/case/case';
import type { CaseEffect, ReferenceKey } from '../../domain/src/case/effects';
import type { AnswerSchema } from './answer-schema';

/** What a case waits for next, with a date when there is one (a due time, a timer, a planned date). */
export const WAITING_FOR_KINDS = ['tasks', 'reference_data', 'date', 'request', 'nothing'] as const;

export interface WaitingFor {
  what: (typeof WAITING_FOR_KINDS)[number];
  description: string;
  /** ISO instant or date, or null when nothing sets one. */
  until: string | null;
}

/** An open task as a case view lists it (its content is on the task itself). */
export interface OpenTaskView {
  taskId: string;
  kind: string;
  assignedOrg: string;
  dueAt: string;
}

/** What every case view carries besides the process's own state. */
export interface CaseRuntimeView {
  version: number;
  events: CaseEvent[];
  openTasks: OpenTaskView[];
  waitingFor: WaitingFor;
}

/** A task a step opens. */
export interface StepTask {
  taskId: string;
  kind: string;
  assignedOrg: string;
  requiredRole: string;
  /** ISO instant. */
  dueAt: string;
  /** What the person needs to decide (may hold personal data: shown only on the task itself, never in lists). */
  input: Record<string, unknown>;
  answerSchema: AnswerSchema;
  /** The task it escalates or reminds about (closed with it). */
  parentTaskId?: string;
  /** Reference data the task asks for (e.g. `lpik:2022`): a registration through the API wakes its case. */
  referenceKey?: string;
}

/** The projections of one process beside the shared case projection, written in the same transaction. */
export type ProcessProjection = { kind: 'claim'; claim: unknown } | { kind: 'area'; area: unknown } | { kind: 'transfer'; transfer: unknown };

/** Everything one step of a case changes, written by one activity in one transaction. */
export interface CaseStep {
  caseId: string;
  caseType: string;
  workflowId: string;
  /** The first run id of the workflow's continue-as-new chain: with the version, the step's identity. */
  runChain: string;
  projection: {
    status: string;
    /** Organisation codes that are party to the case (who may see it). */
    parties: string[];
    version: number;
    /** Non-identifying summary for lists. */
    summary: Record<string, unknown>;
    waitingFor: WaitingFor;
    /**
     * Personal data about the case's subject in plain: only from cases started before issue 13 (the old input);
     * the activity seals it with a new data key of the case. Sent with the first step only.
     */
    subject?: { personnummer: string; name: string };
    /** The subject sealed with the case's data key (base64; see libs/crypto/src/case-data-key.ts). First step only. */
    subjectSealed?: string;
    /** Timeline events new in this step. */
    events: CaseEvent[];
  };
  processProjections: ProcessProjection[];
  opened: StepTask[];
  completed?: {
    taskId: string;
    kind: string;
    decision: Record<string, unknown>;
    outcome: Record<string, unknown>;
    by: Actor;
    requestId: string;
    requestHash: string;
  };
  cancelled: { taskId: string; reason: string }[];
  effects: CaseEffect[];
  /** Audit rows of requests the step carries out (a task completion writes its own). */
  audit: { action: string; by: Actor | SystemActor; requestId: string | null; detail?: Record<string, unknown> }[];
}

/** A written step; `notify` names other cases waiting for reference data this step registered (to signal). */
export type StepResult = { ok: true; notify?: { workflowId: string; key: string }[] } | { ok: false; refusal: Refusal };

export interface CaseRuntimeActivities {
  /** Idempotent: a retried step finds its rows written and changes nothing more. Refuses (rolls back) on a guard. */
  applyCaseStep(step: CaseStep): Promise<StepResult>;
}

export interface MandateTotals {
  approvedOre: number;
  paidOre: number;
}

/** Reads a step may need; run as local activities (short, idempotent, no side effects). */
/** Where a case's projection stands, for a workflow that takes over a case another run wrote. */
export interface ProjectedCase {
  version: number;
  /** The highest timeline seq written. */
  lastSeq: number;
}

export interface CaseReadActivities {
  /** The projection's version and last timeline seq, or null when the case was never projected. */
  projectedCase(caseId: string): Promise<ProjectedCase | null>;
  /** The registered values among `keys` (null where none is registered). */
  referenceValues(keys: ReferenceKey[]): Promise<{ key: ReferenceKey; value: number | null }[]>;
  mandateTotals(mandateId: string): Promise<MandateTotals>;
  /** Whether `code` is an active organisation of `kind` (answers from tasks are checked against the register). */
  isActiveOrganisation(code: string, kind: string): Promise<boolean>;
  /**
   * The receiving regions a transfer's proposal ranks: every active region but the sender, with its declared free
   * beds, its healthcare region and the latest published situation picture's free intensive-care beds.
   */
  transferCandidates(q: { sendingRegion: string; beds: Beds }): Promise<Candidate[]>;
}


/** An open task as the runtime keeps it (and carries it across continue-as-new). */
export interface TaskRecord {
  taskId: string;
  kind: string;
  params: unknown;
  assignedOrg: string;
  requiredRole: string;
  dueAt: string;
  scope?: string;
  parentTaskId?: string;
  /** 0 for a process task, n for the n-th escalation. */
  level: number;
  /** Still to escalate when its deadline passes. */
  escalate: boolean;
  /** Still to remind at this instant. */
  reminderAt?: string;
  referenceKey?: string;
  /** Tasks the runtime itself opens. */
  builtIn?: 'escalation' | 'reminder' | 'reference' | 'fault';
}

export interface TimerRecord {
  id: string;
  name: string;
  /** Epoch ms. */
  at: number;
  params: unknown;
  scope?: string;
}

export interface WaitRecord {
  id: string;
  keys: ReferenceKey[];
  values: Record<string, number>;
  handler: string;
  params: unknown;
}

/** What a run hands the next one (continue-as-new). */
export interface CaseCarry<S> {
  state: S;
  version: number;
  timeline: CaseEvent[];
  tasks: TaskRecord[];
  timers: TimerRecord[];
  waits: WaitRecord[];
  subjectSent: boolean;
  /** Timeline seqs written before this chain took the case over (absent in runs carried before it existed). */
  seqBase?: number;
  /** Due items whose step failed and that were set aside (absent in runs carried before it existed). */
  failedAlarms?: string[];
  /** The case's own data could not be written (a data fault): only its fault and its closing are projected. */
  redacted?: boolean;
}

/** Reference data was registered through the API (key as `lpik:2022`): a case waiting for it reads again. */
export const referenceRegisteredSignal = defineSignal<[string]>('referenceRegistered');

/** ApplicationFailure type of a refusal by a case's rules; its details carry the Refusal. */
export const CASE_REFUSAL = 'CaseRefusal';

/**
 * ApplicationFailure type of a step the database refused for its data (SQLSTATE class 22, e.g. a NUL in a text):
 * deterministic, so never retried. Its details carry `{ sqlState }`, never the data.
 */
export const CASE_DATA_ERROR = 'CaseDataError';

/** The status of a case whose own data could not be written; an operator's task says what happened. */
export const FAULTED_STATUS = 'faulted';

/** The kind of the operator's task about a data fault (the list filter /tasks?kind= accepts it). */
export const CASE_DATA_FAULT_TASK_KIND = 'case_data_fault';

/** What a command's update returns: the case view, and the request whose audit row the step wrote. */
export type CommandResult<V> = V & { auditedRequestId?: string };
