/**
 * The Temporal Schedule's workflow: starts the round of the week that has just ended, once. The week comes from the
 * schedule's nominal firing time (its TemporalScheduledStartTime, so a backfill or a late start still reports on
 * the right week); the round's participants, calendar and thresholds from the starter's activity.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild, uuid4, WorkflowIdReusePolicy, workflowInfo } from '@temporalio/workflow';
import { situationRoundWorkflowId, SituationRoundActivities, SituationRoundStarterInput } from '../../libs/contracts/src/situation-report.contract';
import { reportedWeekAt } from '../../libs/domain/src/situation-reports/calendar';
import { situationReportRound } from './situation-report-round.workflow';

const { prepareSituationRound } = proxyActivities<SituationRoundActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** When the schedule meant this run to start (absent when started by hand: then the workflow's own start). */
function scheduledAt(): string {
  const info = workflowInfo();
  const nominal = info.searchAttributes?.TemporalScheduledStartTime?.[0];
  if (nominal instanceof Date) return nominal.toISOString();
  if (typeof nominal === 'string') return new Date(nominal).toISOString();
  return info.startTime.toISOString();
}

export async function startSituationReportRound(input: SituationRoundStarterInput = {}): Promise<{ week: string; roundId: string | null; workflowId: string }> {
  const week = reportedWeekAt(input.at ?? scheduledAt());
  const { taskQueue } = workflowInfo();
  // One round a week per installation: the id is the week's (and the queue's: test files share a namespace).
  const workflowId = situationRoundWorkflowId(`${week}:${taskQueue}`);
  const prepared = await prepareSituationRound({ week });
  const roundId = uuid4();
  try {
    await startChild(situationReportRound, {
      workflowId,
      args: [{ ...prepared, roundId }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { week, roundId, workflowId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { week, roundId: null, workflowId }; // started before
    throw err;
  }
}
