import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

/** A path id that must be a UUID, with a 400 that names the parameter. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException({ statusCode: 400, code: 'INVALID_INPUT', message: `${name} must be a UUID`, field: name }) });

/** Documents a path id checked by `uuidParam`. */
export const ApiUuidParam = (name: string) => ApiParam({ name, type: String, format: 'uuid' });
