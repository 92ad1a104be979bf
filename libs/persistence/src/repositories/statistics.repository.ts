import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Statistics for Uppföljning: aggregates in SQL over the projection's statistics columns (migration
 * 1764507200000-case-statistics) and the claim tables, scoped to the cases an organisation is party to. Codes,
 * months and numbers only: no personal data. `fromDay` is included, `toDay` excluded (null: unbounded).
 */
export interface StatisticsScope {
  partyOrg: string;
  fromDay: string | null;
  toDay: string | null;
}

export interface SameDayMonthRow {
  month: string;
  discharged: number;
  sameDay: number;
}

export interface MunicipalityDaysRow {
  municipalityCode: string;
  municipalityName: string;
  discharged: number;
  sameDay: number;
  meanDays: number;
  medianDays: number;
  maxDays: number;
}

export interface LiabilityMonthRow {
  month: string;
  discharged: number;
  liableCases: number;
  liableDays: number;
  amountOre: number;
}

export interface ClaimCategoryRow {
  category: string;
  claims: number;
  claimedOre: number;
  approvedOre: number;
  paidOre: number;
}

/** Discharged cases of the scope: the WHERE shared by the discharge statistics ($1 org, $2 from, $3 to). */
const DISCHARGED = `
  c.case_type = 'discharge_handover' AND c.stat_discharged_on IS NOT NULL AND $1 = ANY (c.parties)
  AND ($2::date IS NULL OR c.stat_discharged_on >= $2::date) AND ($3::date IS NULL OR c.stat_discharged_on < $3::date)`;

@Injectable()
export class StatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The SQL of each statistic with its parameters (the benchmark times and explains the same queries). */
  static readonly QUERIES = {
    sameDay: `
      SELECT to_char(c.stat_discharged_on, 'YYYY-MM') AS month, count(*)::int AS discharged,
        count(*) FILTER (WHERE c.stat_days_from_ready = 0)::int AS "sameDay"
      FROM cases c WHERE ${DISCHARGED}
      GROUP BY 1 ORDER BY 1`,
    municipalities: `
      SELECT c.stat_municipality AS "municipalityCode", coalesce(o.name, c.stat_municipality) AS "municipalityName",
        count(*)::int AS discharged, count(*) FILTER (WHERE c.stat_days_from_ready = 0)::int AS "sameDay",
        round(avg(c.stat_days_from_ready), 2)::float8 AS "meanDays",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY c.stat_days_from_ready)::float8 AS "medianDays",
        max(c.stat_days_from_ready)::int AS "maxDays"
      FROM cases c LEFT JOIN organisations o ON o.code = c.stat_municipality
      WHERE ${DISCHARGED} AND c.stat_municipality IS NOT NULL
      GROUP BY c.stat_municipality, o.name ORDER BY c.stat_municipality`,
    liability: `
      SELECT to_char(c.stat_discharged_on, 'YYYY-MM') AS month, count(*)::int AS discharged,
        count(*) FILTER (WHERE c.stat_liable_days > 0)::int AS "liableCases",
        coalesce(sum(c.stat_liable_days), 0)::int AS "liableDays",
        coalesce(sum(c.stat_liability_ore), 0)::float8 AS "amountOre"
      FROM cases c WHERE ${DISCHARGED}
      GROUP BY 1 ORDER BY 1`,
    // Claimed: the current revision's lines of claims submitted (not drafts, not withdrawn); approved and paid: the ledger.
    claims: `
      WITH scoped AS (
        SELECT cl.id, cl.status FROM claims cl JOIN cases c ON c.id = cl.id
        WHERE $1 = ANY (c.parties)
          AND ($2::date IS NULL OR cl.period_from >= $2::date) AND ($3::date IS NULL OR cl.period_from < $3::date)
      ), amounts AS (
        SELECT l.category, l.claim_id, l.amount_ore AS claimed, 0::bigint AS approved, 0::bigint AS paid
        FROM claim_lines l JOIN scoped s ON s.id = l.claim_id WHERE s.status NOT IN ('draft', 'withdrawn')
        UNION ALL
        SELECT e.category, e.source_id, 0, CASE WHEN e.kind = 'approved' THEN e.amount_ore ELSE 0 END, CASE WHEN e.kind = 'paid' THEN e.amount_ore ELSE 0 END
        FROM ledger_entries e JOIN scoped s ON s.id = e.source_id WHERE e.source = 'reimbursement_claim'
      )
      SELECT category, count(DISTINCT claim_id)::int AS claims, sum(claimed)::float8 AS "claimedOre",
        sum(approved)::float8 AS "approvedOre", sum(paid)::float8 AS "paidOre"
      FROM amounts GROUP BY category ORDER BY category`,
  } as const;

  static params(scope: StatisticsScope): unknown[] {
    return [scope.partyOrg, scope.fromDay, scope.toDay];
  }

  private run<T>(query: keyof typeof StatisticsRepository.QUERIES, scope: StatisticsScope): Promise<T[]> {
    return this.dataSource.query(StatisticsRepository.QUERIES[query], StatisticsRepository.params(scope));
  }

  sameDayByMonth(scope: StatisticsScope): Promise<SameDayMonthRow[]> {
    return this.run('sameDay', scope);
  }

  daysByMunicipality(scope: StatisticsScope): Promise<MunicipalityDaysRow[]> {
    return this.run('municipalities', scope);
  }

  liabilityByMonth(scope: StatisticsScope): Promise<LiabilityMonthRow[]> {
    return this.run('liability', scope);
  }

  claimsByCategory(scope: StatisticsScope): Promise<ClaimCategoryRow[]> {
    return this.run('claims', scope);
  }
}
