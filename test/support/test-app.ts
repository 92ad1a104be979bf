/**
 * Per-test-file pieces on the shared servers: a fresh database, a task queue of its own, the real worker
 * (Nest context + Temporal worker, as in production) and the real API application.
 */
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { activitiesFrom, AllActivities } from '../../activities/activities.module';
import { signDevToken } from '../../libs/auth/src/dev-issuer';
import type { Role } from '../../libs/auth/src/principal';
import { createApiApplication } from '../../apps/api/src/bootstrap';
import { createCaseWorker } from '../../apps/worker/src/case-worker';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { CaseProblemsRepository } from '../../libs/persistence/src/operations/case-problems.repository';
import { AppConfig, loadAppConfig } from '../../libs/config/src/app-config';
import { ensureDatabase } from '../../infra/postgres/embedded-postgres';
import { KEY_RING } from '../../libs/crypto/src/crypto.module';
import { KeyRing } from '../../libs/crypto/src/key-ring';
import { loadKeyRing } from '../../libs/crypto/src/key-source';
import { vardflodeDataConverter } from '../../libs/crypto/src/payload-codec';
import { TEST_ENV } from './test-stack-env';
import type { DischargeHandoverInput } from '../../libs/contracts/src/discharge-handover.contract';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the integration tests through jest's integration project`);
  return value;
}

/** A configuration pointing at a brand-new database and a task queue no other test file uses. */
export async function testConfig(overrides: Record<string, string> = {}): Promise<AppConfig> {
  const suffix = randomBytes(5).toString('hex');
  const adminUrl = required(TEST_ENV.postgresAdminUrl);
  const database = `test_${suffix}`;
  await ensureDatabase(adminUrl, database);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return loadAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: url.toString(),
    TEMPORAL_ADDRESS: required(TEST_ENV.temporalAddress),
    TEMPORAL_TASK_QUEUE: `test-${suffix}`,
    // The dev token issuer keeps its key here; each test file has its own.
    DATA_DIR: mkdtempSync(join(tmpdir(), 'vardflode-test-data-')),
    // Tests make many requests from one token and one IP: no rate limit unless a test sets one.
    RATE_LIMIT_PER_TOKEN_PER_MINUTE: '10000000',
    RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
    ...overrides,
  });
}

export interface TestWorker {
  worker: Worker;
  stop(): Promise<void>;
}

/** `wrapActivities` lets a test inject faults around the real activities (e.g. fail once after booking). */
export async function startTestWorker(config: AppConfig, wrapActivities?: (a: AllActivities) => AllActivities): Promise<TestWorker> {
  const ctx: INestApplicationContext = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  // The configured server: the shared one unless a test runs a Temporal of its own (the codec's browser test).
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS ?? required(TEST_ENV.temporalAddress) });
  const worker = await createCaseWorker({
    connection,
    config,
    activities: (wrapActivities ?? ((a: AllActivities) => a))(activitiesFrom(ctx)),
    keyRing: ctx.get<string, KeyRing>(KEY_RING),
    problems: ctx.get(CaseProblemsRepository),
    workflowBundlePath: required(TEST_ENV.workflowBundle),
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      worker.shutdown();
      await running;
      await ctx.close();
      await connection.close();
    },
  };
}

export async function startTestApi(config: AppConfig, options: { webDir?: string } = {}): Promise<INestApplication> {
  const app = await createApiApplication(config, options);
  await app.init();
  return app;
}

/**
 * A Temporal client for assertions the API does not expose (e.g. a workflow's result), with the data converter of
 * the API and the worker on the configuration's key ring (`raw: true`: none, so a test sees what Temporal stores).
 */
export async function temporalClient(config: AppConfig, options: { raw?: boolean } = {}): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS ?? required(TEST_ENV.temporalAddress) });
  const dataConverter = options.raw ? undefined : vardflodeDataConverter(await loadKeyRing(config));
  return { client: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter }), close: () => connection.close() };
}

/** Direct SQL on the test file's database, to check what the projection really wrote. */
export async function sql<T = Record<string, unknown>>(config: AppConfig, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new PgClient({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A bearer token for a person of `org` with `roles`, as the API's dev issuer would accept it. */
export async function tokenFor(config: AppConfig, org: string, roles: Role[], person = `${org.toLowerCase()}-${roles.join('+')}`) {
  return signDevToken(config.DATA_DIR, { organisationCode: org, roles, personId: person, audience: config.AUTH_AUDIENCE });
}

/** HTTP calls to the test API as one person. */
export interface Caller {
  get(url: string): request.Test;
  post(url: string): request.Test;
  put(url: string): request.Test;
}

export async function callerFor(app: INestApplication, config: AppConfig, org: string, roles: Role[], person?: string): Promise<Caller> {
  const auth = `Bearer ${await tokenFor(config, org, roles, person)}`;
  const agent = request(app.getHttpServer());
  return {
    get: (url) => agent.get(url).set('Authorization', auth),
    post: (url) => agent.post(url).set('Authorization', auth),
    put: (url) => agent.put(url).set('Authorization', auth),
  };
}

/** A task of a case in `caller`'s inbox (of `kind`, or the first due), once the workflow has created it. */
export async function waitForTask(caller: Caller, caseId: string, kind?: string): Promise<{ id: string; kind: string }> {
  for (let i = 0; i < 100; i++) {
    const res = await caller.get(`/tasks?caseId=${caseId}${kind ? `&kind=${kind}` : ''}`).expect(200);
    if (res.body.items.length > 0) return res.body.items[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waited 10 s for a ${kind ?? ''} task of case ${caseId} in the inbox; none came`);
}

export interface TestStack {
  config: AppConfig;
  app: INestApplication;
  worker?: TestWorker;
}

/**
 * The API (and by default a worker) of one describe block, on its own database and task queue, started
 * before its tests and stopped after. Read the fields inside tests (they are set in beforeAll).
 */
export function useTestStack(
  overrides: Record<string, string> = {},
  options: { worker?: boolean; wrapActivities?: (a: AllActivities) => AllActivities } = {},
): TestStack {
  const stack = {} as TestStack;
  beforeAll(async () => {
    stack.config = await testConfig(overrides);
    if (options.worker !== false) stack.worker = await startTestWorker(stack.config, options.wrapActivities);
    stack.app = await startTestApi(stack.config);
  });
  afterAll(async () => {
    await stack.app?.close();
    await stack.worker?.stop();
  });
  return stack;
}

const DAY_MS = 86_400_000;

/**
 * For a describe block that replays stays of fixed past dates (2021–2025, so no test depends on today's date):
 * the API accepts admissions up to 100 years old instead of DISCHARGE_ADMISSION_MAX_AGE_DAYS's default 365.
 */
export const HISTORIC_STAYS = { DISCHARGE_ADMISSION_MAX_AGE_DAYS: '36500' } as const;

/** An inskrivningsmeddelande from Karolinska for Ekerö's Tolvan Tolvansson (Skatteverket's test person). */
export function dischargeNotice(overrides: Record<string, unknown> = {}) {
  return {
    personnummer: '19121212-1212',
    patientName: 'Tolvan Tolvansson',
    municipalityCode: '0125',
    vardcentralCode: 'VC-EKERO',
    admittedAt: new Date(Date.now() - 3_600_000).toISOString(),
    estimatedDischargeDate: new Date(Date.now() + 3 * DAY_MS).toISOString().slice(0, 10),
    careType: 'somatic',
    needs: { municipal: ['home_care'], region: ['primary_care_home_health_care'] },
    ...overrides,
  };
}

/** A mandate like HDIR 20348 (HSF reimburses SLSO, November 2020 to January 2021) under its own reference. */
export function mandateBody(reference: string, overrides: Record<string, unknown> = {}) {
  return { reference, title: 'Testmandat', decidedOn: '2020-11-02', validFrom: '2020-11-02', validTo: '2021-01-31', payerOrg: 'HSF', payeeOrg: 'SLSO', ...overrides };
}

/**
 * A discharge workflow's input as the API builds it, for tests that start a case through Temporal directly (a case
 * in flight on an older type or rules, or data the API's edge would refuse): Tolvan Tolvansson at Karolinska, 2025.
 */
export function dischargeInput(caseId: string, overrides: Partial<DischargeHandoverInput> = {}): DischargeHandoverInput {
  return {
    caseId,
    openedBy: { actor: 'karin.ks', organisationCode: 'KS' },
    hospitalCode: 'KS',
    patient: { personnummer: '191212121212', name: 'Tolvan Tolvansson' },
    municipalityCode: '0125',
    vardcentralCode: 'VC-EKERO',
    admittedAt: '2025-02-25T07:00:00.000Z',
    openedAt: '2025-02-25T08:00:00.000Z',
    estimatedDischargeDate: '2025-03-05',
    careType: 'somatic',
    needs: { municipal: ['home_care'], region: ['primary_care_home_health_care'] },
    policy: { noticeDeadlineHours: 24 },
    ...overrides,
  };
}
