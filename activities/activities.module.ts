import { INestApplicationContext, Module } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { CASE_DATA_ERROR } from '../libs/contracts/src/case-runtime.contract';
import { isDataError, sqlStateOf } from '../libs/persistence/src/sql-errors';
import type { CaseReadActivities, CaseRuntimeActivities } from '../libs/contracts/src/case-runtime.contract';
import type { CaseProjectionActivities } from '../libs/contracts/src/case-projection.contract';
import type { CoordinationActivities } from '../workflows/legacy/contracts/coordination-area.contract';
import type { HumanTaskActivities } from '../libs/contracts/src/human-task.contract';
import type { PaymentLiabilityActivities } from '../workflows/legacy/contracts/payment-liability.contract';
import type { ReimbursementActivities } from '../workflows/legacy/contracts/reimbursement-claim.contract';
import type { SupportAgreementActivities } from '../workflows/legacy/contracts/support-agreement.contract';
import { CaseStepActivitiesService } from './case-runtime/case-step.activities';
import { PatientDataErasureActivitiesService } from './patient-data/patient-data-erasure.activities';
import { SituationRoundActivitiesService } from './situation-reports/situation-round.activities';
import type { SituationRoundActivities } from '../libs/contracts/src/situation-report.contract';
import type { PatientDataErasureActivities } from '../libs/contracts/src/patient-data-erasure.contract';
import { CaseProjectionActivitiesService } from './legacy/case-projection.activities';
import { CoordinationActivitiesService } from './legacy/coordination.activities';
import { HumanTaskActivitiesService } from './legacy/human-task.activities';
import { PaymentLiabilityActivitiesService } from './legacy/payment-liability.activities';
import { ReimbursementActivitiesService } from './legacy/reimbursement.activities';
import { SupportAgreementActivitiesService } from './legacy/support-agreement.activities';

/** The case runtime's step and reads, and (for cases in flight on the legacy workflow types) the old activities. */
const ACTIVITY_SERVICES = [
  CaseStepActivitiesService,
  PatientDataErasureActivitiesService,
  SituationRoundActivitiesService,
  CaseProjectionActivitiesService,
  HumanTaskActivitiesService,
  PaymentLiabilityActivitiesService,
  ReimbursementActivitiesService,
  CoordinationActivitiesService,
  SupportAgreementActivitiesService,
];

@Module({ providers: ACTIVITY_SERVICES, exports: ACTIVITY_SERVICES })
export class ActivitiesModule {}

/** Every activity the worker registers, each bound to its Nest-built service. */
export type AllActivities = CaseRuntimeActivities &
  CaseReadActivities &
  CaseProjectionActivities &
  PatientDataErasureActivities &
  SituationRoundActivities &
  HumanTaskActivities &
  PaymentLiabilityActivities &
  Omit<ReimbursementActivities, 'mandateTotals'> &
  Omit<CoordinationActivities, 'isActiveOrganisation'> &
  SupportAgreementActivities;

export function activitiesFrom(ctx: INestApplicationContext): AllActivities {
  const step = ctx.get(CaseStepActivitiesService);
  const projection = ctx.get(CaseProjectionActivitiesService);
  const tasks = ctx.get(HumanTaskActivitiesService);
  const liability = ctx.get(PaymentLiabilityActivitiesService);
  const reimbursement = ctx.get(ReimbursementActivitiesService);
  const coordination = ctx.get(CoordinationActivitiesService);
  const supportAgreement = ctx.get(SupportAgreementActivitiesService);
  const erasure = ctx.get(PatientDataErasureActivitiesService);
  const rounds = ctx.get(SituationRoundActivitiesService);
  return dataErrorsAreFinal({
    applyCaseStep: step.applyCaseStep.bind(step),
    // Reads: the case runtime calls them as local activities, the legacy workflows as activities.
    referenceValues: step.referenceValues.bind(step),
    projectedCase: step.projectedCase.bind(step),
    mandateTotals: step.mandateTotals.bind(step),
    isActiveOrganisation: step.isActiveOrganisation.bind(step),
    transferCandidates: step.transferCandidates.bind(step),
    // Erasure of patient data (gallring), run by the worker's schedule.
    casesDueForErasure: erasure.casesDueForErasure.bind(erasure),
    erasePatientData: erasure.erasePatientData.bind(erasure),
    // The situation-report Schedule's starter.
    prepareSituationRound: rounds.prepareSituationRound.bind(rounds),
    // Legacy workflow types only (workflows/legacy): remove with them.
    projectCase: projection.projectCase.bind(projection),
    createTask: tasks.createTask.bind(tasks),
    completeTask: tasks.completeTask.bind(tasks),
    cancelTasks: tasks.cancelTasks.bind(tasks),
    dailyAmounts: liability.dailyAmounts.bind(liability),
    registerDailyAmount: liability.registerDailyAmount.bind(liability),
    projectClaim: reimbursement.projectClaim.bind(reimbursement),
    bookApproval: reimbursement.bookApproval.bind(reimbursement),
    bookPayment: reimbursement.bookPayment.bind(reimbursement),
    projectArea: coordination.projectArea.bind(coordination),
    lpikFor: supportAgreement.lpikFor.bind(supportAgreement),
    registerLpik: supportAgreement.registerLpik.bind(supportAgreement),
    bookAgreementPayment: supportAgreement.bookAgreementPayment.bind(supportAgreement),
  });
}

/**
 * An activity whose data PostgreSQL refuses (a NUL in a text, a value out of range) fails the same way on every
 * try: it fails at once with a non-retryable `CaseDataError` that names only the SQLSTATE, never a value. The case
 * runtime records such a fault and tells an operator; a legacy workflow fails, and its case is closed on its next
 * read, instead of retrying forever.
 */
function dataErrorsAreFinal<T extends object>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (err) {
        if (!isDataError(err)) throw err;
        const sqlState = sqlStateOf(err);
        throw ApplicationFailure.create({ type: CASE_DATA_ERROR, message: `the database refused the case's data (SQLSTATE ${sqlState})`, details: [{ sqlState }], nonRetryable: true });
      }
    };
  }
  return wrapped as T;
}
