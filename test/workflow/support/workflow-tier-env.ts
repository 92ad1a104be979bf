/**
 * How the workflow tier's global setup tells the test files where the time-skipping server and the bundle are.
 * The names differ from the integration tier's (test/support/test-stack-env.ts): both setups run in one jest process.
 */
export const WORKFLOW_TIER_ENV = {
  timeSkippingServer: 'VARDFLODE_TEST_TIME_SKIPPING_SERVER',
  workflowBundle: 'VARDFLODE_TEST_TIME_SKIPPING_BUNDLE',
} as const;

export type WorkflowTierGlobals = typeof globalThis & { __vardflodeWorkflowTier?: { base: string } };

export function workflowTierEnv(name: keyof typeof WORKFLOW_TIER_ENV): string {
  const value = process.env[WORKFLOW_TIER_ENV[name]];
  if (!value) throw new Error(`${WORKFLOW_TIER_ENV[name]} is not set: run the workflow tests through jest's workflow project`);
  return value;
}
