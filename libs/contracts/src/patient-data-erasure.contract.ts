/**
 * Erasure (gallring) of patient data by crypto-shredding (issue 13): a Temporal Schedule runs `patientDataErasure`,
 * which finds cases ended longer than PATIENT_DATA_RETENTION_DAYS ago and destroys their data keys, one case a
 * transaction (an activity each), each audited. Nothing here carries personal data: case ids and instants only.
 */
export const PATIENT_DATA_ERASURE_WORKFLOW_TYPE = 'patientDataErasure';

/** One schedule per task queue (test files share a namespace, each on its own queue). */
export function patientDataErasureScheduleId(taskQueue: string): string {
  return `patient-data-erasure:${taskQueue}`;
}

export interface PatientDataErasureInput {
  /** The erasure's "now" (ISO instant); by default the workflow's own clock (the schedule's firing time). */
  now?: string;
}

export interface PatientDataErasureResult {
  /** Cases that ended before this instant were due. */
  closedBefore: string;
  erased: string[];
}

export interface PatientDataErasureActivities {
  /** Ended cases whose patient data is due for erasure at `now` (oldest first, at most `limit`). */
  casesDueForErasure(q: { now: string; limit: number }): Promise<{ caseIds: string[]; closedBefore: string; retentionDays: number }>;
  /** One case: its data key destroyed, its sealed data and index cleared, an audit row. False when already done. */
  erasePatientData(e: { caseId: string; erasedAt: string; retentionDays: number }): Promise<boolean>;
}
