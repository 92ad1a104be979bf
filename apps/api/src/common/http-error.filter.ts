import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';

/** The one error body of the API (DomainErrorFilter answers domain errors in the same shape). */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  fields?: { field: string; message: string }[];
  [detail: string]: unknown;
}

/** Codes of framework errors by status; any other status gets its reason phrase in UPPER_SNAKE (e.g. PAYLOAD_TOO_LARGE). */
const CODE_OF_STATUS: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'INVALID_INPUT',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'DEPENDENCY_UNAVAILABLE',
};

const UPPER_SNAKE = /^[A-Z][A-Z0-9_]*$/;
const INTERNAL = 'an internal error occurred; quote the X-Request-Id header when you report it';

export function codeOfStatus(status: number): string {
  if (CODE_OF_STATUS[status]) return CODE_OF_STATUS[status];
  if (status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE) return 'INTERNAL_ERROR';
  return (STATUS_CODES[status] ?? 'Error').toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** Nest's and libraries' HttpExceptions (route misses, body-parser, pipes, the throttler, terminus) in the one shape. */
export function errorBodyOf(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const given: Record<string, unknown> = typeof response === 'object' && response !== null ? { ...response } : { message: response };
  const { statusCode: _status, error, message, code, ...details } = given;

  let text = typeof message === 'string' ? message : Array.isArray(message) ? message.join('; ') : undefined;
  // terminus's readiness answer: `error` holds the parts that are down (all of them are in `details` too).
  if (text === undefined && error && typeof error === 'object') text = `not ready: ${Object.keys(error).join(', ')} down`;
  if (status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE) text = INTERNAL;
  return {
    statusCode: status,
    code: typeof code === 'string' && UPPER_SNAKE.test(code) ? code : codeOfStatus(status),
    message: text ?? STATUS_CODES[status] ?? 'error',
    ...details,
  };
}

/** The stack's frames only: an error's message may carry data (a SQL error repeats its parameters). */
function framesOf(err: unknown): string | undefined {
  const stack = err instanceof Error ? err.stack : undefined;
  return stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
}

/**
 * Everything that is not a DomainError (DomainErrorFilter maps those): HttpExceptions into the one error shape,
 * anything else into a 500 INTERNAL_ERROR that tells nothing of the inside. 5xx are logged with the route, the
 * error's class and code and its stack frames, never its message or the request's data.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request & { id?: unknown }>();
    const body: ErrorBody =
      exception instanceof HttpException
        ? errorBodyOf(exception)
        : { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: INTERNAL };

    if (body.statusCode >= 500) {
      const name = exception instanceof Error ? exception.constructor.name : typeof exception;
      const code = (exception as { code?: unknown } | null)?.code;
      const where = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? '(no route)'}`;
      const what = `${where} answered ${body.statusCode} ${body.code}: ${name}${typeof code === 'string' ? ` ${code}` : ''}`;
      const line = `${what}${req.id === undefined ? '' : ` (request ${String(req.id)})`}`;
      if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) this.logger.warn(line);
      else this.logger.error(line, framesOf(exception));
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(body.statusCode).json(body);
  }
}
