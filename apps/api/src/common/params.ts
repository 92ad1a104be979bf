import { ParseIntPipe, ParseUUIDPipe, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { codeProblem, isEchoableName, ORGANISATION_CODE } from '../../../../libs/domain/src/text';
import { invalidInput } from './validation';

/** A path id that must be a UUID, with a 400 that names the parameter. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => invalidInput([{ field: name, message: `${name} must be a UUID` }]) });

/** A path year that must be a whole number, with a 400 that names the parameter (its range is the service's rule). */
export const yearParam = () => new ParseIntPipe({ exceptionFactory: () => invalidInput([{ field: 'year', message: 'year must be a whole number' }]) });

/** Documents a path id checked by `uuidParam`. */
export const ApiUuidParam = (name: string) => ApiParam({ name, type: String, format: 'uuid' });

/** Documents a path code checked by `codeParam`. */
export const ApiCodeParam = (name: string, example: string, description?: string) =>
  ApiParam({ name, schema: { type: 'string', pattern: ORGANISATION_CODE.pattern.source, maxLength: ORGANISATION_CODE.max }, example, description });

/** A path parameter that must be an organisation (or area) code, with a 400 that names the parameter. */
export const codeParam = (name: string): PipeTransform<unknown, string> => ({
  transform(value: unknown): string {
    const problem = codeProblem(value, ORGANISATION_CODE);
    if (problem === null) return value as string;
    throw invalidInput([{ field: name, message: `${name} ${problem}` }]);
  },
});

/**
 * The query of a list that takes no parameters (it is not paginated): any parameter, a `cursor` or a filter,
 * is a 400 naming it instead of being ignored. A name that is not short printable ASCII is not echoed back.
 */
export const noQueryParameters: PipeTransform<unknown, undefined> = {
  transform(query: unknown): undefined {
    const names = query && typeof query === 'object' ? Object.keys(query) : [];
    if (names.length === 0) return undefined;
    throw invalidInput(
      names.map((name) =>
        isEchoableName(name)
          ? { field: name, message: `${name} is not a parameter of this list` }
          : { field: 'query', message: 'query has a parameter this list does not take' },
      ),
    );
  },
};
