/** The closed sets that span every kind of case, built from the constants each process defines. */
import { AGREEMENT_CASE_TYPE } from '../../../../libs/contracts/src/support-agreement.contract';
import { AREA_CASE_TYPE } from '../../../../libs/contracts/src/coordination-area.contract';
import { DISCHARGE_HANDOVER_CASE_TYPE } from '../../../../libs/contracts/src/discharge-handover.contract';
import { CLAIM_CASE_TYPE } from '../../../../libs/contracts/src/reimbursement-claim.contract';
import { AGREEMENT_STATUSES } from '../../../../libs/domain/src/coordination/agreement.types';
import { AREA_STATUSES } from '../../../../libs/domain/src/coordination/area.types';
import { DISCHARGE_HANDOVER_STATUSES } from '../../../../libs/domain/src/discharge/discharge.types';
import { CLAIM_STATUSES } from '../../../../libs/domain/src/reimbursement/claim.types';

/** Every kind of case, by the constant each process defines. */
export const CASE_TYPES = [DISCHARGE_HANDOVER_CASE_TYPE, CLAIM_CASE_TYPE, AGREEMENT_CASE_TYPE, AREA_CASE_TYPE] as const;
/** Every status a case of any kind can be in. */
export const CASE_STATUSES = [...new Set([...DISCHARGE_HANDOVER_STATUSES, ...CLAIM_STATUSES, ...AGREEMENT_STATUSES, ...AREA_STATUSES])];
