import { Client, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { AppConfig } from '../../../libs/config/src/app-config';
import { SITUATION_ROUND_STARTER_WORKFLOW_TYPE, situationRoundScheduleId } from '../../../libs/contracts/src/situation-report.contract';
import { LEGAL_TIME_ZONE } from '../../../libs/domain/src/time/stockholm';

/**
 * The Temporal Schedule that starts a situation-report round every SITUATION_REPORT_SCHEDULE (Stockholm time;
 * Monday 00:00 by default) on this worker's task queue. Idempotent: created on the worker's first start, its spec
 * brought up to date on later starts, deleted when the setting is `off`. A missed firing (the system was down) is
 * caught up within a day; each run starts its week's round once.
 */
export async function ensureSituationRoundSchedule(client: Client, config: AppConfig): Promise<string | null> {
  const scheduleId = situationRoundScheduleId(config.TEMPORAL_TASK_QUEUE);
  if (config.SITUATION_REPORT_SCHEDULE === 'off') {
    await client.schedule
      .getHandle(scheduleId)
      .delete()
      .catch((err: unknown) => {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
      });
    return null;
  }
  const spec = { cronExpressions: [config.SITUATION_REPORT_SCHEDULE], timezone: LEGAL_TIME_ZONE };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action: {
        type: 'startWorkflow',
        workflowType: SITUATION_ROUND_STARTER_WORKFLOW_TYPE,
        workflowId: `situation-report-round-starter-${config.TEMPORAL_TASK_QUEUE}`,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [{}],
      },
      policies: { overlap: ScheduleOverlapPolicy.BUFFER_ALL, catchupWindow: '1 day' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec }));
  }
  return scheduleId;
}
