import type { LoggerService } from '@nestjs/common';
import { NEST_STARTUP_CONTEXTS } from '../../../../libs/logging/src/logger-options';

/** The API's Nest logger (nestjs-pino), with Nest's start-up chatter (a line per module and route) at debug. */
export class QuietStartupLogger implements LoggerService {
  constructor(private readonly inner: LoggerService & { debug(message: unknown, ...optionalParams: unknown[]): void }) {}

  log(message: unknown, ...optionalParams: unknown[]) {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && NEST_STARTUP_CONTEXTS.has(context)) this.inner.debug(message, ...optionalParams);
    else this.inner.log(message, ...optionalParams);
  }
  error(message: unknown, ...optionalParams: unknown[]) {
    this.inner.error(message, ...optionalParams);
  }
  warn(message: unknown, ...optionalParams: unknown[]) {
    this.inner.warn(message, ...optionalParams);
  }
  debug(message: unknown, ...optionalParams: unknown[]) {
    this.inner.debug(message, ...optionalParams);
  }
  verbose(message: unknown, ...optionalParams: unknown[]) {
    this.inner.verbose?.(message, ...optionalParams);
  }
  fatal(message: unknown, ...optionalParams: unknown[]) {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...optionalParams);
  }
}
