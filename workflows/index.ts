// The workflow bundle's entry point: every workflow type the worker registers.
export { dischargeHandoverWorkflow } from './discharge-handover/discharge-handover.workflow';
export { reimbursementClaimWorkflow } from './reimbursement-claim/reimbursement-claim.workflow';
export { coordinationAreaWorkflow } from './coordination-area/coordination-area.workflow';
export { supportAgreementWorkflow } from './support-agreement/support-agreement.workflow';
