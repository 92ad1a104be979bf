/**
 * Once per jest run for the workflow tier: finds Temporal's time-skipping test server (fetched with Maven into the
 * user's cache the first time) and bundles the production and test-only workflows once. Each test file then
 * starts its own server from that executable (test/workflow/support/time-skipping.ts).
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../../libs/crypto/src/failure-converter';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../../../libs/telemetry/src/workflow-interceptor-modules';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTimeSkippingServer } from '../../../infra/temporal/time-skipping-server';
import { WORKFLOW_TIER_ENV, WorkflowTierGlobals } from './workflow-tier-env';

const log = (line: string) => console.log(`[workflow-tier] ${line}`);

export default async function globalSetup(): Promise<void> {
  const server = await resolveTimeSkippingServer(process.env.TEMPORAL_TEST_SERVER, log);

  log('bundling the workflows once for all workflow test files');
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('./workflows'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger: { log: () => undefined, info: () => undefined, warn: log, error: log, debug: () => undefined, trace: () => undefined },
  });
  // Made only once the bundle exists: jest skips the global teardown when a global setup fails.
  const base = mkdtempSync(join(tmpdir(), 'vardflode-workflow-tier-'));
  (globalThis as WorkflowTierGlobals).__vardflodeWorkflowTier = { base };
  const bundlePath = join(base, 'workflow-bundle.js');
  writeFileSync(bundlePath, code);

  process.env[WORKFLOW_TIER_ENV.timeSkippingServer] = server;
  process.env[WORKFLOW_TIER_ENV.workflowBundle] = bundlePath;
}
