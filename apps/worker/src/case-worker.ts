import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { AppConfig } from '../../../libs/config/src/app-config';
import type { KeyRing } from '../../../libs/crypto/src/key-ring';
import { vardflodeDataConverter } from '../../../libs/crypto/src/payload-codec';
import type { AllActivities } from '../../../activities/activities.module';
import type { CaseProblemsRepository } from '../../../libs/persistence/src/operations/case-problems.repository';
import { workerTracingOptions } from '../../../libs/telemetry/src/temporal-tracing';
import { workflowProblemInterceptor, workflowProblemSinks } from './workflow-problems';

/** Built by `npm run build` next to the compiled code; production workers use it instead of bundling at start. */
export const PREBUILT_WORKFLOW_BUNDLE = join(__dirname, '..', '..', '..', 'workflow-bundle.js');
export const WORKFLOWS_SOURCE = require.resolve('../../../workflows');

export interface CaseWorkerOptions {
  connection: NativeConnection;
  config: AppConfig;
  activities: AllActivities;
  /** The patient-data key ring: every payload is sealed with it (the API's client uses the same data converter). */
  keyRing: KeyRing;
  /** Where activities that keep failing are recorded for the operators' list (GET /operations/cases). */
  problems: CaseProblemsRepository;
  /** Only for the codec benchmark's side without the codec; everything else uses the key ring's converter. */
  dataConverter?: DataConverter;
  /** A prebuilt bundle's path; defaults to the build output when present, else bundles from source. */
  workflowBundlePath?: string;
}

export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const bundlePath =
    options.workflowBundlePath ?? (existsSync(PREBUILT_WORKFLOW_BUNDLE) ? PREBUILT_WORKFLOW_BUNDLE : undefined);
  const tracing = workerTracingOptions({ bundled: bundlePath !== undefined });
  return Worker.create({
    connection: options.connection,
    namespace: options.config.TEMPORAL_NAMESPACE,
    taskQueue: options.config.TEMPORAL_TASK_QUEUE,
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: WORKFLOWS_SOURCE }),
    activities: options.activities,
    // Sealed payloads: a key missing from the ring fails that workflow's task (its history names the key), not the worker.
    dataConverter: options.dataConverter ?? vardflodeDataConverter(options.keyRing),
    // Bounded, so a worker's memory stays flat however many cases are open (evicted ones replay on their next task).
    maxCachedWorkflows: options.config.TEMPORAL_MAX_CACHED_WORKFLOWS,
    // Activity spans when tracing is on; the sink of the workflow interceptors' spans always.
    ...tracing,
    // An activity failing again and again is recorded for the operators' list, and cleared when it succeeds. So is a
    // workflow task failing again and again (the bundle's problem interceptor tells the worker through these sinks).
    interceptors: { ...tracing.interceptors, activity: [...(tracing.interceptors?.activity ?? []), workflowProblemInterceptor(options.problems, options.config.OPERATIONS_FAILURE_ATTEMPTS)] },
    sinks: {
      ...tracing.sinks,
      ...workflowProblemSinks(options.problems, options.config.OPERATIONS_FAILURE_ATTEMPTS, (message, reason) => Runtime.instance().logger.warn(message, { reason })),
    },
  });
}
