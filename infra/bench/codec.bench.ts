/**
 * `npm run bench:codec`: what the Temporal payload codec (AES-256-GCM on the key ring, issue 13) costs, side by side
 * in one run. It starts an embedded PostgreSQL and a Temporal CLI dev server (in memory) on free ports, then two
 * copies of the real API and worker in this process, each on its own database and task queue: one as shipped (every
 * payload sealed), one whose Temporal client and worker use Temporal's default data converter (no codec). Nothing else
 * differs. Each round runs both sides back to back, alternating which goes first:
 *
 *   1. case start        BENCH_CASES cases through POST /discharge-handovers, BENCH_IN_FLIGHT in flight.
 *   2. task completion   the vårdcentral's acknowledgement of each of those cases through POST /tasks/:id/complete,
 *                        BENCH_IN_FLIGHT in flight.
 *
 * It prints cases/s and completions/s per side and the codec's cost (1 − with/without). Target: under 10 %.
 * Exits 1 when missed, 2 when the bench fails.
 */
import type { INestApplication } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activitiesFrom } from '../../activities/activities.module';
import { createApiApplication } from '../../apps/api/src/bootstrap';
import { createCaseWorker } from '../../apps/worker/src/case-worker';
import { CaseProblemsRepository } from '../../libs/persistence/src/operations/case-problems.repository';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { signDevToken } from '../../libs/auth/src/dev-issuer';
import type { Role } from '../../libs/auth/src/principal';
import { AppConfig, loadAppConfig } from '../../libs/config/src/app-config';
import { KEY_RING } from '../../libs/crypto/src/crypto.module';
import type { KeyRing } from '../../libs/crypto/src/key-ring';
import { TemporalClientHolder } from '../../libs/temporal/src/temporal-client.module';
import { freePort } from '../net/ports';
import { ensureDatabase, startEmbeddedPostgres } from '../postgres/embedded-postgres';
import { startTemporalDevServer } from '../temporal/dev-server';
import { inPool } from './in-pool';
import { resolveTemporalCli } from '../temporal/temporal-cli';
import { NestFactory } from '@nestjs/core';

const CASES = Number(process.env.BENCH_CASES ?? 40);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const TARGET = 0.1;
const log = (line: string) => console.log(`[bench:codec] ${line}`);

interface Side {
  name: 'codec' | 'no codec';
  base: string;
  tokens: Record<'hospital' | 'vardcentral', string>;
  stop(): Promise<void>;
}

async function call(side: Side, who: keyof Side['tokens'], method: string, path: string, body?: object, headers: Record<string, string> = {}) {
  const res = await fetch(`${side.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${side.tokens[who]}`, 'content-type': 'application/json', ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const notice = () => ({
  personnummer: '19121212-1212',
  patientName: 'Tolvan Tolvansson',
  municipalityCode: '0125',
  vardcentralCode: 'VC-EKERO',
  admittedAt: new Date(Date.now() - 3_600_000).toISOString(),
  estimatedDischargeDate: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
  careType: 'somatic',
  needs: { municipal: [], region: ['primary_care_home_health_care'] },
});

async function startSide(name: Side['name'], adminUrl: string, temporalAddress: string, dataDir: string): Promise<Side> {
  const suffix = randomBytes(4).toString('hex');
  await ensureDatabase(adminUrl, `bench_${suffix}`);
  const url = new URL(adminUrl);
  url.pathname = `/bench_${suffix}`;
  const port = await freePort();
  const config: AppConfig = loadAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: url.toString(),
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: `bench-${suffix}`,
    DATA_DIR: dataDir,
    PORT: String(port),
    RATE_LIMIT_PER_TOKEN_PER_MINUTE: '10000000',
    RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
  });
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'warn'] });
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await createCaseWorker({
    connection,
    config,
    activities: activitiesFrom(ctx),
    keyRing: ctx.get<string, KeyRing>(KEY_RING),
    problems: ctx.get(CaseProblemsRepository),
    ...(name === 'no codec' ? { dataConverter: {} } : {}),
  });
  const running = worker.run();
  const app: INestApplication = await createApiApplication(config);
  if (name === 'no codec') {
    // The same API, its Temporal client on Temporal's default data converter: the one difference between the sides.
    const holder = app.get(TemporalClientHolder);
    Object.assign(holder, { client: new Client({ connection: holder.connection, namespace: config.TEMPORAL_NAMESPACE }) });
  }
  await app.listen(port, '127.0.0.1');
  const token = (org: string, role: Role) => signDevToken(dataDir, { organisationCode: org, roles: [role], personId: `bench-${org}`, audience: config.AUTH_AUDIENCE });
  return {
    name,
    base: `http://127.0.0.1:${port}`,
    tokens: { hospital: await token('KS', 'case_handler'), vardcentral: await token('VC-EKERO', 'case_handler') },
    async stop() {
      await app.close();
      worker.shutdown();
      await running;
      await ctx.close();
      await connection.close();
    },
  };
}

async function openCases(side: Side, n: number, round: number): Promise<{ ids: string[]; seconds: number }> {
  const ids: string[] = [];
  const keys = Array.from({ length: n }, (_, i) => `bench-${side.name.replace(' ', '-')}-${round + 1}-${i}-${randomBytes(3).toString('hex')}`);
  const seconds = (await inPool(keys, IN_FLIGHT, async (key) => {
    ids.push((await call(side, 'hospital', 'POST', '/discharge-handovers', notice(), { 'idempotency-key': key })).caseId as string);
  })).elapsedMs / 1000;
  return { ids, seconds };
}

async function completeAcks(side: Side, caseIds: string[]): Promise<number> {
  // Found first (the workflow creates the tasks right after opening), then timed: the completions alone.
  const tasks: string[] = [];
  for (const caseId of caseIds) {
    for (let i = 0; ; i++) {
      const page = (await call(side, 'vardcentral', 'GET', `/tasks?caseId=${caseId}&kind=discharge.acknowledge_notice`)) as { items: { id: string }[] };
      if (page.items[0]) {
        tasks.push(page.items[0].id);
        break;
      }
      if (i > 200) throw new Error(`no acknowledgement task for case ${caseId}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const run = await inPool(tasks, IN_FLIGHT, async (id) => {
    await call(side, 'vardcentral', 'POST', `/tasks/${id}/complete`, { decision: { acknowledged: true } });
  });
  return run.elapsedMs / 1000;
}

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const base = mkdtempSync(join(tmpdir(), 'vardflode-bench-codec-'));
  chmodSync(base, 0o755);
  log(`BENCH_CASES=${CASES} BENCH_IN_FLIGHT=${IN_FLIGHT} BENCH_ROUNDS=${ROUNDS}`);
  const executable = await resolveTemporalCli(process.env.TEMPORAL_CLI, log);
  const [pg, temporal] = await Promise.all([
    freePort().then((port) => startEmbeddedPostgres({ dataDir: join(base, 'postgres'), port, database: 'postgres', log })),
    freePort().then((port) => startTemporalDevServer({ executable, ip: '127.0.0.1', port, namespace: 'default', log })),
  ]);
  const sides: Side[] = [];
  try {
    const dataDir = join(base, 'data');
    for (const name of ['codec', 'no codec'] as const) sides.push(await startSide(name, pg.urlFor('postgres'), temporal.address, dataDir));
    log('warming up both sides');
    for (const side of sides) await completeAcks(side, (await openCases(side, IN_FLIGHT, -1)).ids);

    const totals = new Map<string, { cases: number; startS: number; acks: number; ackS: number }>(sides.map((s) => [s.name, { cases: 0, startS: 0, acks: 0, ackS: 0 }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const opened = await openCases(side, CASES, round);
        const ackS = await completeAcks(side, opened.ids);
        const t = totals.get(side.name)!;
        t.cases += opened.ids.length;
        t.startS += opened.seconds;
        t.acks += opened.ids.length;
        t.ackS += ackS;
        log(`round ${round + 1} ${side.name}: ${(opened.ids.length / opened.seconds).toFixed(1)} cases/s, ${(opened.ids.length / ackS).toFixed(1)} completions/s`);
      }
    }
    const rate = (name: string, k: 'start' | 'ack') => {
      const t = totals.get(name)!;
      return k === 'start' ? t.cases / t.startS : t.acks / t.ackS;
    };
    let missed = false;
    console.log('');
    console.log('  measurement         with codec   without codec   codec cost   target');
    for (const [label, k] of [['case start /s', 'start'], ['task completion /s', 'ack']] as const) {
      const withCodec = rate('codec', k);
      const without = rate('no codec', k);
      const cost = 1 - withCodec / without;
      missed ||= cost >= TARGET;
      console.log(`  ${label.padEnd(19)} ${withCodec.toFixed(1).padStart(10)}   ${without.toFixed(1).padStart(13)}   ${(cost * 100).toFixed(1).padStart(9)} %   < ${TARGET * 100} % ${cost < TARGET ? 'ok' : 'MISSED'}`);
    }
    console.log('');
    return missed ? 1 : 0;
  } finally {
    for (const side of sides) await side.stop().catch(() => undefined);
    await temporal.stop();
    await pg.stop();
    rmSync(base, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench:codec failed:', err);
    process.exit(2);
  },
);
