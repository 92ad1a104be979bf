import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidPersonnummer } from '../../../../libs/domain/src/personnummer';
import { isCalendarDate } from '../../../../libs/domain/src/time/stockholm';

/** `needs.municipal.0 must be one of …`: every message names the field by its full path. */
function flatten(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => ({
      field,
      message: m.startsWith(e.property) ? `${field}${m.slice(e.property.length)}` : `${field}: ${m}`,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Bodies and queries are validated at the edge: unknown fields are refused, types converted explicitly. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new BadRequestException({
        statusCode: 400,
        code: 'INVALID_INPUT',
        message: problems.map((p) => p.message).join('; '),
        field: problems[0]?.field,
        fields: problems,
      });
    },
  });
}

/** A Swedish personnummer or samordningsnummer; the document's `format: personnummer` stands for the check digit. */
export function IsPersonnummer(options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    ApiProperty({ type: String, format: 'personnummer', pattern: '^(\\d{2})?\\d{6}[-+]?\\d{4}$' })(object, propertyName);
    registerDecorator({
      name: 'isPersonnummer',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a valid personnummer (YYYYMMDD-NNNN, check digit included)`, ...options },
      validator: { validate: (value: unknown) => isValidPersonnummer(value) },
    });
  };
}

/**
 * The OpenAPI format of a field these validators check, so the document says what the validator enforces. Put the
 * validator below the field's @ApiProperty (decorators apply bottom-up): that one's options are merged over this.
 */
const documentedFormat = (format: 'date' | 'date-time') => ApiProperty({ type: String, format });

export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    documentedFormat('date')(object, propertyName);
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date in the form YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
  };
}

/** An ISO 8601 instant with an explicit offset, e.g. 2026-11-23T08:15:00+01:00. */
export function IsInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    documentedFormat('date-time')(object, propertyName);
    registerDecorator({
      name: 'isInstant',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO 8601 date-time with a time zone offset`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
          !Number.isNaN(Date.parse(value)),
      },
    });
  };
}
