// The workflow tier's bundle entry: every production workflow, plus the test-only workflows under test/workflow/.
export * from '../../../workflows';
export { answerWithinThirtyDaysWorkflow } from '../workflows/answer-deadline.workflow';
export { acknowledgementWorkflow } from '../workflows/acknowledgement.workflow';
