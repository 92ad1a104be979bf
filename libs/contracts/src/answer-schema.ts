/**
 * The shape of an answer a human task expects: a small JSON-Schema subset, stored with the task for the
 * person's client and enforced by the workflow's update validator. Pure code: safe inside workflows.
 */
import { isEchoableName, textProblem } from '../../domain/src/text';
import { isCalendarDate, isInstant } from '../../domain/src/time/stockholm';

export type AnswerSchema =
  | { type: 'object'; properties: Record<string, AnswerSchema>; required?: string[]; additionalProperties?: false }
  | {
      type: 'string';
      minLength?: number;
      maxLength?: number;
      enum?: string[];
      format?: 'date' | 'date-time';
      /** `plain` for names and references (no bidi formatting characters); free text (tab, newline) by default. */
      text?: 'plain';
    }
  | { type: 'boolean'; const?: boolean }
  | { type: 'integer'; minimum?: number; maximum?: number }
  /** A finite number; `multipleOf` 0.1 allows at most one decimal (checked on the decimal text, not by float division). */
  | { type: 'number'; minimum?: number; maximum?: number; multipleOf?: 0.1 }
  | { type: 'array'; items: AnswerSchema; minItems?: number; maxItems?: number; uniqueItems?: boolean };

/** An ISO 8601 instant with offset whose date is a real calendar date (no 2027-02-30T10:00Z). */
export const isDateTime = isInstant;

/** The bound of a string answer whose schema names none (an enum or a format bounds it anyway). */
export const ANSWER_TEXT_MAX_LENGTH = 10_000;

/** Schema builders for task answers. */
export const text = (maxLength: number): AnswerSchema => ({ type: 'string', minLength: 1, maxLength });
/** A name or reference: as `text`, without tab, newline or bidi formatting characters. */
export const plainText = (maxLength: number): AnswerSchema => ({ type: 'string', minLength: 1, maxLength, text: 'plain' });
export const DATE: AnswerSchema = { type: 'string', format: 'date' };
export const object = (properties: Record<string, AnswerSchema>, required: string[]): AnswerSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
/** An acknowledgement with an optional comment (reminders, escalations, kvittens). */
export const ACKNOWLEDGE: AnswerSchema = object({ acknowledged: { type: 'boolean', const: true }, comment: text(2000) }, ['acknowledged']);

/**
 * The first problem with `value`, naming its path (e.g. `decision.services[1]`), or null when it fits. Keys the
 * schema does not name are refused (`__proto__` included), and string answers follow the API's text rules
 * (libs/domain/src/text.ts): no control characters but tab and newline, no lone surrogates, a bounded length.
 */
export function answerProblem(schema: AnswerSchema, value: unknown, path = 'decision'): string | null {
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object`;
      const obj = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!Object.hasOwn(obj, key)) return `${path}.${key} is required`;
      for (const [key, v] of Object.entries(obj)) {
        // Own properties only: `__proto__` or `toString` must not find the prototype's.
        if (!Object.hasOwn(schema.properties, key)) return `${path}.${key} is not expected`;
        const problem = answerProblem(schema.properties[key], v, `${path}.${key}`);
        if (problem) return problem;
      }
      return null;
    }
    case 'string': {
      if (typeof value !== 'string') return `${path} must be a string`;
      if (schema.minLength !== undefined && value.length < schema.minLength) return `${path} must have at least ${schema.minLength} characters`;
      if (schema.maxLength !== undefined && value.length > schema.maxLength) return `${path} must have at most ${schema.maxLength} characters`;
      const textual = textProblem(value, { kind: schema.text ?? 'free', max: schema.maxLength ?? ANSWER_TEXT_MAX_LENGTH, min: 0 });
      if (textual) return `${path} ${textual}`;
      if (schema.enum && !schema.enum.includes(value)) return `${path} must be one of ${schema.enum.join(', ')}`;
      if (schema.format === 'date' && !isCalendarDate(value)) return `${path} must be a date YYYY-MM-DD`;
      if (schema.format === 'date-time' && !isDateTime(value)) return `${path} must be an ISO 8601 date-time with offset`;
      return null;
    }
    case 'boolean':
      if (typeof value !== 'boolean') return `${path} must be true or false`;
      if (schema.const !== undefined && value !== schema.const) return `${path} must be ${schema.const}`;
      return null;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${path} must be an integer`;
      if (schema.minimum !== undefined && value < schema.minimum) return `${path} must be at least ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `${path} must be at most ${schema.maximum}`;
      return null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${path} must be a number`;
      if (schema.minimum !== undefined && value < schema.minimum) return `${path} must be at least ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `${path} must be at most ${schema.maximum}`;
      if (schema.multipleOf !== undefined && Math.abs(value * 10 - Math.round(value * 10)) > 1e-9) return `${path} must have at most one decimal`;
      return null;
    case 'array': {
      if (!Array.isArray(value)) return `${path} must be an array`;
      if (schema.minItems !== undefined && value.length < schema.minItems) return `${path} must have at least ${schema.minItems} items`;
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${path} must have at most ${schema.maxItems} items`;
      if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) return `${path} must not repeat items`;
      for (let i = 0; i < value.length; i++) {
        const problem = answerProblem(schema.items, value[i], `${path}[${i}]`);
        if (problem) return problem;
      }
      return null;
    }
  }
}

/** How deep an answer nests below `decision` (the deepest schema today: decision.lines.0.reason). */
export const ANSWER_MAX_DEPTH = 5;
const ANSWER_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const ANSWER_MAX_KEYS = 50;
const ANSWER_MAX_ITEMS = 500;

/**
 * What any answer must be before its task's schema is even looked up: JSON of plain keys (no `__proto__`),
 * shallow, bounded, and its strings free text of at most ANSWER_TEXT_MAX_LENGTH. Returns the first problem as
 * `<path> <problem>`, paths with dots (`decision.lines.0.reason`), or null.
 */
export function answerValueProblem(value: unknown, path = 'decision', depth = 0): string | null {
  if (typeof value === 'string') {
    const problem = textProblem(value, { kind: 'free', max: ANSWER_TEXT_MAX_LENGTH, min: 0 });
    return problem ? `${path} ${problem}` : null;
  }
  if (value === null || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} must be a finite number`;
  if (typeof value !== 'object') return `${path} must be JSON`;
  if (depth >= ANSWER_MAX_DEPTH) return `${path} nests deeper than an answer may`;
  if (Array.isArray(value)) {
    if (value.length > ANSWER_MAX_ITEMS) return `${path} must have at most ${ANSWER_MAX_ITEMS} items`;
    for (let i = 0; i < value.length; i++) {
      const problem = answerValueProblem(value[i], `${path}.${i}`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  const entries = Object.entries(value);
  if (entries.length > ANSWER_MAX_KEYS) return `${path} must have at most ${ANSWER_MAX_KEYS} fields`;
  for (const [key, v] of entries) {
    if (!ANSWER_KEY.test(key)) {
      // A printable key is named in the path; any other is not echoed back.
      return isEchoableName(key) ? `${path}.${key} is not an allowed field name` : `${path} has a field name that is not allowed`;
    }
    const problem = answerValueProblem(v, `${path}.${key}`, depth + 1);
    if (problem) return problem;
  }
  return null;
}
