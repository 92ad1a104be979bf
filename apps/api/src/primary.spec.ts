import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '../../../infra/net/ports';

/**
 * The API's primary for API_REPLICAS > 1, run for real: a script (compiled on the fly with swc, as jest does) whose
 * primary is runApiPrimary and whose replicas answer with their pid on one port.
 */
describe('runApiPrimary (API_REPLICAS processes on one port)', () => {
  let dir: string;
  let primary: ChildProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vardflode-primary-'));
  });
  afterEach(() => {
    if (primary?.pid && primary.exitCode === null) process.kill(-primary.pid, 'SIGKILL');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function start(replicas: number, port: number): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
    const script = join(dir, `primary-${port}.js`);
    writeFileSync(
      script,
      `const swc = require(${JSON.stringify(require.resolve('@swc/core'))});
require.extensions['.ts'] = (m, f) =>
  m._compile(swc.transformFileSync(f, { module: { type: 'commonjs' }, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }).code, f);
const cluster = require('node:cluster');
if (cluster.isPrimary) require(${JSON.stringify(join(__dirname, 'primary.ts'))}).runApiPrimary(${replicas}, { log: () => undefined, minUptimeMs: 0 });
else require('node:http').createServer((req, res) => res.end(String(process.pid))).listen(${port}, '127.0.0.1');
`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true });
    primary = child;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await waitFor('the replicas', async () => (await pidsAnswering(port, 1)).size > 0, 20_000, 100);
    return { child, exited };
  }

  async function pidsAnswering(port: number, requests: number): Promise<Set<number>> {
    const pids = new Set<number>();
    for (let i = 0; i < requests; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(2_000) });
      pids.add(Number(await res.text()));
    }
    return pids;
  }

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('shares one port among the replicas, forks a replacement for one that dies, and stops them all on SIGTERM', async () => {
    const port = await freePort();
    const { child, exited } = await start(2, port);

    let replicas = new Set<number>();
    await waitFor('both replicas answering', async () => (replicas = await pidsAnswering(port, 8)).size === 2, 20_000, 200);
    expect(replicas.has(child.pid!)).toBe(false); // the primary serves nothing itself

    const [victim, survivor] = [...replicas];
    process.kill(victim, 'SIGKILL');
    let after = new Set<number>();
    await waitFor('a replacement replica', async () => {
      after = await pidsAnswering(port, 8);
      return after.size === 2 && !after.has(victim);
    }, 20_000, 200);
    expect(after.has(survivor)).toBe(true);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of after) await waitFor(`replica ${pid} gone`, async () => !alive(pid), 10_000, 50);
  });
});
