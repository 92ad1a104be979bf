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
  const least = /must be at least (\d+)$/.exec(problem);
  if (least) return `Minst ${least[1]}.`;
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

/** Each top-level field checked on its own, so every field at fault gets its message (answerProblem stops at the first). */
export function answerErrors(schema: AnswerSchema, formData: unknown): { property: string; message: string }[] {
  if (schema.type !== 'object') {
    const problem = answerProblem(schema, formData, '');
    return problem ? [{ property: '', message: swedishProblem(problem) }] : [];
  }
  const data = (formData && typeof formData === 'object' ? formData : {}) as Obj;
  const errors: { property: string; message: string }[] = [];
  for (const [key, fieldSchema] of Object.entries(schema.properties)) {
    const value = data[key];
    if (value === undefined) {
      if (schema.required?.includes(key)) errors.push({ property: key, message: fieldSchema.type === 'boolean' ? swedishProblem('must be true') : 'Fyll i fältet.' });
      continue;
    }
    if (isOreField(key, fieldSchema)) {
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
      const key = (e.property ?? '').replace(/^\./, '');
      const node = (key ? ((errorSchema as Obj)[key] ??= {}) : errorSchema) as { __errors?: string[] };
      (node.__errors ??= []).push(e.message ?? '');
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
