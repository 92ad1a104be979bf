import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { CaseProblemsRepository, reasonCode } from '../../../libs/persistence/src/operations/case-problems.repository';

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
