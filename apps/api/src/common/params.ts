import { ParseUUIDPipe, PipeTransform } from '@nestjs/common';
import { invalidInput, ORGANISATION_CODE } from './validation';

/** A path id that must be a UUID, with a 400 that names the parameter. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => invalidInput([{ field: name, message: `${name} must be a UUID` }]) });

/** A path parameter that must be an organisation (or area) code, with a 400 that names the parameter. */
export const codeParam = (name: string): PipeTransform<unknown, string> => ({
  transform(value: unknown): string {
    if (typeof value === 'string' && value.length <= ORGANISATION_CODE.max && ORGANISATION_CODE.pattern.test(value)) return value;
    throw invalidInput([{ field: name, message: `${name} must be ${ORGANISATION_CODE.what}` }]);
  },
});

