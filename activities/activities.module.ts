import { Module } from '@nestjs/common';
import { INestApplicationContext } from '@nestjs/common';
import type { CaseProjectionActivities } from '../libs/contracts/src/case-projection.contract';
import type { HumanTaskActivities } from '../libs/contracts/src/human-task.contract';
import { CaseProjectionActivitiesService } from './case-projection/case-projection.activities';
import { HumanTaskActivitiesService } from './human-tasks/human-task.activities';

const ACTIVITY_SERVICES = [CaseProjectionActivitiesService, HumanTaskActivitiesService];

@Module({ providers: ACTIVITY_SERVICES, exports: ACTIVITY_SERVICES })
export class ActivitiesModule {}

/** Every activity the worker registers, each bound to its Nest-built service. */
export type AllActivities = CaseProjectionActivities & HumanTaskActivities;

export function activitiesFrom(ctx: INestApplicationContext): AllActivities {
  const projection = ctx.get(CaseProjectionActivitiesService);
  const tasks = ctx.get(HumanTaskActivitiesService);
  return {
    projectCase: projection.projectCase.bind(projection),
    createTask: tasks.createTask.bind(tasks),
    completeTask: tasks.completeTask.bind(tasks),
    cancelTasks: tasks.cancelTasks.bind(tasks),
  };
}
