import { BadRequestException, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

/** A path id that must be a UUID, with a 400 that names the parameter. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException({ statusCode: 400, code: 'INVALID_INPUT', message: `${name} must be a UUID`, field: name }) });

/** A path year that must be a whole number, with a 400 that names the parameter (its range is the service's rule). */
export const yearParam = () =>
  new ParseIntPipe({ exceptionFactory: () => new BadRequestException({ statusCode: 400, code: 'INVALID_INPUT', message: 'year must be a whole number', field: 'year' }) });

/** Documents a path id checked by `uuidParam`. */
export const ApiUuidParam = (name: string) => ApiParam({ name, type: String, format: 'uuid' });
