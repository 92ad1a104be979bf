import { Module } from '@nestjs/common';
import { INestApplicationContext } from '@nestjs/common';
import type { CaseProjectionActivities } from '../libs/contracts/src/case-projection.contract';
import type { HumanTaskActivities } from '../libs/contracts/src/human-task.contract';
import { CaseProjectionActivitiesService } from './case-projection/case-projection.activities';
import type { PaymentLiabilityActivities } from '../libs/contracts/src/payment-liability.contract';
import { HumanTaskActivitiesService } from './human-tasks/human-task.activities';
import { PaymentLiabilityActivitiesService } from './payment-liability/payment-liability.activities';

const ACTIVITY_SERVICES = [CaseProjectionActivitiesService, HumanTaskActivitiesService, PaymentLiabilityActivitiesService];

@Module({ providers: ACTIVITY_SERVICES, exports: ACTIVITY_SERVICES })
export class ActivitiesModule {}

/** Every activity the worker registers, each bound to its Nest-built service. */
export type AllActivities = CaseProjectionActivities & HumanTaskActivities & PaymentLiabilityActivities;

export function activitiesFrom(ctx: INestApplicationContext): AllActivities {
  const projection = ctx.get(CaseProjectionActivitiesService);
  const tasks = ctx.get(HumanTaskActivitiesService);
  const liability = ctx.get(PaymentLiabilityActivitiesService);
  return {
    projectCase: projection.projectCase.bind(projection),
    createTask: tasks.createTask.bind(tasks),
    completeTask: tasks.completeTask.bind(tasks),
    cancelTasks: tasks.cancelTasks.bind(tasks),
    dailyAmounts: liability.dailyAmounts.bind(liability),
    registerDailyAmount: liability.registerDailyAmount.bind(liability),
  };
}
