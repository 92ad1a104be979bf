import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';

/** The one place where domain error codes become HTTP status codes. */
const STATUS: Record<DomainErrorCode, HttpStatus> = {
  [DomainErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [DomainErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [DomainErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.InvalidInput]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.Conflict]: HttpStatus.CONFLICT,
  [DomainErrorCode.IdempotencyKeyReused]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.RefusedByWorkflow]: HttpStatus.CONFLICT,
  [DomainErrorCode.InvalidDecision]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.UnknownOrganisation]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.DependencyUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [DomainErrorCode.EncryptionKeyMissing]: HttpStatus.SERVICE_UNAVAILABLE,
};

export function statusOfDomainError(error: DomainError): HttpStatus {
  return STATUS[error.code] ?? HttpStatus.INTERNAL_SERVER_ERROR;
}

/** Codes that say "away for now": answered with Retry-After (no worker answered in time, Temporal not reachable). */
const RETRY_LATER: ReadonlySet<DomainErrorCode> = new Set([DomainErrorCode.DependencyUnavailable]);

@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('DomainError');

  /** `retryAfterSeconds`: HTTP_RETRY_AFTER_SECONDS. */
  constructor(private readonly retryAfterSeconds = 5) {}

  catch(error: DomainError, host: ArgumentsHost): void {
    const status = statusOfDomainError(error);
    if (status >= 500) this.logger.warn(`${error.code}: ${error.message}`);
    const res = host.switchToHttp().getResponse<Response>();
    if (RETRY_LATER.has(error.code)) res.setHeader('Retry-After', String(this.retryAfterSeconds));
    res
      .status(status)
      .json({ statusCode: status, code: error.code, message: error.message, ...(error.details ?? {}) });
  }
}
