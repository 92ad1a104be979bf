import { rmSync } from 'node:fs';
import { TestStackGlobals } from './test-stack-env';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as TestStackGlobals).__vardflodeTestStack;
  if (!stack) return; // stopped already by the other tier's teardown
  delete (globalThis as TestStackGlobals).__vardflodeTestStack;
  // Temporal first: a cluster keeps its databases in this PostgreSQL.
  await stack.temporal.stop().catch((err: Error) => console.log(`[test-stack] Temporal did not stop cleanly: ${err.message}`));
  await stack.postgres.stop().catch((err: Error) => console.log(`[test-stack] PostgreSQL did not stop cleanly: ${err.message}`));
  rmSync(stack.base, { recursive: true, force: true });
  console.log('[test-stack] stopped Temporal and PostgreSQL');
}
