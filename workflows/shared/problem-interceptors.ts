/**
 * Workflow interceptors of every case workflow (listed in the bundle's workflowInterceptorModules): an error of the
 * workflow's code that fails its workflow task (anything but a Temporal failure, a continue-as-new or a cancellation)
 * is told to the worker through a sink, by its type only; so is every completed activation. The worker counts them per
 * run for the operators' list (apps/worker/src/workflow-problems.ts). No commands, so replay is unchanged.
 */
import { ContinueAsNew, isCancellation, proxySinks, TemporalFailure, WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { reasonCode, WorkflowProblemSinks } from '../../libs/contracts/src/workflow-problems.contract';

const { workflowProblems } = proxySinks<WorkflowProblemSinks>();

async function failing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof TemporalFailure) && !(err instanceof ContinueAsNew) && !isCancellation(err)) workflowProblems.taskFailed(reasonCode(err));
    throw err;
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      execute: (input, next) => failing(() => next(input)),
      handleSignal: (input, next) => failing(() => next(input)),
      handleUpdate: (input, next) => failing(() => next(input)),
    },
  ],
  internals: [
    {
      concludeActivation: (input, next) => {
        workflowProblems.taskCompleted();
        return next(input);
      },
    },
  ],
});
