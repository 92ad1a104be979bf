import { Module } from '@nestjs/common';
import { INestApplicationContext } from '@nestjs/common';
import type { CaseProjectionActivities } from '../libs/contracts/src/case-projection.contract';
import { CaseProjectionActivitiesService } from './case-projection/case-projection.activities';

const ACTIVITY_SERVICES = [CaseProjectionActivitiesService];

@Module({ providers: ACTIVITY_SERVICES, exports: ACTIVITY_SERVICES })
export class ActivitiesModule {}

/** Every activity the worker registers, each bound to its Nest-built service. */
export type AllActivities = CaseProjectionActivities;

export function activitiesFrom(ctx: INestApplicationContext): AllActivities {
  const projection = ctx.get(CaseProjectionActivitiesService);
  return {
    projectCase: projection.projectCase.bind(projection),
  };
}
