import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { AuditRepository } from '../../../../libs/persistence/src/audit/audit.repository';
import { DailyAmountRepository } from '../../../../libs/persistence/src/repositories/daily-amount.repository';
import { CaseWorkflows } from '../access/case-workflows';
import { auditInTransaction } from '../common/audit-in-transaction';
import type { RequestContext } from '../common/request-context';

@Injectable()
export class DailyAmountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly amounts: DailyAmountRepository,
    private readonly audit: AuditRepository,
    private readonly workflows: CaseWorkflows,
  ) {}

  list() {
    return this.amounts.list();
  }

  /**
   * A year registers once; registering the same amount again is a harmless repeat, another amount a 409. Cases
   * waiting for the year's amount (to make an invoice basis) are told at once.
   */
  async register(ctx: RequestContext, year: number, amountOre: number) {
    if (year < 2018 || year > 2100) throw new DomainError(DomainErrorCode.InvalidInput, 'year must be between 2018 and 2100', { field: 'year' });
    const stored = await this.dataSource.transaction(async (em) => {
      const row = await this.amounts.register(year, amountOre, ctx.principal.personId, em);
      if (row.amountOre !== amountOre) {
        throw new DomainError(DomainErrorCode.Conflict, `the daily amount for ${year} is already registered as ${row.amountOre} öre`);
      }
      await auditInTransaction(this.audit, em, ctx, 'daily_amount.register', { year, amountOre });
      return row;
    });
    await this.workflows.referenceRegistered({ kind: 'daily_amount', year });
    return stored;
  }
}
