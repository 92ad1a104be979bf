import { Writable } from 'node:stream';
import pino from 'pino';
import { NEST_STARTUP_CONTEXTS, pinoOptions, prettyLogs, prettyMessage, prettyStream } from './logger-options';
import { NestPinoLogger } from './nest-pino-logger';
import type { AppConfig } from '../../config/src/app-config';

const config = { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' } as AppConfig;

/** The lines a logger built like the apps' writes, through pino-pretty as LOG_FORMAT=pretty does (no colours). */
function prettyLines(write: (log: pino.Logger) => void): string[] {
  let out = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const stream = prettyStream({ colorize: false, destination: sink });
  write(pino(pinoOptions(config, 'worker'), stream));
  return out.split('\n').filter(Boolean);
}

describe('log format', () => {
  it('is pretty on a terminal and JSON in a pipe or file when left at auto', () => {
    expect(prettyLogs({ LOG_FORMAT: 'auto' }, { isTTY: true })).toBe(true);
    expect(prettyLogs({ LOG_FORMAT: 'auto' }, { isTTY: false })).toBe(false);
    expect(prettyLogs({ LOG_FORMAT: 'auto' }, {})).toBe(false);
    expect(prettyLogs({ LOG_FORMAT: 'json' }, { isTTY: true })).toBe(false);
    expect(prettyLogs({ LOG_FORMAT: 'pretty' }, { isTTY: false })).toBe(true);
  });

  it('prints one short line per record, with the process and its fields, and keeps redaction', () => {
    const lines = prettyLines((log) => {
      log.info({ taskQueue: 'vardflode-cases' }, 'worker polling');
      log.warn({ context: 'Migrations' }, 'applied 2 migrations');
      log.info({ personnummer: '191212121212' }, 'something about a person');
    });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[\d{2}:\d{2}:\d{2}\] INFO: worker: worker polling \{"taskQueue":"vardflode-cases"\}$/);
    expect(lines[1]).toMatch(/WARN: worker: \[Migrations\] applied 2 migrations$/);
    expect(lines[2]).toContain('"personnummer":"[redacted]"');
    expect(lines.join('\n')).not.toContain('191212121212');
  });

  it('shows a request as method, path, status and time', () => {
    expect(prettyMessage({ name: 'api', req: { method: 'POST', url: '/tasks/t1/complete' }, res: { statusCode: 200 }, responseTime: 41 }, 'msg')).toBe(
      'api: POST /tasks/t1/complete → 200 in 41 ms',
    );
  });

  it("puts Nest's start-up chatter (a line per module and route) at debug, and the rest at info", () => {
    const seen: Array<[string, string]> = [];
    const fake = {
      info: (_o: unknown, m: string) => seen.push(['info', m]),
      debug: (_o: unknown, m: string) => seen.push(['debug', m]),
    } as unknown as pino.Logger;
    const logger = new NestPinoLogger(fake);
    logger.log('Mapped {/cases, GET} route', 'RouterExplorer');
    logger.log('AppConfigModule dependencies initialized', 'InstanceLoader');
    logger.log('applied 1 migration', 'Migrations');
    expect(seen).toEqual([
      ['debug', 'Mapped {/cases, GET} route'],
      ['debug', 'AppConfigModule dependencies initialized'],
      ['info', 'applied 1 migration'],
    ]);
    expect(NEST_STARTUP_CONTEXTS.has('RoutesResolver')).toBe(true);
  });
});
