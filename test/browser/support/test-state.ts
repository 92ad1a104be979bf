/** What the browser tier's environment tells the tests about the running test (see environment.ts). */
export const TEST_STATE_GLOBAL = '__vardflodeBrowserTest';

export interface TestState {
  /** describe blocks and test name, joined by › */
  name: string;
  failed: boolean;
}

export function currentTest(): TestState | undefined {
  return (globalThis as unknown as Record<string, TestState | undefined>)[TEST_STATE_GLOBAL];
}
