import { Injectable } from '@nestjs/common';
import type { CaseProjectionActivities, CaseSnapshot } from '../../libs/contracts/src/case-projection.contract';
import { CaseRepository } from '../../libs/persistence/src/repositories/case.repository';

/** Keeps the case projection in PostgreSQL consistent with the workflow that owns the case. */
@Injectable()
export class CaseProjectionActivitiesService implements CaseProjectionActivities {
  constructor(private readonly cases: CaseRepository) {}

  async projectCase(snapshot: CaseSnapshot): Promise<void> {
    await this.cases.upsertSnapshot(snapshot);
  }
}
