/**
 * `npm run test:api-fuzz`: holds the running API to its own OpenAPI document with Schemathesis.
 *
 * Starts the real stack on free 127.0.0.1 ports (embedded PostgreSQL, the Temporal dev server in memory, the worker
 * and the API as separate processes, as `npm start` runs them), seeds it by driving the demo's scenarios through the
 * API, mints tokens of several organisations and roles, and runs Schemathesis once per token with every check
 * (a 5xx, a status or body or content type the document does not describe, invalid input accepted, a route that
 * ignores its auth, …). The document each run reads is the served one, with the seeded ids that token can see put in
 * as parameter examples so the examples phase reaches real cases, tasks and claims. Prints a summary per token,
 * exits non-zero on any failure, and stops everything it started.
 *
 * Schemathesis comes from PyPI, pinned, into a virtualenv cached under node_modules/.cache/api-fuzz.
 * FUZZ_MAX_EXAMPLES (default 25) bounds the cases per operation and phase; FUZZ_SEED fixes the generator.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { signDevToken } from '../../libs/auth/src/dev-issuer';
import type { Role } from '../../libs/auth/src/principal';
import { DemoClient, type Actor } from '../demo/demo-client';
import { coordinationScenario } from '../demo/scenarios/coordination.scenario';
import { dischargeHandoverScenario } from '../demo/scenarios/discharge-handover.scenario';
import { reimbursementScenario } from '../demo/scenarios/reimbursement.scenario';
import { freePort, waitFor } from '../net/ports';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres';
import { ManagedProcess } from '../process/managed-process';
import { startTemporalDevServer } from '../temporal/dev-server';
import { resolveTemporalCli } from '../temporal/temporal-cli';

const SCHEMATHESIS_VERSION = '4.32.5';
const distRoot = resolve(__dirname, '..', '..');
const repoRoot = resolve(distRoot, '..');
const cacheDir = join(repoRoot, 'node_modules', '.cache', 'api-fuzz');
const venv = join(cacheDir, 'venv');
const configFile = join(repoRoot, 'infra', 'fuzz', 'schemathesis.toml');
const maxExamples = Number(process.env.FUZZ_MAX_EXAMPLES ?? 25);
const fuzzSeed = process.env.FUZZ_SEED ?? '20261130';

const log = (line: string) => console.log(`[api-fuzz] ${line}`);

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

/** The pinned Schemathesis in its own virtualenv: created once, reused while the version is the same. */
function ensureSchemathesis(): string {
  const st = join(venv, 'bin', 'st');
  if (existsSync(st)) {
    const version = execFileSync(st, ['--version'], { encoding: 'utf8' });
    if (version.includes(SCHEMATHESIS_VERSION)) return st;
  }
  log(`installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into ${venv} (once)…`);
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(venv, { recursive: true });
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`], { stdio: 'inherit' });
  return st;
}

/** A person the fuzz acts as: one organisation, its roles, and what its token can see. */
interface Persona {
  label: string;
  org: string;
  roles: Role[];
}

const PERSONAS: Persona[] = [
  { label: 'HSF platform admin', org: 'HSF', roles: ['register_admin', 'reference_admin', 'platform_auditor'] },
  { label: 'Ekerö municipality case handler', org: '0125', roles: ['case_handler'] },
  { label: 'Karolinska hospital case handler', org: 'KS', roles: ['case_handler'] },
  { label: 'HSF finance', org: 'HSF-FIN', roles: ['finance'] },
  { label: 'SLSO case handler and approver', org: 'SLSO', roles: ['case_handler', 'approver', 'admin'] },
];

async function api<T>(base: string, token: string, path: string): Promise<T | undefined> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return res.status === 200 ? ((await res.json()) as T) : undefined;
}

type Items<T> = { items: T[] };

/** Ids this token can see, by the path parameter that takes them. */
async function visibleIds(base: string, token: string): Promise<Record<string, string | number>> {
  const ids: Record<string, string | number> = { areaCode: '0125', code: 'VC-EKERO', year: 2025 };
  const cases = (await api<Items<{ id: string; type: string }>>(base, token, '/cases?limit=200'))?.items ?? [];
  const discharge = cases.find((c) => c.type === 'discharge_handover');
  const claim = cases.find((c) => c.type === 'reimbursement_claim');
  if (discharge ?? cases[0]) ids.caseId = (discharge ?? cases[0]).id;
  if (claim) ids.claimId = claim.id;
  const task = (await api<Items<{ id: string }>>(base, token, '/tasks?limit=1'))?.items[0];
  if (task) ids.taskId = task.id;
  const mandate = (await api<{ id: string }[]>(base, token, '/mandates'))?.[0];
  if (mandate) ids.mandateId = mandate.id;
  return ids;
}

type Parameter = { name: string; in: string; example?: unknown; schema?: Record<string, unknown> };
type OpenApi = { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };

/** The served document with `ids` as the examples of the path parameters that take them. */
function withExamples(doc: OpenApi, ids: Record<string, string | number>): OpenApi {
  const copy = JSON.parse(JSON.stringify(doc)) as OpenApi;
  for (const item of Object.values(copy.paths)) {
    for (const op of Object.values(item)) {
      for (const p of op.parameters ?? []) {
        if (p.in === 'path' && ids[p.name] !== undefined) p.example = ids[p.name];
      }
    }
  }
  return copy;
}

interface RunResult {
  label: string;
  exitCode: number;
  cases: number;
  tests: number;
  failures: number;
  errors: number;
  seconds: number;
  log: string;
}

function runSchemathesis(st: string, args: string[], logFile: string): Promise<number> {
  return new Promise((done) => {
    const child = spawn(st, args, {
      // Schemathesis keeps its example database in the working folder: ours, in the cache, not the checkout.
      cwd: cacheDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NO_COLOR: '1',
        SCHEMATHESIS_TELEMETRY: 'false',
        // hooks.py: generators for the document's own formats (personnummer, list cursors).
        SCHEMATHESIS_HOOKS: 'hooks',
        PYTHONPATH: join(repoRoot, 'infra', 'fuzz'),
      },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      writeFileSync(logFile, out);
      done(code ?? 1);
    });
  });
}

const figures = (r: RunResult) =>
  `${r.cases} cases over ${r.tests} tests (an operation each, and the stateful phase), ${r.failures} failed, ${r.errors} errors, ${r.seconds.toFixed(0)} s`;

/** Tests, failures and errors from Schemathesis' JUnit report. */
function junitFigures(path: string): { tests: number; failures: number; errors: number } {
  if (!existsSync(path)) return { tests: 0, failures: 0, errors: 1 };
  const xml = readFileSync(path, 'utf8');
  const count = (attr: string) => [...xml.matchAll(new RegExp(`<testsuite [^>]*\\b${attr}="(\\d+)"`, 'g'))].reduce((n, m) => n + Number(m[1]), 0);
  return { tests: count('tests'), failures: count('failures'), errors: count('errors') };
}

async function main(): Promise<number> {
  const started: Stoppable[] = [];
  const stopAll = async () => {
    for (const part of [...started].reverse()) {
      log(`stopping ${part.name}…`);
      await part.stop().catch((err: Error) => log(`${part.name} did not stop cleanly: ${err.message}`));
    }
  };
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      void stopAll().then(() => process.exit(130));
    });
  }

  const t0 = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'vardflode-fuzz-'));
  chmodSync(work, 0o755); // PostgreSQL may run as the 'postgres' user and must reach its data folder
  const reports = join(cacheDir, 'reports');
  mkdirSync(reports, { recursive: true });
  try {
    const st = ensureSchemathesis();
    const [pgPort, temporalPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const pg = await startEmbeddedPostgres({ dataDir: join(work, 'postgres'), port: pgPort, database: 'vardflode', log });
    started.push({ name: 'PostgreSQL', stop: pg.stop });
    const temporal = await startTemporalDevServer({
      executable: await resolveTemporalCli(process.env.TEMPORAL_CLI || undefined, log),
      ip: '127.0.0.1',
      port: temporalPort,
      namespace: 'default',
      log,
    });
    started.push({ name: 'Temporal dev server', stop: temporal.stop });

    const dataDir = join(work, 'data');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      DATA_DIR: dataDir,
      // The worker's SDK metrics port (default 127.0.0.1:9464) is npm start's; several workers here, or a stack
      // running beside this, would collide on it.
      WORKER_METRICS_ADDRESS: 'off',
      // One client sending thousands of requests a minute is the fuzz itself, not an abuse to throttle (the limits
      // have their own tests); with them on, most cases would only ever see a 429.
      RATE_LIMIT_PER_TOKEN_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
    };
    for (const [name, script] of [['worker', 'apps/worker/src/main.js'], ['API', 'apps/api/src/main.js']] as const) {
      const child = ManagedProcess.start(name, process.execPath, [join(distRoot, script)], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
      started.push({ name, stop: () => child.stop('SIGTERM', 20_000) });
      void child.exit.then(({ code, signal }) => {
        if (!interrupted && code !== 0 && signal === null) log(`the ${name} exited (code ${code}):\n${child.recentOutput}`);
      });
    }
    const base = `http://127.0.0.1:${apiPort}`;
    await waitFor(`the API at ${base}/health/ready`, async () => (await fetch(`${base}/health/ready`)).status === 200, 120_000, 500);
    log(`stack ready in ${((Date.now() - t0) / 1000).toFixed(0)} s at ${base}; seeding it with the demo's scenarios…`);

    const person = async (label: string, org: string, roles: Role[], personId: string): Promise<Actor> => ({
      label: `${label} (${org})`,
      token: await signDevToken(dataDir, { organisationCode: org, roles, personId, name: label, audience: 'vardflode' }),
    });
    await seed(new DemoClient(base), person);

    const doc = (await (await fetch(`${base}/docs-json`)).json()) as OpenApi;
    const results: RunResult[] = [];
    for (const [i, persona] of PERSONAS.entries()) {
      const token = (await person(persona.label, persona.org, persona.roles, `fuzz-${i}`)).token;
      const schemaFile = join(work, `openapi-${i}.json`);
      writeFileSync(schemaFile, JSON.stringify(withExamples(doc, await visibleIds(base, token))));
      const junit = join(reports, `junit-${i}.xml`);
      const logFile = join(reports, `schemathesis-${i}.log`);
      const label = `${persona.label} (${persona.org}: ${persona.roles.join(', ')})`;
      log(`fuzzing as ${label}…`);
      const t = Date.now();
      const exitCode = await runSchemathesis(
        st,
        [
          '--config-file', configFile,
          'run', schemaFile,
          '--url', base,
          '--header', `Authorization: Bearer ${token}`,
          '--checks', 'all',
          '--max-examples', String(maxExamples),
          '--seed', fuzzSeed,
          '--workers', '1',
          '--report', 'junit', '--report-junit-path', junit,
          '--output-truncate', 'true',
          '--no-color',
        ],
        logFile,
      );
      const cases = Number(/(\d+) generated/.exec(readFileSync(logFile, 'utf8'))?.[1] ?? 0);
      const result = { label, exitCode, cases, ...junitFigures(junit), seconds: (Date.now() - t) / 1000, log: logFile };
      results.push(result);
      log(`${label}: ${figures(result)} (exit ${exitCode})`);
      if (exitCode !== 0) console.log(readFileSync(logFile, 'utf8').split('\n').slice(-120).join('\n'));
    }

    console.log('\napi-fuzz summary (schemathesis ' + SCHEMATHESIS_VERSION + `, --checks all, --max-examples ${maxExamples}, --seed ${fuzzSeed})`);
    for (const r of results) {
      console.log(`  ${r.exitCode === 0 ? 'PASS' : 'FAIL'}  ${r.label}: ${figures(r)}\n        ${r.log}`);
    }
    const failed = results.filter((r) => r.exitCode !== 0).length;
    const cases = results.reduce((n, r) => n + r.cases, 0);
    console.log(`  total ${cases} cases in ${((Date.now() - t0) / 1000).toFixed(0)} s (stack and seed included); ${results.length - failed} of ${results.length} tokens passed`);
    return failed === 0 ? 0 : 1;
  } finally {
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Cases, tasks, claims, mandates and the agreement for the routes to find: the demo's scenarios, through the API. */
async function seed(client: DemoClient, person: (label: string, org: string, roles: Role[], personId: string) => Promise<Actor>) {
  await dischargeHandoverScenario(client, {
    hospital: await person('Karin', 'KS', ['case_handler'], 'karin.ks'),
    municipality: await person('Maja', '0125', ['case_handler'], 'maja.ekero'),
    otherMunicipality: await person('Hugo', '0126', ['case_handler'], 'hugo.huddinge'),
    vardcentral: await person('Viktor', 'VC-EKERO', ['case_handler'], 'viktor.vc-ekero'),
    asih: await person('Anders', 'ASIH-NORR', ['case_handler'], 'anders.asih-norr'),
  });
  await reimbursementScenario(client, {
    slso: await person('Sara', 'SLSO', ['case_handler'], 'sara.slso'),
    approver: await person('Harald', 'HSF', ['approver'], 'harald.hsf'),
    finance: await person('Fia', 'HSF-FIN', ['finance'], 'fia.hsf-fin'),
    admin: await person('Adam', 'HSF', ['register_admin'], 'adam.hsf'),
  });
  await coordinationScenario(client, {
    hsn: await person('Helena', 'HSN', ['approver'], 'helena.hsn'),
    slso: await person('Stina', 'SLSO', ['case_handler'], 'stina.slso'),
    slsoApprover: await person('Sven', 'SLSO', ['approver'], 'sven.slso'),
    hsfAdmin: await person('Rut', 'HSF', ['reference_admin'], 'rut.hsf'),
    finance: await person('Fia', 'HSF-FIN', ['finance'], 'fia.hsf-fin'),
    vardcentral: await person('Vera', 'VC-SOLNA', ['case_handler'], 'vera.vc-solna'),
    vardcentralCode: 'VC-SOLNA',
    municipality: (code) => person(`Mats`, code, ['case_handler'], `mats.${code.toLowerCase()}`),
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[api-fuzz] FAILED: ${(err as Error).stack ?? err}`);
    process.exit(2);
  },
);
