/**
 * Erasure (gallring) of patient data by crypto-shredding, run by a Temporal Schedule (see the worker's
 * erasure-schedule.ts): finds the cases whose patient data is due and erases each in its own activity (one
 * transaction: data key destroyed, sealed columns cleared, audit row). Deterministic: "now" is the input's or the
 * workflow clock's (the schedule's firing time), never the activities'.
 */
import { proxyActivities } from '@temporalio/workflow';
import type {
  PatientDataErasureActivities,
  PatientDataErasureInput,
  PatientDataErasureResult,
} from '../../libs/contracts/src/patient-data-erasure.contract';

const { casesDueForErasure, erasePatientData } = proxyActivities<PatientDataErasureActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const BATCH = 200;
/** Batches a run: bounded history; what is left is due again on the schedule's next firing. */
const MAX_BATCHES = 20;

export async function patientDataErasure(input: PatientDataErasureInput = {}): Promise<PatientDataErasureResult> {
  const now = input.now ?? new Date().toISOString();
  const erased: string[] = [];
  let closedBefore = now;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const due = await casesDueForErasure({ now, limit: BATCH });
    closedBefore = due.closedBefore;
    for (const caseId of due.caseIds) {
      if (await erasePatientData({ caseId, erasedAt: now, retentionDays: due.retentionDays })) erased.push(caseId);
    }
    if (due.caseIds.length < BATCH) break;
  }
  return { closedBefore, erased };
}
