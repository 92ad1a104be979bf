/**
 * Issue 17's Done-when for supervision, against `npm start`'s launcher as a child process (startStack, from the
 * compiled dist/ that `npm test`'s tsc step emits): a SIGKILL of the worker during a burst of case openings leaves the
 * stack up, the worker is back within seconds, every request gets an answer (2xx, or 503 with Retry-After), and a
 * retry of every request with its Idempotency-Key gives exactly one case per key. Then a SIGTERM of the API while
 * openings are in flight: they are answered before it exits, and the launcher starts it again.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { signDevToken } from '../../libs/auth/src/dev-issuer';
import { FAILURE_CONVERTER_PATH } from '../../libs/crypto/src/failure-converter';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../../libs/telemetry/src/workflow-interceptor-modules';
import { dischargeNotice, processTree, ROOT, sleep, startStack, type RunningStack } from '../../infra/bench/scale-support';

jest.setTimeout(170_000);

const BURST = 24;
const STEP_TIMEOUT_S = 6;

interface Answer {
  status: number; // 0: no answer
  retryAfter: string | null;
  caseId?: string;
  error?: string;
}

/** The workers load dist/workflow-bundle.js when it exists: made fresh from this tree, as `npm run build` does. */
async function freshWorkflowBundle(): Promise<void> {
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(ROOT, 'workflows', 'index.ts'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    // The same modules as `npm run build`'s bundle, so the workers' traces keep their workflow spans.
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: console.error },
  });
  const target = join(ROOT, 'dist', 'workflow-bundle.js');
  writeFileSync(`${target}.${process.pid}.tmp`, code);
  renameSync(`${target}.${process.pid}.tmp`, target);
}

const pidsOf = (stack: RunningStack, role: 'worker' | 'api') =>
  processTree(stack.child.pid!)
    .filter((p) => p.role === role && p.ppid === stack.child.pid)
    .map((p) => p.pid);

describe('npm start under faults: supervision, 503 + Retry-After, idempotent retries, SIGTERM drain', () => {
  let dataDir: string;
  let stack: RunningStack;
  let token: string;
  const launcherLog: string[] = [];

  beforeAll(async () => {
    await freshWorkflowBundle();
    dataDir = mkdtempSync(join(tmpdir(), 'vardflode-stack-'));
    chmodSync(dataDir, 0o755); // the embedded PostgreSQL may run as another user (when this runs as root)
    stack = await startStack({
      mode: 'dev',
      dataDir,
      workerCount: 1,
      apiReplicas: 1,
      extraEnv: { TEMPORAL_STEP_TIMEOUT: `${STEP_TIMEOUT_S}s`, HTTP_RETRY_AFTER_SECONDS: '1' },
      log: () => undefined,
      onOutput: (line) => launcherLog.push(line),
    }).catch((err: Error) => {
      throw new Error(`${err.message}\nthe launcher's log:\n${launcherLog.slice(-40).join('\n')}`);
    });
    token = await signDevToken(dataDir, { organisationCode: 'KS', roles: ['case_handler'], personId: 'stack-test-hospital', audience: 'vardflode', expiresIn: '1h' });
  }, 160_000);

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** One opening: its body fixed per key (a retry must send the same request). */
  const bodies = new Map<string, string>();
  async function open(key: string): Promise<Answer> {
    if (!bodies.has(key)) bodies.set(key, JSON.stringify(dischargeNotice()));
    try {
      const res = await fetch(`${stack.base}/discharge-handovers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'Idempotency-Key': key },
        body: bodies.get(key),
        signal: AbortSignal.timeout(60_000),
      });
      const body = (await res.json().catch(() => ({}))) as { caseId?: string };
      return { status: res.status, retryAfter: res.headers.get('retry-after'), caseId: body.caseId };
    } catch (err) {
      return { status: 0, retryAfter: null, error: String((err as Error).cause ?? err) };
    }
  }

  /** Retries with the same key until 2xx, waiting Retry-After between tries. */
  async function openUntilAccepted(key: string, deadline: number): Promise<Answer> {
    for (;;) {
      const a = await open(key);
      if ((a.status >= 200 && a.status < 300) || Date.now() > deadline) return a;
      await sleep(a.status === 503 && a.retryAfter ? Number(a.retryAfter) * 1000 : 500);
    }
  }

  const answeredProperly = (a: Answer) => (a.status >= 200 && a.status < 300) || (a.status === 503 && /^\d+$/.test(a.retryAfter ?? ''));

  it('keeps the stack up through a SIGKILL of the worker during a burst, answers every request, and one case per key', async () => {
    const [worker] = pidsOf(stack, 'worker');
    const [api] = pidsOf(stack, 'api');
    expect(worker).toBeDefined();

    const keys = Array.from({ length: BURST }, (_, i) => `stack-burst-${i}-${randomUUID()}`);
    const first: Promise<Answer>[] = [];
    // A third of the burst in flight when the worker dies, the rest while it is dead and coming back.
    keys.slice(0, BURST / 3).forEach((k) => first.push(open(k)));
    await sleep(150);
    const killedAt = performance.now();
    process.kill(worker, 'SIGKILL');
    const back = (async () => {
      while (performance.now() - killedAt < 30_000) {
        const now = pidsOf(stack, 'worker');
        if (now.length === 1 && now[0] !== worker) return { pid: now[0], seconds: (performance.now() - killedAt) / 1000 };
        await sleep(50);
      }
      return undefined;
    })();
    for (const k of keys.slice(BURST / 3)) {
      first.push(open(k));
      await sleep(100);
    }
    const answers = await Promise.all(first);
    const restarted = await back;
    const tally = (list: Answer[]) => Object.entries(list.reduce<Record<string, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {})).map(([s, n]) => `${s} ×${n}`).join(', ');
    console.log(`burst of ${BURST} openings, worker (pid ${worker}) killed: answers ${tally(answers)}; a new worker (pid ${restarted?.pid}) ${restarted?.seconds.toFixed(1)} s after the kill`);

    // The launcher and the API stayed up; the worker is a new process within seconds.
    expect(stack.child.exitCode).toBeNull();
    expect(stack.child.signalCode).toBeNull();
    expect(pidsOf(stack, 'api')).toEqual([api]);
    expect(restarted).toBeDefined();
    expect(restarted!.seconds).toBeLessThan(5);
    expect(launcherLog).toContainEqual(
      expect.stringMatching(new RegExp(`^\\[stack\\] the worker \\(pid ${worker}\\) was killed by SIGKILL: restarting it in 1 s at \\d\\d:\\d\\d:\\d\\d UTC \\(restart 1 of 5 within 10 min\\)$`)),
    );
    expect(launcherLog).toContainEqual(`[stack] the worker is running again (pid ${restarted!.pid})`);

    // Every request got an answer: success, or 503 with Retry-After. None hung, none was cut.
    const unanswered = answers.map((a, i) => ({ key: keys[i], ...a })).filter((a) => !answeredProperly(a));
    expect(unanswered).toEqual([]);

    // Every request again with its key: each is accepted, the ones accepted before name the same case.
    const deadline = Date.now() + 90_000;
    const retried = await Promise.all(keys.map((k) => openUntilAccepted(k, deadline)));
    expect(retried.filter((a) => a.status < 200 || a.status >= 300)).toEqual([]);
    answers.forEach((a, i) => {
      if (a.status < 300) expect(retried[i].caseId).toBe(a.caseId);
    });
    const caseIds = retried.map((a) => a.caseId!);
    expect(new Set(caseIds).size).toBe(BURST);

    // In the database: one idempotency row per key naming its case, one case per key, and no other case.
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const idem = await db.query<{ key: string; n: number; resource: string }>(
        `SELECT key, count(*)::int AS n, min(resource_id::text) AS resource FROM idempotency_keys WHERE key = ANY($1) GROUP BY key`,
        [keys],
      );
      expect(idem.rows.length).toBe(BURST);
      for (const row of idem.rows) expect({ key: row.key, n: row.n, resource: row.resource }).toEqual({ key: row.key, n: 1, resource: caseIds[keys.indexOf(row.key)] });
      const cases = await db.query<{ id: string; n: number }>(`SELECT id::text, count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) GROUP BY id`, [caseIds]);
      expect(cases.rows.length).toBe(BURST);
      expect(cases.rows.every((r) => r.n === 1)).toBe(true);
      const [{ total }] = (await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM cases`)).rows;
      expect(total).toBe(BURST);
    } finally {
      await db.end();
    }
  });

  it('answers the openings in flight when the API gets SIGTERM, refuses new connections meanwhile, and the launcher starts it again', async () => {
    const [worker] = pidsOf(stack, 'worker');
    const [api] = pidsOf(stack, 'api');
    // A paused worker holds the openings in flight (well within the step timeout) for as long as this test wants.
    process.kill(worker, 'SIGSTOP');
    let inFlight: Promise<Answer>[];
    try {
      inFlight = Array.from({ length: 3 }, () => open(`stack-drain-${randomUUID()}`));
      await sleep(600);
      process.kill(api, 'SIGTERM');
      await sleep(400);
      const during = await open(`stack-drain-late-${randomUUID()}`);
      expect(during.status).toBe(0); // not accepted: the API stopped listening
      expect(during.error).toMatch(/ECONNREFUSED/);
    } finally {
      process.kill(worker, 'SIGCONT');
    }
    // Answered after the SIGTERM, not cut: 2xx once the worker is back (a machine too busy to carry the steps out
    // within the step timeout answers 503 with Retry-After instead, which is an answer too).
    const answers = await Promise.all(inFlight);
    expect(answers.filter((a) => !answeredProperly(a))).toEqual([]);
    expect(answers.filter((a) => a.status >= 200 && a.status < 300).length).toBeGreaterThan(0);

    // The API exited once drained; the launcher started it again and it is ready.
    const started = performance.now();
    while (performance.now() - started < 60_000) {
      const ready = await fetch(`${stack.base}/health/ready`, { signal: AbortSignal.timeout(4_000) }).catch(() => null);
      if (ready?.ok && pidsOf(stack, 'api').length === 1 && pidsOf(stack, 'api')[0] !== api) break;
      await sleep(250);
    }
    expect(pidsOf(stack, 'api')).not.toContain(api);
    expect(pidsOf(stack, 'api')).toHaveLength(1);
    expect(launcherLog).toContainEqual(expect.stringMatching(new RegExp(`^\\[stack\\] the api \\(pid ${api}\\) (was killed by SIGTERM|exited with code 0): restarting it in 1 s`)));
    expect(stack.child.exitCode).toBeNull();
  });
});
