import { rmSync } from 'node:fs';
import { TestStackGlobals } from './test-stack-env';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as TestStackGlobals).__vardflodeTestStack;
  if (!stack) return; // stopped already by the other tier's teardown
  delete (globalThis as TestStackGlobals).__vardflodeTestStack;
  await Promise.allSettled([stack.temporal.stop(), stack.postgres.stop()]);
  rmSync(stack.base, { recursive: true, force: true });
  console.log('[test-stack] stopped Temporal and PostgreSQL');
}
