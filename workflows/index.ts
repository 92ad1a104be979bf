// The workflow bundle's entry point: every workflow type the worker registers.
export { dischargeHandoverV2 } from './discharge-handover/discharge-handover.workflow';
export { reimbursementClaimV2 } from './reimbursement-claim/reimbursement-claim.workflow';
export { coordinationAreaV2 } from './coordination-area/coordination-area.workflow';
export { supportAgreementV2 } from './support-agreement/support-agreement.workflow';
export { situationReportRound } from './situation-report-round/situation-report-round.workflow';
export { startSituationReportRound } from './situation-report-round/start-situation-report-round.workflow';
export { patientTransfer } from './patient-transfer/patient-transfer.workflow';
export { reinforcementRequest } from './patient-transfer/reinforcement-request.workflow';
export { patientDataErasure } from './patient-data-erasure/patient-data-erasure.workflow';
// The types cases were started on before the shared runtime: registered until their cases have ended.
export * from './legacy';
