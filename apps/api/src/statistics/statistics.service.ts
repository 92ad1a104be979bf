import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/auth/src/principal';
import { CLAIM_CASE_TYPE } from '../../../../libs/contracts/src/reimbursement-claim.contract';
import { DISCHARGE_HANDOVER_CASE_TYPE } from '../../../../libs/contracts/src/discharge-handover.contract';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { StatisticsRepository, StatisticsScope } from '../../../../libs/persistence/src/repositories/statistics.repository';
import { readersOf } from '../access/need-to-know';
import type { StatisticsQueryDto } from './statistics.dto';

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/**
 * Uppföljning's statistics: counts of the cases the caller's organisation is party to, for the roles with a need to
 * know of that case type (the same table that governs reading the cases themselves). Aggregated in SQL.
 */
@Injectable()
export class StatisticsService {
  constructor(private readonly repository: StatisticsRepository) {}

  private scope(p: Principal, caseType: string, query: StatisticsQueryDto): { scope: StatisticsScope; view: { organisationCode: string; from: string | null; to: string | null } } {
    const readers = readersOf(caseType);
    if (!readers.some((r) => p.roles.includes(r))) {
      throw new DomainError(DomainErrorCode.Forbidden, `these statistics need the role ${readers.join(' or ')}`);
    }
    if (query.from && query.to && query.to < query.from) throw new DomainError(DomainErrorCode.InvalidInput, 'to is before from', { field: 'to' });
    return {
      scope: { partyOrg: p.organisationCode, fromDay: query.from ? `${query.from}-01` : null, toDay: query.to ? nextMonth(query.to) : null },
      view: { organisationCode: p.organisationCode, from: query.from ?? null, to: query.to ?? null },
    };
  }

  async sameDay(p: Principal, query: StatisticsQueryDto) {
    const { scope, view } = this.scope(p, DISCHARGE_HANDOVER_CASE_TYPE, query);
    const rows = await this.repository.sameDayByMonth(scope);
    const discharged = rows.reduce((n, r) => n + r.discharged, 0);
    const sameDay = rows.reduce((n, r) => n + r.sameDay, 0);
    return { scope: view, discharged, sameDay, share: share(sameDay, discharged), months: rows.map((r) => ({ ...r, share: share(r.sameDay, r.discharged) })) };
  }

  async dischargeDays(p: Principal, query: StatisticsQueryDto) {
    const { scope, view } = this.scope(p, DISCHARGE_HANDOVER_CASE_TYPE, query);
    return { scope: view, municipalities: await this.repository.daysByMunicipality(scope) };
  }

  async liability(p: Principal, query: StatisticsQueryDto) {
    const { scope, view } = this.scope(p, DISCHARGE_HANDOVER_CASE_TYPE, query);
    const months = await this.repository.liabilityByMonth(scope);
    return { scope: view, liableDays: months.reduce((n, r) => n + r.liableDays, 0), amountOre: months.reduce((n, r) => n + r.amountOre, 0), months };
  }

  async claims(p: Principal, query: StatisticsQueryDto) {
    const { scope, view } = this.scope(p, CLAIM_CASE_TYPE, query);
    return { scope: view, categories: await this.repository.claimsByCategory(scope) };
  }
}
