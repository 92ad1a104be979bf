import { rmSync } from 'node:fs';
import { WorkflowTierGlobals } from './workflow-tier-env';

// The servers themselves stop in each test file's afterAll; only the bundle's folder is left.
export default function globalTeardown(): void {
  const tier = (globalThis as WorkflowTierGlobals).__vardflodeWorkflowTier;
  if (tier) rmSync(tier.base, { recursive: true, force: true });
}
