import { Module } from '@nestjs/common';
import { INestApplicationContext } from '@nestjs/common';
import type { CaseProjectionActivities } from '../libs/contracts/src/case-projection.contract';
import type { HumanTaskActivities } from '../libs/contracts/src/human-task.contract';
import { CaseProjectionActivitiesService } from './case-projection/case-projection.activities';
import type { PaymentLiabilityActivities } from '../libs/contracts/src/payment-liability.contract';
import { HumanTaskActivitiesService } from './human-tasks/human-task.activities';
import type { ReimbursementActivities } from '../libs/contracts/src/reimbursement-claim.contract';
import type { CoordinationActivities } from '../libs/contracts/src/coordination-area.contract';
import { CoordinationActivitiesService } from './coordination/coordination.activities';
import type { SupportAgreementActivities } from '../libs/contracts/src/support-agreement.contract';
import { SupportAgreementActivitiesService } from './support-agreement/support-agreement.activities';
import { PaymentLiabilityActivitiesService } from './payment-liability/payment-liability.activities';
import { ReimbursementActivitiesService } from './reimbursement/reimbursement.activities';

const ACTIVITY_SERVICES = [
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
export type AllActivities = CaseProjectionActivities & HumanTaskActivities & PaymentLiabilityActivities & ReimbursementActivities & CoordinationActivities & SupportAgreementActivities;

export function activitiesFrom(ctx: INestApplicationContext): AllActivities {
  const projection = ctx.get(CaseProjectionActivitiesService);
  const tasks = ctx.get(HumanTaskActivitiesService);
  const liability = ctx.get(PaymentLiabilityActivitiesService);
  const reimbursement = ctx.get(ReimbursementActivitiesService);
  const coordination = ctx.get(CoordinationActivitiesService);
  const supportAgreement = ctx.get(SupportAgreementActivitiesService);
  return {
    projectCase: projection.projectCase.bind(projection),
    createTask: tasks.createTask.bind(tasks),
    completeTask: tasks.completeTask.bind(tasks),
    cancelTasks: tasks.cancelTasks.bind(tasks),
    dailyAmounts: liability.dailyAmounts.bind(liability),
    registerDailyAmount: liability.registerDailyAmount.bind(liability),
    mandateTotals: reimbursement.mandateTotals.bind(reimbursement),
    projectClaim: reimbursement.projectClaim.bind(reimbursement),
    bookApproval: reimbursement.bookApproval.bind(reimbursement),
    bookPayment: reimbursement.bookPayment.bind(reimbursement),
    projectArea: coordination.projectArea.bind(coordination),
    isActiveOrganisation: coordination.isActiveOrganisation.bind(coordination),
    lpikFor: supportAgreement.lpikFor.bind(supportAgreement),
    registerLpik: supportAgreement.registerLpik.bind(supportAgreement),
    bookAgreementPayment: supportAgreement.bookAgreementPayment.bind(supportAgreement),
  };
}
