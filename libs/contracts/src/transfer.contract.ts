/**
 * Inter-regional patient transfer and national reinforcement (seed 003): one workflow per transfer request and one
 * per reinforcement request, on the shared case runtime.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/src/case/case';
import type { Reinforcement, ReinforcementCategory } from '../../domain/src/transfers/reinforcement.rules';
import type { CancelReason, Transfer, TransferPolicy, TransferRequest } from '../../domain/src/transfers/transfer.types';
import type { CaseCarry, CaseRuntimeView, CommandResult } from './case-runtime.contract';

export { TRANSFER_STATUSES } from '../../domain/src/transfers/transfer.types';

export const TRANSFER_CASE_TYPE = 'patient_transfer';
export const TRANSFER_WORKFLOW_TYPE = 'patientTransfer';
export const transferWorkflowId = (requestId: string) => `patient-transfer-${requestId}`;

export const REINFORCEMENT_CASE_TYPE = 'reinforcement_request';
export const REINFORCEMENT_WORKFLOW_TYPE = 'reinforcementRequest';
export const reinforcementWorkflowId = (requestId: string) => `reinforcement-${requestId}`;
export const REINFORCEMENT_STATUSES = ['requested', 'allocated', 'declined'] as const;

export interface TransferInput {
  requestId: string;
  request: TransferRequest;
  /** Every region's code, for the proposal's checks. */
  regions: string[];
  policy: TransferPolicy;
  auditedRequestId?: string;
  carried?: CaseCarry<Transfer>;
}

export interface ReinforcementInput {
  requestId: string;
  region: string;
  category: ReinforcementCategory;
  quantity: number;
  by: Actor;
  allocateDueMs: number;
  auditedRequestId?: string;
  carried?: CaseCarry<Reinforcement>;
}

export type TransferState = Transfer & CaseRuntimeView;
export type ReinforcementState = Reinforcement & CaseRuntimeView;

export const TRANSFER_TASK_KINDS = {
  matching: 'transfer.matching',
  offer: 'transfer.offer',
  dutyOfficer: 'transfer.duty_officer',
  transport: 'transfer.transport',
  departure: 'transfer.departure',
  arrival: 'transfer.arrival',
  admission: 'transfer.admission',
  allocate: 'reinforcement.allocate',
} as const;

type Audited<C> = C & { requestId?: string };

export const cancelTransferUpdate = defineUpdate<CommandResult<TransferState>, [Audited<{ reason: CancelReason; comment?: string; by: Actor }>]>('cancelTransfer');
export const transferOpenedUpdate = defineUpdate<CommandResult<TransferState>>('transferOpened');
export const transferStateQuery = defineQuery<TransferState>('transferState');
export const reinforcementOpenedUpdate = defineUpdate<CommandResult<ReinforcementState>>('reinforcementOpened');
export const reinforcementStateQuery = defineQuery<ReinforcementState>('reinforcementState');
