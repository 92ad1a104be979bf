/**
 * The task form's validator for @rjsf: the very rule the workflow enforces (`answerProblem`, libs/contracts), so the
 * form refuses exactly what the case would, and in Swedish at the field. Not @rjsf/validator-ajv8: Ajv compiles
 * each schema with `new Function`, which the app's Content-Security-Policy (no 'unsafe-eval') forbids, and the
 * answer schemas come from the tasks at run time, so they cannot be precompiled.
 */
import type { ErrorSchema, RJSFSchema, RJSFValidationError, ValidationData, ValidatorType } from '@rjsf/utils';
import { answerProblem, type AnswerSchema } from '../../../../libs/contracts/src/answer-schema';
import { kronor } from './money';

/** answerProblem's English (e.g. "must be a date YYYY-MM-DD") as a Swedish sentence for the person at the field. */
export function swedishProblem(problem: string): string {
  if (/is required$/.test(problem)) return 'Fyll i fältet.';
  if (/must have at least 1 characters$/.test(problem)) return 'Fyll i fältet.';
  const max = /must have at most (\d+) characters$/.exec(problem);
  if (max) return `Högst ${max[1]} tecken.`;
  if (/must be true$/.test(problem)) return 'Kryssa i rutan för att kunna skicka.';
  if (/must be a date YYYY-MM-DD$/.test(problem)) return 'Ange ett datum (ÅÅÅÅ-MM-DD).';
  if (/must be one of /.test(problem)) return 'Välj ett av alternativen.';
  if (/must not repeat items$/.test(problem)) return 'Välj varje alternativ högst en gång.';
  if (/must be an integer$/.test(problem)) return 'Ange ett heltal.';
  if (/must not be more than icuBeds$/.test(problem)) return 'Högst lika många som IVA-platserna.';
  if (/must be a number$/.test(problem)) return 'Ange ett tal, till exempel 9,5.';
  if (/must have at most one decimal$/.test(problem)) return 'Högst en decimal, till exempel 9,5.';
  const least = /must be at least (\d+(?:\.\d+)?)$/.exec(problem);
  if (least) return `Minst ${least[1].replace('.', ',')}.`;
  const most = /must be at most (\d+(?:\.\d+)?)$/.exec(problem);
  if (most) return `Högst ${most[1].replace('.', ',')}.`;
  if (/control characters|blank|not allowed/.test(problem)) return 'Texten innehåller tecken som inte är tillåtna, eller bara blanksteg.';
  return 'Kontrollera fältet.';
}

type Obj = Record<string, unknown>;

/** An amount in öre (an integer field named …Ore): typed in kronor, its problems said in kronor. */
export const isOreField = (key: string, schema: { type?: unknown }) => schema.type === 'integer' && /Ore$/.test(key);

/** An amount field's problem in kronor (its bounds are öre in the schema). */
function oreProblem(schema: AnswerSchema, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'Ange ett belopp i kronor, till exempel 42 000 eller 950,50.';
  const bounds = schema as { minimum?: number; maximum?: number };
  if (bounds.minimum !== undefined && value < bounds.minimum) return `Minst ${kronor(bounds.minimum)}.`;
  if (bounds.maximum !== undefined && value > bounds.maximum) return `Högst ${kronor(bounds.maximum)}.`;
  return null;
}

/** A decimal field (type number) holds what was typed while it is no number: said with an example, as typed. */
const DECIMAL_TEXT = 'Ange ett tal med högst en decimal, till exempel 9,5.';

/**
 * Each field checked on its own, so every field at fault gets its message (answerProblem stops at the first); the
 * fields of a nested object (a report's `staffAbsencePercent.nurses`) each at their own path.
 */
export function answerErrors(schema: AnswerSchema, formData: unknown, prefix = ''): { property: string; message: string }[] {
  if (schema.type !== 'object') {
    const problem = answerProblem(schema, formData, '');
    return problem ? [{ property: prefix, message: swedishProblem(problem) }] : [];
  }
  const data = (formData && typeof formData === 'object' ? formData : {}) as Obj;
  const errors: { property: string; message: string }[] = [];
  for (const [name, fieldSchema] of Object.entries(schema.properties)) {
    const key = prefix ? `${prefix}.${name}` : name;
    const value = data[name];
    if (fieldSchema.type === 'object' && (value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value)))) {
      // A required group left empty: each of its fields is asked for where it is.
      if (value !== undefined || schema.required?.includes(name)) errors.push(...answerErrors(fieldSchema, cleanAnswer(value ?? {}), key));
      continue;
    }
    if (value === undefined) {
      if (schema.required?.includes(name)) errors.push({ property: key, message: fieldSchema.type === 'boolean' ? swedishProblem('must be true') : 'Fyll i fältet.' });
      continue;
    }
    if (fieldSchema.type === 'number' && typeof value === 'string') {
      errors.push({ property: key, message: DECIMAL_TEXT });
      continue;
    }
    if (isOreField(name, fieldSchema)) {
      const problem = oreProblem(fieldSchema, value);
      if (problem) errors.push({ property: key, message: problem });
      continue;
    }
    const problem = answerProblem(fieldSchema, value, key);
    if (problem) errors.push({ property: key, message: swedishProblem(problem) });
  }
  return errors;
}

/** Drops what a form leaves behind but an answer must not carry: undefined keys and empty optional lists. */
export function cleanAnswer(formData: unknown): Obj {
  const out: Obj = {};
  for (const [key, value] of Object.entries((formData ?? {}) as Obj)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      // A group (a report's staffAbsencePercent) without its empty leftovers; a group left wholly empty is not sent.
      const inner = cleanAnswer(value);
      if (Object.keys(inner).length > 0) out[key] = inner;
      continue;
    }
    out[key] = value;
  }
  return out;
}

export const answerValidator: ValidatorType = {
  validateFormData(formData, schema, customValidate, transformErrors, uiSchema): ValidationData<unknown> {
    const found = answerErrors(schema as AnswerSchema, cleanAnswer(formData));
    let errors: RJSFValidationError[] = found.map((e) => ({
      property: e.property ? `.${e.property}` : '',
      message: e.message,
      stack: e.message,
      name: 'answer',
    }));
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema: ErrorSchema = {};
    for (const e of errors) {
      // `.staffAbsencePercent.nurses` → errorSchema.staffAbsencePercent.nurses.__errors
      let node = errorSchema as Obj;
      for (const part of (e.property ?? '').split('.').filter(Boolean)) node = (node[part] ??= {}) as Obj;
      ((node.__errors ??= []) as string[]).push(e.message ?? '');
    }
    void customValidate;
    return { errors, errorSchema };
  },
  isValid(schema: RJSFSchema, formData: unknown) {
    try {
      return answerProblem(schema as AnswerSchema, formData, '') === null;
    } catch {
      return false;
    }
  },
  rawValidation(schema: RJSFSchema, formData?: unknown) {
    const problem = answerProblem(schema as AnswerSchema, formData, 'decision');
    return problem ? { errors: [{ message: problem }] as never[] } : {};
  },
};
