/**
 * What the worker tells the operators' list (GET /operations/cases) about a case's workflow failing again and again,
 * shared by the worker (Node) and the workflow interceptor (the workflow sandbox): no dependencies.
 */
import type { Sinks } from '@temporalio/workflow';

const REASON = /[^A-Za-z0-9_.:-]/g;

/**
 * An error's type as a short code, never its message (which could hold personal data): an ApplicationFailure's type
 * or the error's name, and a SQLSTATE when it has one, e.g. `QueryFailedError:57P01`.
 */
export function reasonCode(err: unknown): string {
  const e = (err ?? {}) as { type?: unknown; name?: unknown; code?: unknown; driverError?: { code?: unknown } };
  const name = typeof e.type === 'string' && e.type ? e.type : typeof e.name === 'string' && e.name ? e.name : 'Error';
  const sqlState = [e.code, e.driverError?.code].find((c): c is string => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c));
  return `${name}${sqlState ? `:${sqlState}` : ''}`.replace(REASON, '_').slice(0, 80);
}

/** Called from the workflow interceptor (workflows/shared/problem-interceptors.ts) after each activation. */
export interface WorkflowProblemSinks extends Sinks {
  workflowProblems: {
    /** The workflow's code threw an error that fails its workflow task (not a Temporal failure): Temporal retries it. */
    taskFailed(reason: string): void;
    /** An activation completed. */
    taskCompleted(): void;
  };
}
