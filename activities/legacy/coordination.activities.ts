import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AreaState, CoordinationActivities } from '../../workflows/legacy/contracts/coordination-area.contract';
import { AreaRepository } from '../../libs/persistence/src/repositories/area.repository';
import { OrganisationRepository } from '../../libs/persistence/src/repositories/organisation.repository';

@Injectable()
export class CoordinationActivitiesService implements CoordinationActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly areas: AreaRepository,
    private readonly organisations: OrganisationRepository,
  ) {}

  async projectArea(state: AreaState): Promise<void> {
    await this.dataSource.transaction((em) => this.areas.project(state, em));
  }

  async isActiveOrganisation(code: string, kind: string): Promise<boolean> {
    const org = await this.organisations.find(code);
    return !!org && org.active && org.kind === kind;
  }
}
