import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerOptions } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { AppConfig } from '../../config/src/app-config';

/**
 * Personal identity numbers, names and credentials must never reach a log line. Bodies are not logged at
 * all; these paths catch them if some code logs an object that carries them.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.personnummer',
  '*.patient',
  '*.subject',
  '*.apiKey',
  'personnummer',
  'patient',
  'subject',
];

export function pinoOptions(config: AppConfig, name: string): LoggerOptions {
  return {
    name,
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** HTTP request logging: one request id per request, taken from X-Request-Id when sane, echoed back. */
export function pinoHttpOptions(config: AppConfig): PinoHttpOptions {
  return {
    ...pinoOptions(config, 'api'),
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: (req: IncomingMessage) => ({ requestId: (req as IncomingMessage & { id?: string }).id }),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
  };
}
