/**
 * Per-test-file pieces of the workflow tier: a Temporal time-skipping test server of the file's own, and workers on
 * the prebuilt bundle with the activities a test passes (plain functions, usually recording their calls).
 *
 * Time skips only while a test awaits a workflow's result (client.workflow.execute, handle.result) or calls
 * env.sleep(); it is global to the server, so tests of one file run one after another (jest's default). While a
 * result is awaited the server skips to its next timer, and a finished workflow still leaves one: the test server's
 * default 10-year execution timeout. So env.currentTimeMs() after a result is only a lower bound; assert on times
 * the workflow read from its own clock (Date.now() in workflow code).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { freePort } from '../../../infra/net/ports';
import { vardflodeDataConverter } from '../../../libs/crypto/src/payload-codec';
import { workflowSpanSinks } from '../../../libs/telemetry/src/temporal-tracing';
import { IGNORED_WORKFLOW_PROBLEMS } from '../../../apps/worker/src/workflow-problems';
import { fixedTestKeyRing } from '../../support/test-key-ring';
import { workflowTierEnv } from './workflow-tier-env';

export interface TimeSkipping {
  /** This file's environment: client, currentTimeMs(), sleep(). Available from beforeAll on. */
  readonly env: TestWorkflowEnvironment;
  /**
   * Runs a worker with `activities` on a fresh task queue while `body` runs, and stops it when `body` settles
   * (the worker's own failure fails the call too).
   */
  withWorker<R>(activities: object, body: (taskQueue: string) => Promise<R>, options?: { taskQueue?: string }): Promise<R>;
}

/** Starts a time-skipping server in beforeAll and stops it in afterAll. Call it at the top of a describe block. */
export function useTimeSkipping(): TimeSkipping {
  let env: TestWorkflowEnvironment | undefined;
  // The client and the workers seal payloads as in production (on the fixed test ring, so recorded histories replay).
  const dataConverter = vardflodeDataConverter(fixedTestKeyRing());

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: {
        executable: { type: 'existing-path', path: workflowTierEnv('timeSkippingServer') },
        // The SDK runs `<executable> <port>` and looks for a free port on 0.0.0.0 unless given one: take it
        // from 127.0.0.1 instead. The SDK then waits at most 5 s for the server to answer on 127.0.0.1:<port>.
        port: await freePort(),
      },
      client: { dataConverter },
    });
  });

  afterAll(async () => {
    // Kills the server process (the launcher execs java, so that is the JVM) and closes the connections.
    await env?.teardown();
  });

  const current = (): TestWorkflowEnvironment => {
    if (!env) throw new Error('the time-skipping environment exists only inside tests and hooks (after beforeAll)');
    return env;
  };

  return {
    get env() {
      return current();
    },
    async withWorker(activities, body, options) {
      const environment = current();
      // A given queue lets a test park work there before any worker polls it (e.g. an update that must arrive with
      // a run's first workflow task).
      const taskQueue = options?.taskQueue ?? `workflow-test-${randomUUID()}`;
      const worker = await Worker.create({
        connection: environment.nativeConnection,
        namespace: environment.namespace ?? 'default',
        taskQueue,
        workflowBundle: { codePath: workflowTierEnv('workflowBundle') },
        activities,
        dataConverter,
        // The bundle's tracing interceptors hand their spans to this sink (tracing is off here: it drops them).
        sinks: { ...workflowSpanSinks(), ...IGNORED_WORKFLOW_PROBLEMS },
      });
      return worker.runUntil(() => body(taskQueue));
    },
  };
}
