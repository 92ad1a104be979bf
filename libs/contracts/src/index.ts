export * from './task-queues';
export * from './discharge-handover.contract';
export * from './case-projection.contract';
export * from './answer-schema';
export * from './human-task.contract';
export * from './payment-liability.contract';
export * from './reimbursement-claim.contract';
