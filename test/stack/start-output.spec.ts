/**
 * Issue 17: `npm start` shows a person a few readable lines before its ready banner, not ~100 JSON lines (one per
 * mapped route). The launcher (from dist/, as `npm start` runs it after its one-line build) on a new data folder, so
 * the first start's extra lines (a new PostgreSQL cluster, the migrations, the reference data) are counted too.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type RunningStack } from '../../infra/bench/scale-support';

jest.setTimeout(150_000);

describe('npm start on a terminal', () => {
  let dataDir: string;
  let stack: RunningStack | undefined;
  const output: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vardflode-start-'));
    chmodSync(dataDir, 0o755); // the embedded PostgreSQL may run as another user (when this runs as root)
    stack = await startStack({
      mode: 'dev',
      dataDir,
      workerCount: 1,
      apiReplicas: 1,
      // What a person at a terminal gets: LOG_FORMAT=auto picks pretty there; the pipe here needs it said.
      extraEnv: { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' },
      log: () => undefined,
      onOutput: (line) => output.push(line),
    });
  }, 140_000);

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints at most ten short readable lines before the ready banner, none of them JSON or a mapped route', async () => {
    // The banner follows /health/ready, which startStack also waited for: give the launcher's stdout a moment.
    for (let i = 0; i < 50 && !output.some((l) => l.includes('vardflode is ready')); i++) await new Promise((r) => setTimeout(r, 100));
    const banner = output.findIndex((l) => l.includes('vardflode is ready'));
    expect(banner).toBeGreaterThan(0);
    const before = output.slice(0, banner).filter((l) => l.trim() !== '');
    // Shown with the count, so a failure says which lines crept in.
    expect({ count: before.length, lines: before }).toEqual({ count: Math.min(before.length, 10), lines: before });
    for (const line of before) {
      expect({ line, json: line.trimStart().startsWith('{') }).toEqual({ line, json: false });
      expect(line).not.toMatch(/Mapped \{|dependencies initialized|RoutesResolver/);
      expect(line.length).toBeLessThan(200);
    }
    // The lines say what happened, one per part: the database, Temporal, the worker and the API.
    expect(before.join('\n')).toMatch(/PostgreSQL ready/);
    expect(before.join('\n')).toMatch(/Temporal dev server ready/);
    expect(before.join('\n')).toMatch(/worker: worker polling/);
    expect(before.join('\n')).toMatch(/api: listening on http:\/\/127\.0\.0\.1:\d+/);
  });
});
