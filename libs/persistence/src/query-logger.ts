import type { Logger as TypeOrmLogger } from 'typeorm';
import { sqlStateOf } from './sql-errors';

/** Where the database's log lines go (a pino logger in the API and the worker; console elsewhere). */
export interface LogSink {
  error(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
}

const consoleSink: LogSink = {
  error: (obj, msg) => console.error(JSON.stringify({ level: 'error', name: 'database', msg, ...obj })),
  warn: (obj, msg) => console.warn(JSON.stringify({ level: 'warn', name: 'database', msg, ...obj })),
  info: () => undefined,
};

/**
 * TypeORM's own loggers print a failed query's parameters, and those are a case's data: a personnummer, a name.
 * This one says which statement failed and PostgreSQL's SQLSTATE, never the parameters or the driver's message
 * (which may quote a value).
 */
export class QueryLogger implements TypeOrmLogger {
  constructor(private readonly sink: LogSink = consoleSink) {}

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.sink.error({ sqlState: sqlStateOf(error) ?? null, statement: statementOf(query) }, 'a database statement failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.sink.warn({ ms: time, statement: statementOf(query) }, 'a slow database statement');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.sink.info({}, message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.sink.warn({}, String(message));
  }
}

/** The statement's kind and table (`INSERT INTO "cases"`), not its text: the text is long and says little more. */
function statementOf(query: string): string {
  const m = /^\s*(INSERT INTO|UPDATE|DELETE FROM|SELECT|WITH)\b[^"]*("[^"]+")?/i.exec(query);
  return m ? `${m[1].toUpperCase()}${m[2] ? ` ${m[2]}` : ''}` : query.slice(0, 40);
}
