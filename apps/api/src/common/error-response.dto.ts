import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'needs.municipal.0', description: 'Full path of the field: body fields dotted, or a header or query parameter by name.' })
  field: string;

  @ApiProperty({ example: 'needs.municipal.0 must be one of the following values: home_care, …' })
  message: string;
}

/**
 * The one error body of every 4xx and 5xx the API answers. Keys a domain error carries besides these (e.g.
 * `claimedBy`, `missingSteps`, `reason`) stay as extra top-level keys.
 */
export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400, description: 'The HTTP status again.' })
  statusCode: number;

  @ApiProperty({ pattern: '^[A-Z][A-Z0-9_]*$', example: 'INVALID_INPUT', description: 'What went wrong, as a stable UPPER_SNAKE code.' })
  code: string;

  @ApiProperty({ example: 'patientName must not contain control characters' })
  message: string;

  @ApiPropertyOptional({ example: 'patientName', description: 'The field at fault, when one is (the first of several).' })
  field?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Every field validation found at fault.' })
  fields?: FieldErrorDto[];
}

/** Error statuses the API answers, with what each means here. */
const ERROR_STATUSES = {
  400: 'Invalid input (body, path, query or header); `field` names it and nothing is written',
  401: 'No valid bearer token',
  403: "The caller's organisation is not active, or the caller lacks the role or the right to do this",
  404: 'Not found, or not visible to the caller (a case its organisation is not party to)',
  409: "The resource's state does not allow this (e.g. already done, claimed by someone else, refused by the case)",
  413: 'The body is larger than the configured limit',
  415: 'The body is not application/json',
  422: 'Understood but refused as given (an answer the case cannot accept, an unknown organisation, a reused Idempotency-Key)',
  429: 'Too many requests: wait for Retry-After seconds',
  503: 'A dependency is away (`DEPENDENCY_UNAVAILABLE`, with a `Retry-After` header in seconds): Temporal or PostgreSQL is not reachable, or no worker carried out the case step in time (none polling, or one restarting); try again after Retry-After with the same request (and Idempotency-Key), which is carried out once. Or (`ENCRYPTION_KEY_MISSING`, naming `keyId`) the case\'s data is sealed with a key no longer in the key ring',
} as const;
export type ErrorStatus = keyof typeof ERROR_STATUSES;

/** Documents error responses, all in the one error shape. */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: ERROR_STATUSES[status], type: ErrorResponseDto })));
}

/** A controller whose routes need a bearer token: what any of them may answer before its own logic runs. */
export function ApiAuthenticated(): ClassDecorator {
  return applyDecorators(ApiBearerAuth(), ApiErrors(401, 403, 429));
}

/** What any route that takes a JSON body may answer before its own logic runs. */
export const ApiJsonBodyErrors = (): MethodDecorator => ApiErrors(400, 413, 415);
