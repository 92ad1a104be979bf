import { Module } from '@nestjs/common';
import { DischargeHandoverController } from './discharge-handover.controller';
import { DischargeHandoverService } from './discharge-handover.service';

@Module({ controllers: [DischargeHandoverController], providers: [DischargeHandoverService] })
export class DischargeHandoverModule {}
