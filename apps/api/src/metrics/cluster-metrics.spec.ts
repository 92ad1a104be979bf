import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '../../../../infra/net/ports';

/**
 * API_REPLICAS > 1 for real: the primary (runApiPrimary and serveClusterMetrics, as main.ts runs them) and two
 * replicas on one port, each counting its requests in a prom-client registry. A scrape, whichever replica gets it,
 * shows the requests of both.
 */
describe('metrics over API_REPLICAS processes', () => {
  let dir: string;
  let primary: ChildProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vardflode-cluster-metrics-'));
  });
  afterAll(() => {
    if (primary?.pid && primary.exitCode === null) process.kill(-primary.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds up every replica’s counters, whichever replica answers the scrape', async () => {
    const port = await freePort();
    const script = join(dir, 'cluster.js');
    writeFileSync(
      script,
      `const swc = require(${JSON.stringify(require.resolve('@swc/core'))});
require.extensions['.ts'] = (m, f) =>
  m._compile(swc.transformFileSync(f, { module: { type: 'commonjs' }, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }).code, f);
const cluster = require('node:cluster');
const metrics = require(${JSON.stringify(join(__dirname, 'cluster-metrics.ts'))});
if (cluster.isPrimary) {
  require(${JSON.stringify(join(__dirname, '..', 'primary.ts'))}).runApiPrimary(2, { log: () => undefined, minUptimeMs: 0 });
  metrics.serveClusterMetrics();
} else {
  const { Counter, Registry } = require(${JSON.stringify(require.resolve('prom-client'))});
  const registry = new Registry();
  const requests = new Counter({ name: 'requests_total', help: 'requests', registers: [registry] });
  metrics.shareWithPrimary(registry);
  require('node:http').createServer((req, res) => {
    if (req.url === '/metrics') return metrics.processLocalMetrics(registry).then((text) => res.end(text), (err) => res.writeHead(500).end(err.message));
    requests.inc();
    res.end(String(process.pid));
  }).listen(${port}, '127.0.0.1');
}
`,
    );
    primary = spawn(process.execPath, [script], { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    const get = async (path: string) => (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(5_000) })).text();
    await waitFor('the replicas', async () => !!(await get('/metrics').catch(() => undefined)), 20_000, 100);

    const pids = new Set<string>();
    for (let i = 0; i < 10; i++) pids.add(await get('/'));
    expect(pids.size).toBe(2); // both replicas counted some
    for (let i = 0; i < 4; i++) expect(await get('/metrics')).toMatch(/^requests_total 10$/m);
  }, 60_000);
});
