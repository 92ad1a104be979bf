import type { ErrorBody } from '../api/client';

/** An error body of the API, read for a screen: a message for the form, and messages at fields by their path. */
export interface ReadError {
  status: number;
  code: string;
  message: string;
  /** Field path (as the API names it, e.g. `needs.municipal.0` or `decision.plannedSipDate`) → the API's message. */
  fields: Record<string, string>;
  body: ErrorBody & Record<string, unknown>;
}

/** The API's error body as one shape; a refusal by a case (e.g. `refused: decision.x must be …`) names its field too. */
export function readError(status: number, body: unknown): ReadError {
  const b = (body && typeof body === 'object' ? body : {}) as ErrorBody & Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const f of b.fields ?? []) fields[f.field] ??= f.message;
  if (b.field && !fields[b.field]) fields[b.field] = b.message;
  const named = /^(?:refused: )?(decision(?:\.[A-Za-z0-9_]+)+)\s/.exec(b.message ?? '');
  if (named && !fields[named[1]]) fields[named[1]] = b.message;
  return { status, code: b.code ?? 'UNKNOWN', message: b.message ?? `HTTP ${status}`, fields, body: b };
}

/**
 * Field errors of a task's answer, keyed by the answer's own field (the API's path starts with `decision.`); a field
 * of a group by its path in the answer (`staffAbsencePercent.nurses`).
 */
export function answerFieldErrors(e: ReadError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(e.fields)) {
    const m = /^decision\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/.exec(path);
    if (m) out[m[1]] = message;
  }
  return out;
}
