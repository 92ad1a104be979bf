/**
 * The shape of an answer a human task expects: a small JSON-Schema subset, stored with the task for the
 * person's client and enforced by the workflow's update validator. Pure code: safe inside workflows.
 */
import { isCalendarDate } from '../../domain/src/time/stockholm';

export type AnswerSchema =
  | { type: 'object'; properties: Record<string, AnswerSchema>; required?: string[]; additionalProperties?: false }
  | { type: 'string'; minLength?: number; maxLength?: number; enum?: string[]; format?: 'date' | 'date-time' }
  | { type: 'boolean'; const?: boolean }
  | { type: 'integer'; minimum?: number; maximum?: number }
  | { type: 'array'; items: AnswerSchema; minItems?: number; maxItems?: number; uniqueItems?: boolean };

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** An ISO 8601 instant with offset whose date is a real calendar date (no 2027-02-30T10:00Z). */
export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  return !!m && isCalendarDate(m[1]) && !Number.isNaN(Date.parse(value));
}

/** Schema builders for task answers. */
export const text = (maxLength: number): AnswerSchema => ({ type: 'string', minLength: 1, maxLength });
export const DATE: AnswerSchema = { type: 'string', format: 'date' };
export const object = (properties: Record<string, AnswerSchema>, required: string[]): AnswerSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
/** An acknowledgement with an optional comment (reminders, escalations, kvittens). */
export const ACKNOWLEDGE: AnswerSchema = object({ acknowledged: { type: 'boolean', const: true }, comment: text(2000) }, ['acknowledged']);

/** The first problem with `value`, naming its path (e.g. `decision.services[1]`), or null when it fits. */
export function answerProblem(schema: AnswerSchema, value: unknown, path = 'decision'): string | null {
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object`;
      const obj = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in obj)) return `${path}.${key} is required`;
      for (const [key, v] of Object.entries(obj)) {
        const sub = schema.properties[key];
        if (!sub) {
          if (schema.additionalProperties === false) return `${path}.${key} is not expected`;
          continue;
        }
        const problem = answerProblem(sub, v, `${path}.${key}`);
        if (problem) return problem;
      }
      return null;
    }
    case 'string': {
      if (typeof value !== 'string') return `${path} must be a string`;
      if (schema.minLength !== undefined && value.length < schema.minLength) return `${path} must have at least ${schema.minLength} characters`;
      if (schema.maxLength !== undefined && value.length > schema.maxLength) return `${path} must have at most ${schema.maxLength} characters`;
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
