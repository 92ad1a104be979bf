import type { NewAuditEntry } from '../../../../libs/persistence/src/audit/audit.repository';
import type { Principal, Role } from '../../../../libs/auth/src/principal';

/**
 * Patientdatalagen (2008:355) 4 kap.: every access to a patient's data is logged, can be checked, and a patient may
 * ask who read it. A request whose answer showed a patient's identity writes one audit row with this action (in
 * the hash-chained audit log, so the chain covers it); `POST /patients/access-log` lists them per patient.
 */
export const PATIENT_DATA_READ = 'patient_data.read';
/** The extract itself (who asked for which patient's access log), audited without the personnummer. */
export const PATIENT_DATA_EXTRACT = 'patient_data.extract';

/**
 * The fields through which an answer shows who the patient is: the discharge notice's `patient` (in its tasks'
 * input), the written summary's `patientName`, the case projection's `subject`, and a bare `personnummer`. An
 * erased or withheld value (null, '') shows nothing.
 */
export const PATIENT_DATA_FIELDS: ReadonlySet<string> = new Set(['patient', 'patientName', 'subject', 'personnummer']);

const MAX_DEPTH = 8;

/** Whether `body` (an answer about to go out) carries a patient's identity in one of PATIENT_DATA_FIELDS. */
export function showsPatientData(body: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH || body === null || typeof body !== 'object') return false;
  if (Array.isArray(body)) return body.some((item) => showsPatientData(item, depth + 1));
  for (const [key, value] of Object.entries(body)) {
    if (PATIENT_DATA_FIELDS.has(key) && value !== null && value !== undefined && value !== '') return true;
    if (typeof value === 'object' && showsPatientData(value, depth + 1)) return true;
  }
  return false;
}

/** What a patient_data.read row says beyond who, when and which case: how the data was reached. */
export interface PatientDataReadDetail {
  /** The route template and method (`GET /tasks/:taskId`), never the URL as sent. */
  endpoint: string;
  /** The roles that gave the access: the case type's need-to-know roles the person holds, or the task's role. */
  roles: Role[];
  /** The route's own audit action (`task.read`, `case.read_summary`, `task.claim` …). */
  via: string;
}

/** The audit row of one read that showed a patient's data. */
export function patientDataReadEntry(
  principal: Principal,
  read: { caseId: string; taskId: string | null; requestId: string | null; method: string; route: string; roles?: Role[]; via: string },
): NewAuditEntry {
  const detail: PatientDataReadDetail = {
    endpoint: `${read.method} ${read.route}`,
    roles: read.roles && read.roles.length > 0 ? read.roles : principal.roles,
    via: read.via,
  };
  return {
    actor: principal.personId,
    organisationCode: principal.organisationCode,
    action: PATIENT_DATA_READ,
    caseId: read.caseId,
    taskId: read.taskId,
    requestId: read.requestId,
    outcome: 'success',
    detail: { ...detail },
  };
}
