import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { AuditRepository } from '../../../../libs/persistence/src/audit/audit.repository';
import { DailyAmountRepository } from '../../../../libs/persistence/src/repositories/daily-amount.repository';
import { auditInTransaction } from '../common/audit-in-transaction';
import type { RequestContext } from '../common/request-context';

@Injectable()
export class DailyAmountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly amounts: DailyAmountRepository,
    private readonly audit: AuditRepository,
  ) {}

  list() {
    return this.amounts.list();
  }

  /** A year registers once; registering the same amount again is a harmless repeat, another amount a 409. */
  register(ctx: RequestContext, year: number, amountOre: number) {
    if (year < 2018 || year > 2100) throw new DomainError(DomainErrorCode.InvalidInput, 'year must be between 2018 and 2100', { field: 'year' });
    return this.dataSource.transaction(async (em) => {
      const stored = await this.amounts.register(year, amountOre, ctx.principal.personId, em);
      if (stored.amountOre !== amountOre) {
        throw new DomainError(DomainErrorCode.Conflict, `the daily amount for ${year} is already registered as ${stored.amountOre} öre`);
      }
      await auditInTransaction(this.audit, em, ctx, 'daily_amount.register', { year, amountOre });
      return stored;
    });
  }
}
