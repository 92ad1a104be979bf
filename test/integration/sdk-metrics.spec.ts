/**
 * The Temporal SDK's metric names that infra/observability's dashboard and alert rules may use
 * (infra/observability/sdk-metrics.json, read by the unit test observability.spec.ts) are the ones a real worker
 * exports: a worker with the Prometheus telemetry of apps/worker/src/main.ts, in a Node process of its own, runs
 * workflows on the test Temporal server and its endpoint is scraped.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../infra/net/ports';
import { TEST_ENV } from '../support/test-stack-env';

const ROOT = join(__dirname, '..', '..');

describe("the worker's Temporal SDK metrics", () => {
  it('are exported under the names and types sdk-metrics.json lists', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'vardflode-sdk-metrics-')), 'families.json');
    await promisify(execFile)(process.execPath, [join(ROOT, 'test', 'support', 'sdk-metrics', 'capture-sdk-metrics.js')], {
      cwd: ROOT,
      env: { ...process.env, TEMPORAL_ADDRESS: process.env[TEST_ENV.temporalAddress], METRICS_PORT: String(await freePort()), TASK_QUEUE: `sdk-metrics-${Date.now()}`, OUTPUT: output },
      timeout: 120_000,
    });
    const exported = JSON.parse(readFileSync(output, 'utf8')) as Record<string, string>;
    const listed = (JSON.parse(readFileSync(join(ROOT, 'infra', 'observability', 'sdk-metrics.json'), 'utf8')) as { metrics: Record<string, string> }).metrics;
    const missing = Object.entries(listed).filter(([name, type]) => exported[name] !== type);
    expect(missing).toEqual([]);
    // What the worker exports beyond the list is named, so that the list can be widened from a real run.
    const unlisted = Object.keys(exported).filter((name) => !(name in listed));
    if (unlisted.length > 0) console.info(`${output}: `, `exported but not in sdk-metrics.json: ${unlisted.join(', ')}`);
  }, 180_000);
});
