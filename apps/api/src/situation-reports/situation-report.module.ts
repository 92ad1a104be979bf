import { Module } from '@nestjs/common';
import { SituationReportController } from './situation-report.controller';
import { SituationReportService } from './situation-report.service';

@Module({ controllers: [SituationReportController], providers: [SituationReportService] })
export class SituationReportModule {}
