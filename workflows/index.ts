// The workflow bundle's entry point: every workflow type the worker registers.
export { dischargeHandoverWorkflow } from './discharge-handover/discharge-handover.workflow';
export { reimbursementClaimWorkflow } from './reimbursement-claim/reimbursement-claim.workflow';
