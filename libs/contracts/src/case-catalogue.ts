/**
 * Every case type, case status and task kind the processes define, gathered from their contracts and domain
 * modules (never retyped): what the list filters of /cases and /tasks accept.
 */
import { AGREEMENT_STATUSES } from '../../domain/src/coordination/agreement.types';
import { AREA_STATUSES } from '../../domain/src/coordination/area.types';
import { DISCHARGE_HANDOVER_STATUSES } from '../../domain/src/discharge/discharge.types';
import { CLAIM_STATUSES } from '../../domain/src/reimbursement/claim.types';
import { CASE_DATA_FAULT_TASK_KIND, FAULTED_STATUS } from './case-runtime.contract';
import { AREA_CASE_TYPE, AREA_TASK_KINDS } from './coordination-area.contract';
import { DISCHARGE_HANDOVER_CASE_TYPE, DISCHARGE_TASK_KINDS } from './discharge-handover.contract';
import { CLAIM_CASE_TYPE, CLAIM_TASK_KINDS } from './reimbursement-claim.contract';
import { AGREEMENT_CASE_TYPE, AGREEMENT_TASK_KINDS } from './support-agreement.contract';
import { ROUND_STATUSES, SITUATION_ROUND_CASE_TYPE, SITUATION_TASK_KINDS } from './situation-report.contract';
import { REINFORCEMENT_CASE_TYPE, REINFORCEMENT_STATUSES, TRANSFER_CASE_TYPE, TRANSFER_STATUSES, TRANSFER_TASK_KINDS } from './transfer.contract';

export const CASE_TYPES = [DISCHARGE_HANDOVER_CASE_TYPE, CLAIM_CASE_TYPE, AREA_CASE_TYPE, AGREEMENT_CASE_TYPE, SITUATION_ROUND_CASE_TYPE, TRANSFER_CASE_TYPE, REINFORCEMENT_CASE_TYPE] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/**
 * The statuses of every case type, and `faulted` (a case whose own data could not be written). A status of one
 * type with another type's filter simply matches nothing.
 */
export const CASE_STATUSES: readonly string[] = [
  ...new Set<string>([...DISCHARGE_HANDOVER_STATUSES, ...CLAIM_STATUSES, ...AREA_STATUSES, ...AGREEMENT_STATUSES, ...ROUND_STATUSES, ...TRANSFER_STATUSES, ...REINFORCEMENT_STATUSES, FAULTED_STATUS]),
];

export const TASK_KINDS: readonly string[] = [
  ...new Set<string>([
    ...Object.values(DISCHARGE_TASK_KINDS),
    ...Object.values(CLAIM_TASK_KINDS),
    ...Object.values(AREA_TASK_KINDS),
    ...Object.values(AGREEMENT_TASK_KINDS),
    ...Object.values(SITUATION_TASK_KINDS),
    ...Object.values(TRANSFER_TASK_KINDS),
    CASE_DATA_FAULT_TASK_KIND,
  ]),
];
