/**
 * The checks of the transfer screens' forms, said in Swedish at the field before anything is sent: a transfer
 * request's patients and earliest departure (keyed as the API names the fields), and the report's period.
 */
import { NO_STOCKHOLM_TIME, stockholmWallTimeToInstant } from './stockholm-input';
import { referenceProblem, type CareLevel, type InfectionStatus } from './transfer-labels';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface PatientRow {
  reference: string;
  careLevel: CareLevel | '';
  infection: InfectionStatus | '';
}

export interface TransferDraft {
  patients: PatientRow[];
  earliestDeparture: string;
}

export const EMPTY_PATIENT: PatientRow = { reference: '', careLevel: '', infection: '' };
export const MAX_PATIENTS = 20;

/** An API field path (`patients[0].reference`, or class-validator's `patients.0.reference`) as the form's key. */
export const formFieldOf = (path: string) => path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');

/** The form's own checks, keyed as the API names the fields: each patient's reference, care level, infection; the time. */
export function transferFormErrors(draft: TransferDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  draft.patients.forEach((p, i) => {
    const earlier = draft.patients.slice(0, i).map((x) => x.reference.trim());
    const problem = referenceProblem(p.reference, earlier);
    if (problem) errors[`patients[${i}].reference`] = problem;
    if (!p.careLevel) errors[`patients[${i}].careLevel`] = 'Välj vårdnivå.';
    if (!p.infection) errors[`patients[${i}].infection`] = 'Välj smittstatus.';
  });
  if (!draft.earliestDeparture) errors.earliestDeparture = 'Ange dag och tid (svensk tid).';
  else if (!stockholmWallTimeToInstant(draft.earliestDeparture)) errors.earliestDeparture = NO_STOCKHOLM_TIME;
  return errors;
}

/** Today's Stockholm date, YYYY-MM-DD (the period's default end). */
export const stockholmToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The report's period checked before it is asked for, keyed as the API names the fields. */
export function periodErrors(from: string, to: string): { from?: string; to?: string } {
  const errors: { from?: string; to?: string } = {};
  const valid = (d: string) => {
    if (!DATE.test(d)) return false;
    const [y, m, day] = d.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, day)).toISOString().slice(0, 10) === d; // not 2026-02-30
  };
  if (!valid(from)) errors.from = 'Ange ett datum (ÅÅÅÅ-MM-DD).';
  if (!valid(to)) errors.to = 'Ange ett datum (ÅÅÅÅ-MM-DD).';
  else if (!errors.from && to < from) errors.to = 'Slutdatum kan inte vara före startdatum.';
  return errors;
}

