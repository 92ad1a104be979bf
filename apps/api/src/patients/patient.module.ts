import { Module } from '@nestjs/common';
import { PatientAccessLogController } from './patient-access-log.controller';
import { PatientAccessLogService } from './patient-access-log.service';

/** What the platform tells about a patient as such: the access log of patientdatalagen 4 kap. */
@Module({ controllers: [PatientAccessLogController], providers: [PatientAccessLogService] })
export class PatientModule {}
