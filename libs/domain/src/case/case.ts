/**
 * The shape every process's rules share. A rule is a pure function of the case's state and a command (an API
 * request or a task's answer): it either refuses, naming why, or returns the case's next state, the timeline
 * events that tell the parties what happened, and any effects to book with the step (e.g. ledger entries).
 *
 * There is no separate `evolve(state, event)`: Temporal's history is the event log that rebuilds a case, so the
 * timeline events here are a record for people, not the source of the state. Rules never mutate their input.
 */
import type { CaseEffect } from './effects';

/** A person acting for an organisation. */
export interface Actor {
  actor: string;
  organisationCode: string;
}

/** What the system itself does (deadlines, bookings, derived steps): no organisation acts. */
export interface SystemActor {
  actor: 'system';
  organisationCode: null;
}
export const SYSTEM: SystemActor = { actor: 'system', organisationCode: null };

/** Who did something, and when. */
export interface PartyAction {
  at: string;
  actor: string;
  organisationCode: string;
}

/** One line of a case's timeline, as the parties read it. */
export interface CaseEvent {
  seq: number;
  at: string;
  actor: string;
  /** null when the system acted (e.g. a deadline passed). */
  organisationCode: string | null;
  type: string;
  detail?: Record<string, unknown>;
}

/** An event a rule produces; the runtime numbers it and stamps the time. */
export interface NewEvent {
  type: string;
  by: Actor | SystemActor;
  detail?: Record<string, unknown>;
}

/**
 * Why a command is refused. The API maps the kind to a status in one place:
 * invalid_input 400 (naming `field`), invalid_decision 422 (a task's answer), conflict 409 (the case's state does
 * not allow it), forbidden 403 (this party may not), not_found 404.
 */
export type RefusalKind = 'invalid_input' | 'invalid_decision' | 'conflict' | 'forbidden' | 'not_found';

export interface Refusal {
  refused: RefusalKind;
  message: string;
  /** The request field at fault, for invalid_input. */
  field?: string;
  /** Extra machine-readable detail (e.g. the missing steps of a refused discharge). */
  details?: Record<string, unknown>;
}

export interface Outcome<S> {
  state: S;
  events: NewEvent[];
  effects?: CaseEffect[];
}

export type Decision<S> = Outcome<S> | Refusal;

export function refuse(refused: RefusalKind, message: string, extra: { field?: string; details?: Record<string, unknown> } = {}): Refusal {
  return { refused, message, ...extra };
}

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && typeof (x as Refusal).refused === 'string';
}

/** The first refusal among checks run in order, or null. */
export function firstRefusal(...checks: (() => Refusal | null)[]): Refusal | null {
  for (const check of checks) {
    const r = check();
    if (r) return r;
  }
  return null;
}

/** An outcome with one event, the usual case. */
export function outcome<S>(state: S, type: string, by: Actor | SystemActor, detail?: Record<string, unknown>, effects?: CaseEffect[]): Outcome<S> {
  return { state, events: [{ type, by, ...(detail ? { detail } : {}) }], ...(effects?.length ? { effects } : {}) };
}

/** A person's action at `now`. */
export function actionOf(by: Actor, now: string): PartyAction {
  return { at: now, actor: by.actor, organisationCode: by.organisationCode };
}
