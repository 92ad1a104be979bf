import { applyDecorators, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { answerValueProblem } from '../../../../libs/contracts/src/answer-schema';
import { isValidPersonnummer } from '../../../../libs/domain/src/personnummer';
import { CodeFormat, codeProblem, MUNICIPALITY_CODE, ORGANISATION_CODE, TextKind, textPattern, textProblem } from '../../../../libs/domain/src/text';
import { hasPlausibleYear, isCalendarDate, isInstant, PLAUSIBLE_YEARS } from '../../../../libs/domain/src/time/stockholm';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * `needs.municipal.0 must be one of …`: every message names the field by its full path. A validator that looks
 * inside its value (a task's `decision`) names the path within it first in its message (`decision.comment must …`),
 * and that path is the field.
 */
function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => {
      const inner = /^(\S+) /.exec(m)?.[1];
      if (inner?.startsWith(`${e.property}.`)) return { field: `${parent ? `${parent}.` : ''}${inner}`, message: `${parent ? `${parent}.` : ''}${m}` };
      return { field, message: m.startsWith(e.property) ? `${field}${m.slice(e.property.length)}` : `${field}: ${m}` };
    });
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The agreed error body of a refused request: the first field at fault in `field`, all of them in `fields`. */
export function invalidInput(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    code: 'INVALID_INPUT',
    message: problems.map((p) => p.message).join('; '),
    ...(problems[0] ? { field: problems[0].field } : {}),
    fields: problems,
  });
}

/**
 * Bodies and queries are validated at the edge: unknown fields are refused at any depth, types converted
 * explicitly. (Prototype keys such as `__proto__` and `constructor`, which class-transformer drops before the
 * whitelist sees them, are refused while the body is parsed: strict-json.ts.)
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidInput(flatten(errors)),
  });
}

/**
 * A class-validator constraint whose message is the first problem `problem` finds, computed from the value and
 * starting with the property's name (or a path within it, e.g. `decision.comment`).
 */
function constraint(name: string, problem: (value: unknown, property: string) => string | null, options?: ValidationOptions): PropertyDecorator {
  return (object: object, key: string | symbol) => {
    const propertyName = String(key);
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message: (args: ValidationArguments) => problem(args.value, args.property) ?? `${args.property} is invalid`, ...options },
      validator: { validate: (value: unknown, args?: ValidationArguments) => problem(value, args?.property ?? propertyName) === null },
    });
  };
}

/** `problem` of a value as `<property> <problem>`. */
const named = (problem: (value: unknown) => string | null) => (value: unknown, property: string) => {
  const found = problem(value);
  return found === null ? null : `${property} ${found}`;
};

export interface TextOptions {
  /** The documented maximum length (also in the OpenAPI as maxLength). */
  max: number;
  /** Default 1; a required text is never blank. */
  min?: number;
}

function textField(kind: TextKind, name: string, { max, min = 1 }: TextOptions, options?: ValidationOptions) {
  return applyDecorators(
    ApiProperty({ maxLength: max, minLength: min, pattern: textPattern(kind, min) }),
    constraint(name, named((value) => textProblem(value, { kind, max, min })), options),
  );
}

/**
 * A name, code or reference: no control characters, no bidi formatting characters, no lone surrogates, not
 * blank, at most `max` characters (libs/domain/src/text.ts).
 */
export const IsPlainText = (text: TextOptions, options?: ValidationOptions) => textField('plain', 'isPlainText', text, options);

/** A reason, comment or description: as IsPlainText, but tab, newline and right-to-left formatting are allowed. */
export const IsFreeText = (text: TextOptions, options?: ValidationOptions) => textField('free', 'isFreeText', text, options);

/**
 * A code of a fixed alphabet (an organisation code, a municipality's four digits): `pattern` must admit no
 * control or formatting character, and bound the length to `max`. `what` reads after "must be".
 */
export function IsCode(code: CodeFormat, options?: ValidationOptions) {
  return applyDecorators(
    ApiProperty({ pattern: code.pattern.source, maxLength: code.max }),
    constraint('isCode', named((value) => codeProblem(value, code)), options),
  );
}

export { MUNICIPALITY_CODE, ORGANISATION_CODE };

/** A Swedish personnummer or samordningsnummer; the document's `format: personnummer` stands for the check digit. */
export function IsPersonnummer(options?: ValidationOptions) {
  return applyDecorators(
    ApiProperty({ format: 'personnummer', maxLength: 13, pattern: '^(\\d{2})?\\d{6}[-+]?\\d{4}$' }),
    constraint('isPersonnummer', (value, property) => (isValidPersonnummer(value) ? null : `${property} must be a valid personnummer (YYYYMMDD-NNNN, check digit included)`), options),
  );
}

const YEARS = `${PLAUSIBLE_YEARS.from}–${PLAUSIBLE_YEARS.to}`;

/** The years PLAUSIBLE_YEARS as the start of a pattern, e.g. ^(19\\d{2}|20\\d{2}|2100)-, so the document states them. */
function plausibleYearPattern({ from, to }: { from: number; to: number }): string {
  const years: string[] = [];
  for (let year = from; year <= to; ) {
    if (year % 100 === 0 && year + 99 <= to) {
      years.push(`${year / 100}\\d{2}`);
      year += 100;
    } else years.push(String(year++));
  }
  return `^(${years.join('|')})-`;
}
const PLAUSIBLE_YEAR_PATTERN = plausibleYearPattern(PLAUSIBLE_YEARS);

/** A real calendar date (no 2027-02-30) in the years PLAUSIBLE_YEARS. */
export function IsCalendarDate(options?: ValidationOptions) {
  return applyDecorators(
    ApiProperty({ format: 'date', pattern: PLAUSIBLE_YEAR_PATTERN, description: `A calendar date YYYY-MM-DD in the years ${YEARS}.` }),
    constraint(
      'isCalendarDate',
      named((value) => (!isCalendarDate(value) ? 'must be a date in the form YYYY-MM-DD' : !hasPlausibleYear(value) ? `must be a date in the years ${YEARS}` : null)),
      options,
    ),
  );
}

/**
 * An ISO 8601 instant with a time zone offset, e.g. 2026-11-23T08:15:00+01:00: a real calendar date, hours
 * 00–23, minutes and seconds 00–59, an offset within ±23:59, and a year in PLAUSIBLE_YEARS.
 */
export function IsInstant(options?: ValidationOptions) {
  return applyDecorators(
    ApiProperty({ format: 'date-time', pattern: PLAUSIBLE_YEAR_PATTERN, description: `An instant with its offset, in the years ${YEARS}.` }),
    constraint(
      'isInstant',
      named((value) =>
        !isInstant(value)
          ? 'must be an ISO 8601 date-time with a time zone offset (a real date, hours 00-23)'
          : !hasPlausibleYear(value)
            ? `must be a date-time in the years ${YEARS}`
            : null,
      ),
      options,
    ),
  );
}

/**
 * A task's answer, before its task's schema is looked up (the workflow checks that): an object of plain keys,
 * shallow and bounded, its strings free text. A 400 names the path within it, e.g. `decision.comment`.
 */
export function IsAnswer(options?: ValidationOptions) {
  return constraint(
    'isAnswer',
    (value, property) =>
      typeof value !== 'object' || value === null || Array.isArray(value) ? `${property} must be an object` : answerValueProblem(value, property),
    options,
  );
}
