import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditVerificationEntity } from '../entities/audit-verification.entity';

export interface OpenTaskCount {
  organisation: string;
  kind: string;
  open: number;
  overdue: number;
}

export interface CaseCount {
  type: string;
  status: string;
  cases: number;
}

export interface EscalationCount {
  organisation: string;
  kind: string;
  opened: number;
}

/** Open registration tasks for one reference value (e.g. `lpik:2022`): each is one case waiting for it. */
export interface ReferenceAwaited {
  reference: string;
  year: string;
  cases: number;
}

export interface AuditVerificationRun {
  finishedAt: Date;
  ok: boolean;
  rowsVerified: number;
  chains: number;
  brokenChains: number;
  durationMs: number;
}

/** The reads of a refresh, each answered by an index; exported so that `npm run bench:metrics` EXPLAINs exactly these. */
export const METRICS_QUERIES = {
  openTasks: `SELECT assigned_org AS organisation, kind, count(*)::int AS open, (count(*) FILTER (WHERE due_at < now()))::int AS overdue
                FROM tasks WHERE status = 'open' GROUP BY assigned_org, kind`,
  cases: `SELECT case_type AS type, status, count(*)::int AS cases FROM cases GROUP BY case_type, status`,
  escalations: `SELECT assigned_org AS organisation, kind, count(*)::int AS opened FROM tasks WHERE kind LIKE '%escalation' GROUP BY assigned_org, kind`,
  references: `SELECT reference_key AS key, count(DISTINCT workflow_id)::int AS cases
                 FROM tasks WHERE status = 'open' AND reference_key IS NOT NULL GROUP BY reference_key`,
} as const;

/**
 * The counts GET /metrics exports, each one GROUP BY that an index answers (see 1764864000000-operational-metrics):
 * no scan of the tasks or cases table per scrape, whatever their size. Labels are codes and kinds, never personal data.
 */
@Injectable()
export class OperationalMetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** On tasks_open_org_kind_idx (open tasks only). `now` is the database's: the same clock as the inbox's `overdue`. */
  async openTasks(): Promise<OpenTaskCount[]> {
    return (await this.dataSource.query(METRICS_QUERIES.openTasks)) as OpenTaskCount[];
  }

  /** On cases_type_status_idx. */
  async casesByTypeAndStatus(): Promise<CaseCount[]> {
    return (await this.dataSource.query(METRICS_QUERIES.cases)) as CaseCount[];
  }

  /** Every escalation task ever opened (by the API or a worker), on tasks_escalation_idx. Tasks are never deleted. */
  async escalationsOpened(): Promise<EscalationCount[]> {
    return (await this.dataSource.query(METRICS_QUERIES.escalations)) as EscalationCount[];
  }

  /**
   * Cases waiting for reference data: the open registration tasks by reference key (`daily_amount:2026`,
   * `lpik:2022`), the tasks TaskRepository.workflowsAwaiting finds the waiting workflows by. On tasks_open_reference_idx.
   */
  async referencesAwaited(): Promise<ReferenceAwaited[]> {
    const rows = (await this.dataSource.query(METRICS_QUERIES.references)) as { key: string; cases: number }[];
    return rows.map(({ key, cases }) => {
      const at = key.indexOf(':');
      return { reference: at < 0 ? key : key.slice(0, at), year: at < 0 ? '' : key.slice(at + 1), cases };
    });
  }

  async recordAuditVerification(run: Omit<AuditVerificationRun, 'finishedAt'>): Promise<void> {
    await this.dataSource.getRepository(AuditVerificationEntity).insert({
      finishedAt: new Date(),
      ok: run.ok,
      rowsVerified: String(run.rowsVerified),
      chains: run.chains,
      brokenChains: run.brokenChains,
      durationMs: Math.round(run.durationMs),
    });
  }

  /** The latest `npm run audit:verify` run, if any ran. */
  async lastAuditVerification(): Promise<AuditVerificationRun | undefined> {
    const [row] = await this.dataSource.getRepository(AuditVerificationEntity).find({ order: { finishedAt: 'DESC', id: 'DESC' }, take: 1 });
    return row && { ...row, rowsVerified: Number(row.rowsVerified) };
  }
}
