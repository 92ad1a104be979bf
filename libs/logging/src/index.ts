export * from './logger-options';
export * from './nest-pino-logger';
