/**
 * Helpers for the rules' unit tests (the `*.rules.spec.ts` files): no jest globals, so this compiles with the build.
 *
 * Rules never mutate their input. The specs deep-freeze every state and command they pass in: compiled modules run in
 * strict mode, so a rule that writes to a frozen object throws a TypeError and its test fails.
 */
import { Decision, isRefusal, Outcome, Refusal } from './case';

/** Freezes `value` and everything it holds, recursively; returns it for chaining. */
export function deepFreeze<T>(value: T, seen: WeakSet<object> = new WeakSet()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
  Object.freeze(value);
  return value;
}

/** The outcome of a decision that must not be refused (throws, naming the refusal, otherwise). */
export function accepted<S>(d: Decision<S>): Outcome<S> {
  if (isRefusal(d)) throw new Error(`expected an outcome, got a refusal (${d.refused}): ${d.message}`);
  return d;
}

/** The refusal of a decision that must be refused (throws, naming the events, otherwise). */
export function refused<S>(d: Decision<S>): Refusal {
  if (!isRefusal(d)) throw new Error(`expected a refusal, got an outcome with events ${d.events.map((e) => e.type).join(', ') || '(none)'}`);
  return d;
}

/** The next state of an accepted decision, deep-frozen so the next rule gets a frozen input too. */
export function nextState<S>(d: Decision<S>): S {
  return deepFreeze(accepted(d).state);
}

/** The events as the parties read them: type, who (actor and organisation) and detail. */
export function timeline<S>(o: Outcome<S>): { type: string; actor: string; organisationCode: string | null; detail?: Record<string, unknown> }[] {
  return o.events.map((e) => ({ type: e.type, actor: e.by.actor, organisationCode: e.by.organisationCode, ...(e.detail ? { detail: e.detail } : {}) }));
}
