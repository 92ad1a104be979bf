import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { AppConfig } from '../../../libs/config/src/app-config';
import {
  PATIENT_DATA_ERASURE_WORKFLOW_TYPE,
  patientDataErasureScheduleId,
} from '../../../libs/contracts/src/patient-data-erasure.contract';
import { durationMs } from '../../../libs/domain/src/time/duration';

/**
 * The Temporal Schedule that runs the erasure of patient data (gallring) every PATIENT_DATA_ERASURE_INTERVAL on
 * this worker's task queue. Idempotent: created on the worker's first start, its interval brought up to date on
 * later starts. Overlapping runs are skipped (one erasure at a time).
 */
export async function ensurePatientDataErasureSchedule(client: Client, config: AppConfig): Promise<string> {
  const scheduleId = patientDataErasureScheduleId(config.TEMPORAL_TASK_QUEUE);
  const spec = { intervals: [{ every: durationMs(config.PATIENT_DATA_ERASURE_INTERVAL) }] };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action: {
        type: 'startWorkflow',
        workflowType: PATIENT_DATA_ERASURE_WORKFLOW_TYPE,
        workflowId: `patient-data-erasure-${config.TEMPORAL_TASK_QUEUE}`,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [{}],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec }));
  }
  return scheduleId;
}
