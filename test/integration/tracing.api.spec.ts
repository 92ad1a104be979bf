/**
 * Issue 17's tracing: one trace follows a task completion from the HTTP request through the update, the workflow and
 * the activity to the activity's SQL, and no span holds the patient's personnummer or name.
 *
 * The traced API and worker run in a plain Node child process (infra/tracing/trace-probe.ts, from dist/), on this
 * file's database and task queue and the real Temporal server, with an in-memory exporter: inside jest the http and
 * pg instrumentations cannot patch (jest's module loader bypasses Node's require hooks).
 */
import { ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { ProbeSpan } from '../../infra/tracing/trace-probe';
import { SpanKind } from '@opentelemetry/api';
import type { AppConfig } from '../../libs/config/src/app-config';
import type { Role } from '../../libs/auth/src/principal';
import { Caller, dischargeNotice, testConfig, tokenFor, waitForTask } from '../support/test-app';
import { TEST_ENV } from '../support/test-stack-env';

const PROBE = join(__dirname, '..', '..', 'dist', 'infra', 'tracing', 'trace-probe.js');

type ProbeMessage = { ready?: { port: number }; reset?: true; spans?: ProbeSpan[] };

/** The probe's next message that has `key`. */
function answer<K extends keyof ProbeMessage>(probe: ChildProcess, key: K, timeoutMs = 60_000): Promise<NonNullable<ProbeMessage[K]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`the trace probe sent no "${key}" within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ProbeMessage) => {
      if (message[key] !== undefined) done(undefined, message[key]);
    };
    const onExit = (code: number | null) => done(new Error(`the trace probe exited (${code}) before sending "${key}"`));
    function done(err?: Error, value?: ProbeMessage[K]) {
      clearTimeout(timer);
      probe.off('message', onMessage);
      probe.off('exit', onExit);
      if (err) reject(err);
      else resolve(value as NonNullable<ProbeMessage[K]>);
    }
    probe.on('message', onMessage);
    probe.on('exit', onExit);
  });
}

/** The probe's environment: this file's configuration as AppConfig variables, and nothing else of jest's. */
function probeEnv(config: AppConfig): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: config.DATABASE_URL,
    TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
    DATA_DIR: config.DATA_DIR,
    RATE_LIMIT_PER_TOKEN_PER_MINUTE: '10000000',
    RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
    VARDFLODE_TEST_WORKFLOW_BUNDLE: process.env[TEST_ENV.workflowBundle],
  };
}

describe('tracing: one trace from the HTTP request to the SQL of the activity (OpenTelemetry, in memory)', () => {
  let config: AppConfig;
  let probe: ChildProcess;
  let baseUrl: string;

  beforeAll(async () => {
    if (!existsSync(PROBE)) throw new Error(`${PROBE} is missing: compile first (npx tsc -p tsconfig.json, as npm test does)`);
    config = await testConfig();
    probe = fork(PROBE, [], { env: probeEnv(config), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const { port } = await answer(probe, 'ready');
    baseUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (!probe || probe.exitCode !== null) return;
    const exited = new Promise((resolve) => probe.once('exit', resolve));
    probe.send('stop');
    await exited;
  });

  const as = async (org: string, roles: Role[]): Promise<Caller> => {
    const auth = `Bearer ${await tokenFor(config, org, roles)}`;
    const agent = request(baseUrl);
    return {
      get: (url) => agent.get(url).set('Authorization', auth),
      post: (url) => agent.post(url).set('Authorization', auth),
      put: (url) => agent.put(url).set('Authorization', auth),
    };
  };

  /** The spans finished since the last reset, once `ready` holds for them (the workflow's come a moment later). */
  async function spansWhen(ready: (spans: ProbeSpan[]) => boolean): Promise<ProbeSpan[]> {
    let spans: ProbeSpan[] = [];
    for (let i = 0; i < 50; i++) {
      probe.send('spans');
      spans = await answer(probe, 'spans');
      if (ready(spans)) return spans;
      await new Promise((r) => setTimeout(r, 200));
    }
    return spans;
  }

  it('follows POST /tasks/:taskId/complete through the update, the workflow and the activity to its SQL, without personal data', async () => {
    // From the case's opening on (its request carries the personnummer and the name), for the check at the end.
    probe.send('reset');
    await answer(probe, 'reset');
    const notice = dischargeNotice();
    const opened = await (await as('KS', ['case_handler']))
      .post('/discharge-handovers')
      .set('Idempotency-Key', `tracing-${Date.now()}`)
      .send(notice)
      .expect(201);
    const ekero = await as('0125', ['case_handler']);
    const task = await waitForTask(ekero, opened.body.caseId, 'discharge.acknowledge_notice');

    await ekero.post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true, comment: 'planerar' } }).expect(200);

    const isServer = (s: ProbeSpan) => s.kind === SpanKind.SERVER && s.name === 'POST /tasks/:taskId/complete';
    const spans = await spansWhen((all) => {
      const server = all.find(isServer);
      return !!server && all.some((s) => s.traceId === server.traceId && s.name.startsWith('RunActivity:')) &&
        all.some((s) => s.traceId === server.traceId && s.name.startsWith('HandleUpdate:'));
    });

    // The HTTP server span, named by its route, is the trace's root.
    const server = spans.find(isServer);
    expect(server).toBeDefined();
    if (!server) return;
    expect(server.parentSpanId).toBeUndefined();
    expect(server.attributes['http.route']).toBe('/tasks/:taskId/complete');
    const trace = spans.filter((s) => s.traceId === server.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const childOf = (parent: ProbeSpan, name: (n: string) => boolean) => trace.filter((s) => s.parentSpanId === parent.spanId && name(s.name));
    const ancestors = (span: ProbeSpan): string[] => {
      const names: string[] = [];
      for (let p = byId.get(span.parentSpanId ?? ''); p; p = byId.get(p.parentSpanId ?? '')) names.push(p.name);
      return names;
    };

    // server → the client's update → the workflow's update handler → scheduling the activity → running it → its SQL.
    const [update] = childOf(server, (n) => n === 'StartWorkflowUpdate:completeTask');
    expect(update).toBeDefined();
    const [handler] = childOf(update, (n) => n === 'HandleUpdate:completeTask');
    expect(handler).toBeDefined();
    const scheduled = childOf(handler, (n) => n.startsWith('StartActivity:'));
    expect(scheduled.length).toBeGreaterThan(0);
    const runs = scheduled.flatMap((s) => childOf(s, (n) => n.startsWith('RunActivity:')));
    expect(runs.length).toBeGreaterThan(0);
    const sql = trace.filter((s) => s.scope === '@opentelemetry/instrumentation-pg' && typeof s.attributes['db.statement'] === 'string');
    const activitySql = sql.filter((s) => runs.some((run) => ancestors(s).includes(run.name)));
    expect(activitySql.length).toBeGreaterThan(0);
    expect(ancestors(activitySql[0])).toEqual(
      expect.arrayContaining([expect.stringMatching(/^RunActivity:/), expect.stringMatching(/^StartActivity:/), 'HandleUpdate:completeTask', 'StartWorkflowUpdate:completeTask', server.name]),
    );
    // The update's validator runs in the same trace, beside the handler.
    expect(childOf(update, (n) => n === 'ValidateUpdate:completeTask')).toHaveLength(1);
    // The API's own SQL (the access check) is in the trace too, under the server span.
    expect(sql.some((s) => ancestors(s)[0] === server.name || ancestors(s).at(-1) === server.name)).toBe(true);

    // Statements without their values, and nothing of the patient anywhere: attributes, events, names, status.
    expect(spans.filter((s) => 'db.postgresql.values' in s.attributes)).toEqual([]);
    const everything = JSON.stringify(spans);
    const patient = [notice.personnummer, notice.personnummer.replace('-', ''), notice.patientName, ...notice.patientName.split(' ')];
    for (const text of patient) expect({ text, found: everything.includes(text) }).toEqual({ text, found: false });
    // Nor the caller's address or browser, nor objects (the workflow spans' sink copies in the whole WorkflowInfo: its
    // memo and search attributes).
    expect(spans.filter((s) => ['net.peer.ip', 'http.user_agent', 'http.client_ip'].some((k) => k in s.attributes))).toEqual([]);
    const objects = spans.flatMap((s) => Object.entries(s.attributes).filter(([, v]) => typeof v === 'object' && !Array.isArray(v)).map(([k]) => `${s.name} ${k}`));
    expect(objects).toEqual([]);
    // The case's opening was traced too: its server span, and the workflow's first steps in its trace (the
    // workflow's own span ends only with the case).
    const opening = spans.find((s) => s.kind === SpanKind.SERVER && s.name === 'POST /discharge-handovers');
    expect(opening).toBeDefined();
    expect(spans.some((s) => s.traceId === opening?.traceId && s.scope === '@temporalio/interceptor-workflow')).toBe(true);
  });
});
