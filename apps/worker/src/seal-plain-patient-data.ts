import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PatientDataService } from '../../../libs/persistence/src/patient-data/patient-data.service';

/**
 * On the worker's start (after the migrations): patient data stored in plain before issue 13 is sealed with each
 * case's data key and its plain copy cleared. Idempotent; a database with nothing in plain costs one query.
 */
@Injectable()
export class SealPlainPatientData implements OnApplicationBootstrap {
  constructor(private readonly patientData: PatientDataService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.patientData.sealPlainSubjects();
  }
}
