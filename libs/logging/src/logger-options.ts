import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream, LoggerOptions } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import pretty from 'pino-pretty';
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

/** Pretty lines when asked for, or (`auto`) when the output is a terminal a person reads. */
export function prettyLogs(config: Pick<AppConfig, 'LOG_FORMAT'>, stream: { isTTY?: boolean } = process.stdout): boolean {
  return config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && stream.isTTY === true);
}

/** Fields the pretty line already shows in its message, or that only a log collector needs. */
const PRETTY_HIDDEN = 'pid,hostname,name,context,req,res,requestId,responseTime,source,sdkComponent';

interface LogRecord {
  name?: string;
  context?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  [key: string]: unknown;
}

/**
 * One short line per record: `10:35:32 INFO: worker: worker polling {"taskQueue":"vardflode-cases"}`, and a request as
 * `api: POST /tasks/…/complete → 200 in 41 ms`. The same records as the JSON lines: redaction applies before this.
 */
export function prettyMessage(log: LogRecord, messageKey: string): string {
  const who = log.name ? `${log.name}: ` : '';
  if (log.req && log.res) return `${who}${log.req.method} ${log.req.url} → ${log.res.statusCode} in ${log.responseTime} ms`;
  const context = log.context && log.context !== log.name ? `[${log.context}] ` : '';
  return `${who}${context}${String(log[messageKey] ?? '')}`;
}

/** pino-pretty set up for vardflode's lines; `destination` is stdout unless given (tests). */
export function prettyStream(o: { colorize: boolean; destination?: NodeJS.WritableStream }): DestinationStream {
  return pretty({
    colorize: o.colorize,
    translateTime: 'SYS:HH:MM:ss',
    ignore: PRETTY_HIDDEN,
    messageFormat: (log, messageKey) => prettyMessage(log as LogRecord, messageKey),
    singleLine: true,
    // Written before the process goes on (and before process.exit), as pino's own stdout is.
    sync: true,
    ...(o.destination ? { destination: o.destination } : {}),
  });
}

/** Where a process's log lines go: a pino-pretty stream for a person, or undefined (stdout, JSON). */
export function logDestination(config: Pick<AppConfig, 'LOG_FORMAT'>): DestinationStream | undefined {
  return prettyLogs(config) ? prettyStream({ colorize: process.stdout.isTTY === true }) : undefined;
}

/**
 * Nest's own start-up chatter (each module initialised, each route mapped: some 100 lines) is for debugging, not for
 * a person starting the product: these contexts log at `debug` instead of `info`.
 */
export const NEST_STARTUP_CONTEXTS: ReadonlySet<string> = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

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
    // Probes (a load balancer's, the launcher's readiness wait) every few seconds would drown everything else.
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/health/ready' },
  };
}
