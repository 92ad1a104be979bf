import { Module } from '@nestjs/common';
import { DailyAmountController } from './daily-amount.controller';
import { DailyAmountService } from './daily-amount.service';

@Module({ controllers: [DailyAmountController], providers: [DailyAmountService] })
export class PaymentLiabilityModule {}
