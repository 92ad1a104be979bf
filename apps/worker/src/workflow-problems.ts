import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { WorkflowInfo } from '@temporalio/workflow';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import { reasonCode, WorkflowProblemSinks } from '../../../libs/contracts/src/workflow-problems.contract';
import { CaseProblemsRepository } from '../../../libs/persistence/src/operations/case-problems.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CASE_TYPE = /^[a-z][a-z0-9_]{0,63}$/;

/** The case an activity's input names (every case activity takes `{ caseId, caseType, ... }` first), else nulls. */
function caseOf(args: unknown[]): { caseId: string | null; caseType: string | null } {
  const first = (args[0] ?? {}) as { caseId?: unknown; caseType?: unknown };
  return {
    caseId: typeof first.caseId === 'string' && UUID.test(first.caseId) ? first.caseId : null,
    caseType: typeof first.caseType === 'string' && CASE_TYPE.test(first.caseType) ? first.caseType : null,
  };
}

/** A failure Temporal will not retry (a refusal, a data fault the case records itself) or a cancellation: not a failing activity. */
const isFinal = (err: unknown) => (err instanceof ApplicationFailure && err.nonRetryable) || err instanceof CancelledFailure;

/**
 * The worker's activity interceptor for GET /operations/cases: an attempt at or past `failureAttempts` that fails is
 * recorded (the workflow, the activity type, the case its input names, the attempt, since when, and the error's type
 * only, never its message); the activity's next success removes the record. Activities and local activities alike
 * (a case's step is a local activity). Recording never changes the activity's outcome: a record that cannot be
 * written is logged and left.
 */
export function workflowProblemInterceptor(problems: CaseProblemsRepository, failureAttempts: number): ActivityInterceptorsFactory {
  return (ctx: Context) => ({
    inbound: {
      async execute(input, next) {
        const info = ctx.info;
        const workflowId = info.workflowExecution?.workflowId;
        try {
          const result = await next(input);
          // Only a retried activity can have a record (one attempt failed at least).
          if (workflowId && info.attempt > 1) await problems.clearFailure('failing_activity', workflowId, info.activityType).catch((e: unknown) => warn(ctx, 'clear', e));
          return result;
        } catch (err) {
          if (workflowId && info.attempt >= failureAttempts && !isFinal(err)) {
            await problems
              .recordFailure({
                problem: 'failing_activity',
                workflowId,
                workflowType: info.workflowType ?? '',
                activityType: info.activityType,
                ...caseOf(input.args),
                attempts: info.attempt,
                since: new Date(info.scheduledTimestampMs),
                reason: reasonCode(err),
              })
              .catch((e: unknown) => warn(ctx, 'record', e));
          }
          throw err;
        }
      },
    },
  });
}

function warn(ctx: Context, what: 'record' | 'clear', err: unknown): void {
  ctx.log.warn(`could not ${what} a failing activity for the operators' list`, { reason: reasonCode(err) });
}

/** For a worker without the operators' list (the workflow tier, replay): the bundle's problem interceptor calls it. */
export const IGNORED_WORKFLOW_PROBLEMS: InjectedSinks<WorkflowProblemSinks> = {
  workflowProblems: { taskFailed: { fn: () => undefined }, taskCompleted: { fn: () => undefined } },
};

/**
 * The worker's side of the workflow interceptor: counts a run's workflow tasks failed in a row (in memory: a restarted
 * worker counts again from one) and records the run once `failureAttempts` failed, from its first failure on; the
 * run's next completed activation removes the record. A workflow task that fails in the SDK itself (a history the
 * code cannot replay) is not seen here: Temporal's UI and the worker's log show it.
 */
export function workflowProblemSinks(problems: CaseProblemsRepository, failureAttempts: number, log: (message: string, reason: string) => void): InjectedSinks<WorkflowProblemSinks> {
  const failures = new Map<string, { count: number; since: Date }>();
  return {
    workflowProblems: {
      taskFailed: {
        fn: (info: WorkflowInfo, reason: string) => {
          const seen = failures.get(info.runId) ?? { count: 0, since: new Date() };
          seen.count += 1;
          failures.set(info.runId, seen);
          if (seen.count < failureAttempts) return;
          const caseId = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(info.workflowId)?.[1] ?? null;
          problems
            .recordFailure({ problem: 'failing_workflow_task', workflowId: info.workflowId, workflowType: info.workflowType, activityType: '', caseId, caseType: null, attempts: seen.count, since: seen.since, reason })
            .catch((e: unknown) => log('could not record a failing workflow task for the operators\' list', reasonCode(e)));
        },
        callDuringReplay: false,
      },
      taskCompleted: {
        fn: (info: WorkflowInfo) => {
          const seen = failures.get(info.runId);
          if (!seen) return;
          failures.delete(info.runId);
          if (seen.count >= failureAttempts) {
            problems.clearFailure('failing_workflow_task', info.workflowId).catch((e: unknown) => log('could not clear a failing workflow task for the operators\' list', reasonCode(e)));
          }
        },
        callDuringReplay: false,
      },
    },
  };
}
