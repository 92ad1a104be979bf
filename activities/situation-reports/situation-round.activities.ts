import { Injectable } from '@nestjs/common';
import type { SituationRoundActivities, SituationRoundInput } from '../../libs/contracts/src/situation-report.contract';
import { SituationRoundPlanner } from '../../libs/persistence/src/situation-reports/round-planner';

/** The Schedule's starter asks what the week's round is: its calendar, participants and thresholds (a read). */
@Injectable()
export class SituationRoundActivitiesService implements SituationRoundActivities {
  constructor(private readonly planner: SituationRoundPlanner) {}

  async prepareSituationRound(q: { week: string }): Promise<Omit<SituationRoundInput, 'roundId'>> {
    const { unknown: _none, ...plan } = await this.planner.plan(q.week);
    return plan;
  }
}
