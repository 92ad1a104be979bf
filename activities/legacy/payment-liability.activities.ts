import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TaskActor } from '../../libs/contracts/src/human-task.contract';
import type { PaymentLiabilityActivities } from '../../workflows/legacy/contracts/payment-liability.contract';
import type { DailyAmount } from '../../libs/domain/src/discharge/payment-liability';
import { AuditRepository } from '../../libs/persistence/src/audit/audit.repository';
import { DailyAmountRepository } from '../../libs/persistence/src/repositories/daily-amount.repository';

@Injectable()
export class PaymentLiabilityActivitiesService implements PaymentLiabilityActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly amounts: DailyAmountRepository,
    private readonly audit: AuditRepository,
  ) {}

  async dailyAmounts(years: number[]): Promise<DailyAmount[]> {
    return (await this.amounts.list(years)).map(({ year, amountOre }) => ({ year, amountOre }));
  }

  registerDailyAmount(input: { year: number; amountOre: number; by: TaskActor }): Promise<DailyAmount> {
    return this.dataSource.transaction(async (em) => {
      const stored = await this.amounts.register(input.year, input.amountOre, input.by.actor, em);
      await this.audit.append(
        {
          actor: input.by.actor,
          organisationCode: input.by.organisationCode,
          action: 'daily_amount.register',
          caseId: null,
          taskId: null,
          requestId: null,
          outcome: stored.amountOre === input.amountOre ? 'success' : 'refused:already_registered',
          detail: { year: input.year, amountOre: input.amountOre },
        },
        em,
      );
      return { year: stored.year, amountOre: stored.amountOre };
    });
  }
}
