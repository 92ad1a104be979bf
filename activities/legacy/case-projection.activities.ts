import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseProjectionActivities, CaseSnapshot } from '../../libs/contracts/src/case-projection.contract';
import { PatientDataService } from '../../libs/persistence/src/patient-data/patient-data.service';
import { CaseRepository } from '../../libs/persistence/src/repositories/case.repository';

/** Keeps the case projection in PostgreSQL consistent with the workflow that owns the case. */
@Injectable()
export class CaseProjectionActivitiesService implements CaseProjectionActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly patientData: PatientDataService,
  ) {}

  /** The legacy workflows send the patient in plain: it is sealed with the case's data key, never stored plain. */
  async projectCase(snapshot: CaseSnapshot): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.cases.upsertSnapshot(snapshot, em);
      if (snapshot.subject) await this.patientData.storeSubject(em, snapshot.caseId, { plain: snapshot.subject });
    });
  }
}
