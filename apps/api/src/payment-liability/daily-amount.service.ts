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
    checkYear(year);
    const stored = await this.dataSource.transaction(async (em) => {
      const row = await this.amounts.register(year, amountOre, ctx.principal.personId, em);
      if (row.amountOre !== amountOre) {
        throw new DomainError(DomainErrorCode.Conflict, `the daily amount for ${year} is already registered as ${row.amountOre} öre: a wrong amount is corrected (POST …/corrections)`);
      }
      await auditInTransaction(this.audit, em, ctx, 'daily_amount.register', { year, amountOre });
      return row;
    });
    await this.workflows.referenceRegistered({ kind: 'daily_amount', year });
    return stored;
  }

  /** The owner corrects a registered year: the old and new amount and the reason go in the same transaction's audit row. */
  async correct(ctx: RequestContext, year: number, amountOre: number, reason: string) {
    checkYear(year);
    return this.dataSource.transaction(async (em) => {
      const corrected = await this.amounts.correct(year, amountOre, ctx.principal.personId, em);
      if (!corrected) throw new DomainError(DomainErrorCode.NotFound, `no daily amount is registered for ${year}: register it instead`, { field: 'year' });
      if (corrected.before.amountOre === amountOre) {
        throw new DomainError(DomainErrorCode.Conflict, `the daily amount for ${year} is already ${amountOre} öre`, { field: 'amountOre' });
      }
      await auditInTransaction(this.audit, em, ctx, 'daily_amount.correct', { year, fromOre: corrected.before.amountOre, toOre: amountOre, reason });
      return corrected.after;
    });
  }
}

function checkYear(year: number): void {
  if (year < 2018 || year > 2100) throw new DomainError(DomainErrorCode.InvalidInput, 'year must be between 2018 and 2100', { field: 'year' });
}
