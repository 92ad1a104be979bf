import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../libs/config/src/app-config';
import type { PatientDataErasureActivities } from '../../libs/contracts/src/patient-data-erasure.contract';
import { PatientDataService } from '../../libs/persistence/src/patient-data/patient-data.service';

const DAY_MS = 86_400_000;

/** The erasure workflow's activities: which cases are due, and one case's erasure (one transaction). */
@Injectable()
export class PatientDataErasureActivitiesService implements PatientDataErasureActivities {
  constructor(
    private readonly config: AppConfig,
    private readonly patientData: PatientDataService,
  ) {}

  async casesDueForErasure(q: { now: string; limit: number }) {
    const retentionDays = this.config.PATIENT_DATA_RETENTION_DAYS;
    const closedBefore = new Date(Date.parse(q.now) - retentionDays * DAY_MS);
    return { caseIds: await this.patientData.dueForErasure(closedBefore, q.limit), closedBefore: closedBefore.toISOString(), retentionDays };
  }

  erasePatientData(e: { caseId: string; erasedAt: string; retentionDays: number }): Promise<boolean> {
    return this.patientData.erase(e.caseId, new Date(e.erasedAt), { reason: 'retention', retentionDays: e.retentionDays });
  }
}
