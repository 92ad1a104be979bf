/**
 * Frozen: the workflow types cases were started on before the shared case runtime (workflows/shared). Their code
 * is kept exactly as it ran, so those cases keep running and their recorded histories
 * (test/fixtures/workflow-histories) replay; new cases start on the V2 types. Remove a type once
 * `temporal workflow count --query "WorkflowType='<type>' AND ExecutionStatus='Running'"` is 0 in every
 * deployment. Do not change this code: a change here breaks the cases in flight.
 */
export { dischargeHandoverWorkflow } from './discharge-handover/discharge-handover.workflow';
export { reimbursementClaimWorkflow } from './reimbursement-claim/reimbursement-claim.workflow';
export { coordinationAreaWorkflow } from './coordination-area/coordination-area.workflow';
export { supportAgreementWorkflow } from './support-agreement/support-agreement.workflow';
