import type { Role } from '../../../../libs/auth/src/principal';
import { AREA_CASE_TYPE } from '../../../../libs/contracts/src/coordination-area.contract';
import { DISCHARGE_HANDOVER_CASE_TYPE } from '../../../../libs/contracts/src/discharge-handover.contract';
import { CLAIM_CASE_TYPE } from '../../../../libs/contracts/src/reimbursement-claim.contract';
import { AGREEMENT_CASE_TYPE } from '../../../../libs/contracts/src/support-agreement.contract';
import { SITUATION_ROUND_CASE_TYPE } from '../../../../libs/contracts/src/situation-report.contract';
import { REINFORCEMENT_CASE_TYPE, TRANSFER_CASE_TYPE } from '../../../../libs/contracts/src/transfer.contract';

/**
 * Need to know: which roles of a party organisation may read a case of each type (the case itself, its state, its
 * timeline, and its place in `/cases`). Tasks are not governed by this: a task is for its organisation's holders of
 * its role, and carries what they need (HSF finance's invoice basis of a discharge, for example, without the case).
 *
 * - discharge handovers carry a patient's care: the people who plan it (case handlers) and those who take
 *   escalations (coordinators). Finance, approvers and organisation admins do not read them.
 * - reimbursement claims and the support agreement are money: the handlers who file, the approvers who decide,
 *   the finance staff who pay, and coordinators.
 * - coordination areas: the handlers and approvers who designate and onboard, and coordinators. Not finance.
 *
 * Organisation admins read their organisation's audit trail, not its cases; platform roles read no case.
 */
export const NEED_TO_KNOW: Readonly<Record<string, readonly Role[]>> = {
  [DISCHARGE_HANDOVER_CASE_TYPE]: ['case_handler', 'coordinator'],
  [CLAIM_CASE_TYPE]: ['case_handler', 'approver', 'finance', 'coordinator'],
  [AGREEMENT_CASE_TYPE]: ['case_handler', 'approver', 'finance', 'coordinator'],
  [AREA_CASE_TYPE]: ['case_handler', 'approver', 'coordinator'],
  // A round's case (Socialstyrelsen's): who reported when, never a figure. Reports are read through SITUATION_REPORTS.
  [SITUATION_ROUND_CASE_TYPE]: ['case_handler', 'coordinator'],
  // Transfers and reinforcement: the coordinators who request, offer and decide, and case handlers who follow them.
  [TRANSFER_CASE_TYPE]: ['case_handler', 'coordinator'],
  [REINFORCEMENT_CASE_TYPE]: ['case_handler', 'coordinator'],
};

/** Mandates and their figures are read like the claims made under them. */
export const MANDATE_READERS = NEED_TO_KNOW[CLAIM_CASE_TYPE];

/** The roles that may read a case of `caseType` (none for a type the table does not name). */
export const readersOf = (caseType: string): readonly Role[] => NEED_TO_KNOW[caseType] ?? [];

/** The case types a holder of `roles` may read. */
export const readableCaseTypes = (roles: readonly Role[]): string[] =>
  Object.entries(NEED_TO_KNOW)
    .filter(([, readers]) => readers.some((r) => roles.includes(r)))
    .map(([type]) => type);

/**
 * Who may take out a patient's access log (`POST /patients/access-log`, patientdatalagen 4 kap.): the care
 * provider's own check of who read its patients' data, and the patient's right to be told. Named policy (our
 * assumption; the law puts the duty on each care provider and names no role): an organisation's `admin`, who
 * already reads its organisation's audit trail, sees the reads of the patient's cases that organisation is party
 * to (by anyone, of any party); HSF's `platform_auditor` sees the reads of all the patient's cases. Case roles
 * (case handlers, coordinators) do not: they read the patient's care, not who else read it.
 */
export const PATIENT_ACCESS_LOG_READERS = {
  organisation: 'admin',
  platform: 'platform_auditor',
} as const satisfies Record<'organisation' | 'platform', Role>;

/**
 * Situation reports (issue 14): who reads which rounds, pictures and raw reports. Named policy (our assumption; the
 * seeds say only that Socialstyrelsen passes situation pictures on to the regions and that municipalities report
 * shortages through their county board). Within an organisation, its case handlers (who report) and coordinators
 * (who take escalations) read; by the organisation's kind:
 * - `national_agency` (Socialstyrelsen) runs the rounds: every round, picture and report, and starts extra rounds;
 * - `county_board` (Länsstyrelsen): every round and picture, and the reports of its own county;
 * - `municipality`, `region`: the rounds they report in, their pictures, and their own reports;
 * - `association` (SKR): every round and picture, no raw report.
 * Any other organisation has no round: for it they do not exist (404).
 */
export const SITUATION_REPORTS = {
  readers: ['case_handler', 'coordinator'] as readonly Role[],
  /** Who starts an extra round: Socialstyrelsen's coordinators. */
  starter: { kind: 'national_agency', role: 'coordinator' as Role },
  remit: {
    national_agency: 'all',
    county_board: 'county',
    municipality: 'own',
    region: 'own',
    association: 'none',
  } as Readonly<Record<string, 'all' | 'county' | 'own' | 'none'>>,
} as const;
