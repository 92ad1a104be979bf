import { Module } from '@nestjs/common';
import { MandateController } from './mandate.controller';
import { MandateService } from './mandate.service';

@Module({ controllers: [MandateController], providers: [MandateService] })
export class MandateModule {}
