import { Module } from '@nestjs/common';
import { AgreementService } from './agreement.service';
import { AreaService } from './area.service';
import { CoordinationController } from './coordination.controller';

@Module({ controllers: [CoordinationController], providers: [AreaService, AgreementService] })
export class CoordinationModule {}
