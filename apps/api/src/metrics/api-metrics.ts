import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppConfig } from '../../../../libs/config/src/app-config';
import { AUDIT_APPEND_BUCKETS, AUDIT_APPEND_METRIC, type AuditAppendTimer } from '../../../../libs/persistence/src/audit/audit-append-timer';
import {
  AuditVerificationRun,
  CaseCount,
  EscalationCount,
  OpenTaskCount,
  OperationalMetricsRepository,
  ReferenceAwaited,
} from '../../../../libs/persistence/src/metrics/operational-metrics.repository';
import { durationMs } from '../../../../libs/domain/src/time/duration';
import { CASE_PROBLEMS, CaseProblem, CaseProblemsRepository } from '../../../../libs/persistence/src/operations/case-problems.repository';
import { TemporalClientHolder } from '../../../../libs/temporal/src/temporal-client.module';
import { freshWorkflowPollers } from '../../../../libs/temporal/src/worker-presence';
import { processLocalMetrics, shareWithPrimary } from './cluster-metrics';

/** Every series the API exports starts with this. */
export const METRIC_PREFIX = 'vardflode_';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The route a request matched, as its pattern (`/cases/:caseId`), never its URL: no ids, no personal data, and a bounded
 * set of values. Requests no route answered (the web app's files, 404s, 405s, bodies refused before routing) are
 * `unmatched`.
 */
export function routeLabel(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : 'unmatched';
}

/** What the API reads from PostgreSQL and Temporal for a scrape; undefined where its source did not answer. */
interface Snapshot {
  openTasks?: OpenTaskCount[];
  cases?: CaseCount[];
  escalations?: EscalationCount[];
  references?: ReferenceAwaited[];
  auditVerification?: AuditVerificationRun | null;
  /** Cases an operator should look at (GET /operations/cases), per problem. */
  problems?: Record<CaseProblem, number>;
  /** Workers polling the case task queue for workflow tasks in the last two minutes. */
  workerPollers?: number;
  database: boolean;
  temporal: boolean;
}

/**
 * The API's Prometheus registry (prom-client): the HTTP series, the audit append latency, and gauges of what
 * PostgreSQL and Temporal hold. Those are read at most once per METRICS_REFRESH_SECONDS, whatever the number of
 * scrapers, each from an index (OperationalMetricsRepository), and concurrent scrapes share one read.
 */
@Injectable()
export class ApiMetrics implements AuditAppendTimer {
  /** What this process counts itself (requests, audit appends, the process): added up over API_REPLICAS' processes. */
  readonly registry = new Registry();
  /** What PostgreSQL and Temporal say: the same whichever process reads it. */
  readonly shared = new Registry();
  private readonly logger = new Logger('Metrics');
  private latest: Snapshot = { database: false, temporal: false };
  private reading?: Promise<void>;
  private readAt = -Infinity;

  private readonly httpRequests = new Counter({
    name: `${METRIC_PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'Time from receiving an HTTP request to the end of its answer, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly auditAppend = new Histogram({
    name: AUDIT_APPEND_METRIC,
    help: "Time one append to the audit chain took in the API (its partitions' locks, head read, insert, head move).",
    buckets: AUDIT_APPEND_BUCKETS,
    registers: [this.registry],
  });

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly counts: OperationalMetricsRepository,
    private readonly problems: CaseProblemsRepository,
    private readonly temporal: TemporalClientHolder,
  ) {
    // The process's own: CPU, memory, event-loop lag, handles (vardflode_api_process_cpu_seconds_total, …).
    collectDefaultMetrics({ register: this.registry, prefix: `${METRIC_PREFIX}api_` });
    shareWithPrimary(this.registry);
    const snapshot = () => this.latest;
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], fill: (g: Gauge<L>, s: Snapshot) => void) =>
      new Gauge<L>({
        name: `${METRIC_PREFIX}${name}`,
        help,
        labelNames,
        registers: [this.shared],
        collect() {
          this.reset();
          fill(this, snapshot());
        },
      });
    gauge('tasks_open', 'Open tasks, by organisation (code) and task kind.', ['organisation', 'kind'], (g, s) => {
      for (const r of s.openTasks ?? []) g.set({ organisation: r.organisation, kind: r.kind }, r.open);
    });
    gauge('tasks_overdue', 'Open tasks past their due time, by organisation (code) and task kind.', ['organisation', 'kind'], (g, s) => {
      for (const r of s.openTasks ?? []) g.set({ organisation: r.organisation, kind: r.kind }, r.overdue);
    });
    gauge('cases', 'Cases, by case type and status.', ['type', 'status'], (g, s) => {
      for (const r of s.cases ?? []) g.set({ type: r.type, status: r.status }, r.cases);
    });
    gauge('reference_data_awaited', 'Cases waiting for reference data to be registered (daily_amount, lpik), by reference and year.', ['reference', 'year'], (g, s) => {
      for (const r of s.references ?? []) g.set({ reference: r.reference, year: r.year }, r.cases);
    });
    gauge('cases_with_problem', "Cases an operator should look at (GET /operations/cases), by problem: failing_activity, failing_workflow_task, stalled.", ['problem'], (g, s) => {
      if (s.problems) for (const problem of CASE_PROBLEMS) g.set({ problem }, s.problems[problem]);
    });
    gauge('worker_pollers', 'Workers that polled the case task queue for workflow tasks in the last two minutes (as Temporal reports).', ['task_queue'], (g, s) => {
      if (s.workerPollers !== undefined) g.set({ task_queue: this.config.TEMPORAL_TASK_QUEUE }, s.workerPollers);
    });
    // Without labels a gauge always has its one sample: 0 until PostgreSQL tells otherwise (no run yet, or unknown).
    gauge('audit_chain_verified', '1 if the latest `npm run audit:verify` found every chain of the audit trail intact; 0 if it found a break, or none ran.', [], (g, s) => {
      g.set(s.auditVerification?.ok ? 1 : 0);
    });
    gauge('audit_chain_verification_timestamp_seconds', 'When the latest `npm run audit:verify` finished (Unix time; 0: none ran).', [], (g, s) => {
      g.set(s.auditVerification ? s.auditVerification.finishedAt.getTime() / 1000 : 0);
    });
    gauge('metrics_source_up', 'Whether the source of the gauges above answered at the latest read: database, temporal.', ['source'], (g, s) => {
      g.set({ source: 'database' }, s.database ? 1 : 0);
      g.set({ source: 'temporal' }, s.temporal ? 1 : 0);
    });
    new Counter({
      name: `${METRIC_PREFIX}escalations_opened_total`,
      help: 'Escalation tasks opened since the start of the database (by the API or a worker), by organisation (code) and kind.',
      labelNames: ['organisation', 'kind'] as const,
      registers: [this.shared],
      collect() {
        this.reset();
        for (const r of snapshot().escalations ?? []) this.inc({ organisation: r.organisation, kind: r.kind }, r.opened);
      },
    });
  }

  /** Express middleware counting and timing every request by its route pattern; register it first. */
  httpMiddleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const labels = { method: METHODS.has(req.method) ? req.method : 'OTHER', route: routeLabel(req), status: String(res.statusCode) };
        this.httpRequests.inc(labels);
        this.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    };
  }

  /** AuditAppendTimer: one append's duration. */
  observe(seconds: number): void {
    this.auditAppend.observe(seconds);
  }

  /** The exposition text, after refreshing what PostgreSQL and Temporal hold if it is older than the refresh interval. */
  async render(): Promise<string> {
    const [local] = await Promise.all([processLocalMetrics(this.registry), this.refresh()]);
    return `${local}${await this.shared.metrics()}`;
  }

  /** Every family this process exports (for the observability files' test). */
  async families(): Promise<{ name: string; type: string }[]> {
    const all = [...(await this.registry.getMetricsAsJSON()), ...(await this.shared.getMetricsAsJSON())];
    return all.map((m) => ({ name: m.name, type: String(m.type) }));
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private refresh(): Promise<void> {
    if (this.reading) return this.reading;
    if (performance.now() - this.readAt < this.config.METRICS_REFRESH_SECONDS * 1000) return Promise.resolve();
    this.reading = this.read()
      .then((s) => {
        this.latest = s;
        this.readAt = performance.now();
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }

  private async read(): Promise<Snapshot> {
    const database = Promise.all([
      this.counts.openTasks(),
      this.counts.casesByTypeAndStatus(),
      this.counts.escalationsOpened(),
      this.counts.referencesAwaited(),
      this.counts.lastAuditVerification(),
      this.problems.countByProblem({ now: new Date(), stalledGraceMs: durationMs(this.config.OPERATIONS_STALLED_GRACE) }),
    ]).then(
      ([openTasks, cases, escalations, references, auditVerification, problems]) => ({
        openTasks,
        cases,
        escalations,
        references,
        auditVerification: auditVerification ?? null,
        problems,
        database: true,
      }),
      (err: unknown) => {
        this.logger.warn(`metrics: PostgreSQL did not answer (${(err as Error).name})`);
        return { database: false };
      },
    );
    // What /health/ready asks too; an answer within 3 s, or unknown (no value rather than a wrong 0).
    const temporal = this.temporal.client.withDeadline(Date.now() + 3_000, () => freshWorkflowPollers(this.temporal)).then(
      (workerPollers) => ({ workerPollers, temporal: true }),
      () => ({ temporal: false }),
    );
    const [db, t] = await Promise.all([database, temporal]);
    return { ...db, ...t };
  }
}
