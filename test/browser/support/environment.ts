/**
 * The browser tier's jest environment: Node's, plus a note of whether the running test has failed, so that the
 * harness's afterEach can take screenshots of a failed test only (jest-circus tells environments, not tests).
 */
import type { Circus } from '@jest/types';
import { TestEnvironment as NodeEnvironment } from 'jest-environment-node';
import { TEST_STATE_GLOBAL, TestState } from './test-state';

export default class BrowserTestEnvironment extends NodeEnvironment {
  handleTestEvent(event: Circus.Event): void {
    const global = this.global as unknown as Record<string, TestState>;
    if (event.name === 'test_start') {
      global[TEST_STATE_GLOBAL] = { name: fullName(event.test), failed: false };
    } else if (event.name === 'test_fn_failure' || (event.name === 'hook_failure' && event.hook.type === 'beforeEach')) {
      const state = global[TEST_STATE_GLOBAL];
      if (state) state.failed = true;
    }
  }
}

function fullName(test: Circus.TestEntry): string {
  const names: string[] = [];
  for (let block: Circus.DescribeBlock | undefined = test.parent; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent) {
    names.unshift(block.name);
  }
  return [...names, test.name].join(' › ');
}
