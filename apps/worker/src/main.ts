// First: tracing patches http and pg only if it starts before they are required.
import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, LogLevel, NativeConnection, Runtime } from '@temporalio/worker';
import pino from 'pino';
import { activitiesFrom } from '../../../activities/activities.module';
import { AppConfig, ConfigError, loadAppConfig } from '../../../libs/config/src/app-config';
import { logDestination, pinoOptions } from '../../../libs/logging/src/logger-options';
import { temporalConnectionSettings } from '../../../libs/temporal/src/connection-options';
import { NestPinoLogger } from '../../../libs/logging/src/nest-pino-logger';
import { Client } from '@temporalio/client';
import { KEY_RING } from '../../../libs/crypto/src/crypto.module';
import type { KeyRing } from '../../../libs/crypto/src/key-ring';
import { vardflodeDataConverter } from '../../../libs/crypto/src/payload-codec';
import { createCaseWorker } from './case-worker';
import { CaseProblemsRepository } from '../../../libs/persistence/src/operations/case-problems.repository';
import { ensurePatientDataErasureSchedule } from './erasure-schedule';
import { ensureSituationRoundSchedule } from './situation-round-schedule';
import { WorkerModule } from './worker.module';
import { workerTelemetry } from './worker-metrics';
import { activeTracing } from '../../../libs/telemetry/src/tracing';

// The SDK's info lines (worker state changes, no Nexus services) are for debugging: at `info` only its warnings show.
const TEMPORAL_LEVEL: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'WARN', warn: 'WARN' };

async function connectWithRetry(config: AppConfig, log: pino.Logger): Promise<NativeConnection> {
  const settings = temporalConnectionSettings(config);
  for (let attempt = 1; ; attempt++) {
    try {
      return await NativeConnection.connect(settings);
    } catch (err) {
      if (attempt >= 30) throw err;
      log.warn({ attempt, address: settings.address, err: (err as Error).message }, 'Temporal not reachable yet; retrying');
      await new Promise((r) => setTimeout(r, Math.min(1000 * attempt, 5000)));
    }
  }
}

async function main(): Promise<void> {
  const config = loadAppConfig();
  const destination = logDestination(config);
  const log = destination ? pino(pinoOptions(config, 'worker'), destination) : pino(pinoOptions(config, 'worker'));
  // Temporal's own log lines go through the same JSON logger; its metrics (and ours) to WORKER_METRICS_ADDRESS.
  try {
    Runtime.install({
      logger: new DefaultLogger(TEMPORAL_LEVEL[config.LOG_LEVEL] ?? 'WARN', (entry) => {
        const level = entry.level.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
        log[level]({ ...entry.meta, source: 'temporal' }, entry.message);
      }),
      telemetryOptions: workerTelemetry(config),
    });
  } catch (err) {
    if (!config.workerMetricsAddress) throw err;
    throw new ConfigError('WORKER_METRICS_ADDRESS', `${config.WORKER_METRICS_ADDRESS} cannot be served (${(err as Error).message}): set a free host:port, or off`, { cause: err });
  }
  // npm start's banner says where; at debug, so that the start stays a few lines.
  if (config.workerMetricsAddress) log.debug({ metrics: `http://${config.WORKER_METRICS_ADDRESS}/metrics` }, 'Temporal SDK metrics served');

  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new NestPinoLogger(log),
  });
  const connection = await connectWithRetry(config, log);
  const keyRing = ctx.get<string, KeyRing>(KEY_RING);
  const worker = await createCaseWorker({ connection, config, activities: activitiesFrom(ctx), keyRing, problems: ctx.get(CaseProblemsRepository) });
  const schedules = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: vardflodeDataConverter(keyRing) });
  const scheduleId = await ensurePatientDataErasureSchedule(schedules, config);
  log.debug({ scheduleId, every: config.PATIENT_DATA_ERASURE_INTERVAL }, 'patient-data erasure scheduled');
  const roundSchedule = await ensureSituationRoundSchedule(schedules, config);
  log.debug({ scheduleId: roundSchedule, cron: config.SITUATION_REPORT_SCHEDULE }, roundSchedule ? 'situation-report rounds scheduled' : 'situation-report rounds not scheduled');
  // One line says the worker is up, with what it keeps on schedule.
  log.info(
    {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      namespace: config.TEMPORAL_NAMESPACE,
      erasureEvery: config.PATIENT_DATA_ERASURE_INTERVAL,
      situationRounds: roundSchedule ? config.SITUATION_REPORT_SCHEDULE : 'off',
    },
    'worker polling',
  );

  // The parent launcher going away (e.g. killed) must not leave this process behind.
  process.on('disconnect', () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  });

  // Runtime handles SIGINT/SIGTERM: the worker stops polling and finishes its in-flight tasks.
  await worker.run();
  log.info('worker stopped');
  await ctx.close();
  await connection.close();
  await activeTracing()?.shutdown(); // the last batch of spans
  // The launcher's IPC channel would otherwise keep this process alive after a clean stop.
  process.exit(0);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('worker failed:', err);
  }
  process.exit(1);
});
