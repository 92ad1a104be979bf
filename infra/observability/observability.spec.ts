/**
 * The files in infra/observability parse, and every metric they name is one the application exports: the API's
 * (its prom-client registry, as GET /metrics serves it) or the worker's Temporal SDK metrics (sdk-metrics.json,
 * captured from a real worker by test/integration/sdk-metrics.spec.ts). A typo in a rule would otherwise be an alert
 * that never fires.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ApiMetrics } from '../../apps/api/src/metrics/api-metrics';
import { loadAppConfig } from '../../libs/config/src/app-config';
import type { OperationalMetricsRepository } from '../../libs/persistence/src/metrics/operational-metrics.repository';
import type { CaseProblemsRepository } from '../../libs/persistence/src/operations/case-problems.repository';
import type { TemporalClientHolder } from '../../libs/temporal/src/temporal-client.module';

const DIR = __dirname;
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');

/** The series names a family of `type` puts on the wire. */
function seriesOf(name: string, type: string): string[] {
  if (type === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (type === 'summary') return [name, `${name}_sum`, `${name}_count`];
  return [name];
}

/** Metric names in a PromQL expression (selectors and `__name__` matchers), or the parser's complaint. */
export function metricNamesIn(expr: string): { names: string[]; error?: string } {
  // Grafana's interval variables stand where a duration goes; other variables only inside label values.
  const promql = expr.replace(/\$__(rate_interval|interval|range)\b/g, '5m');
  const tree = parser.parse(promql);
  const names: string[] = [];
  let error: string | undefined;
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) error ??= `does not parse at ${node.from}: ${promql.slice(Math.max(0, node.from - 20), node.from + 20)}`;
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.push(promql.slice(node.from, node.to));
      if (node.name === 'UnquotedLabelMatcher' && /^__name__\s*=\s*"/.test(promql.slice(node.from, node.to))) {
        names.push(/"([^"]+)"/.exec(promql.slice(node.from, node.to))![1]);
      }
    },
  });
  return { names, error };
}

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface Panel {
  id: number;
  type: string;
  title: string;
  targets?: { expr: string; refId: string }[];
}

const rules = (parseYaml(read('prometheus-alerts.yml')) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
const dashboard = JSON.parse(read('grafana-dashboard.json')) as {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: string | { query: string } }[] };
};
const scrapeConfig = parseYaml(read('prometheus.yml')) as { rule_files: string[]; scrape_configs: { job_name: string }[] };
const sdk = (JSON.parse(read('sdk-metrics.json')) as { metrics: Record<string, string> }).metrics;

async function apiFamilies(): Promise<{ name: string; type: string }[]> {
  const metrics = new ApiMetrics(loadAppConfig({}), {} as OperationalMetricsRepository, {} as CaseProblemsRepository, {} as TemporalClientHolder);
  return metrics.families();
}

describe('infra/observability', () => {
  let exported: Set<string>;
  let api: { name: string; type: string }[];
  beforeAll(async () => {
    api = await apiFamilies();
    exported = new Set([
      ...api.flatMap((m) => seriesOf(m.name, m.type)),
      ...Object.entries(sdk).flatMap(([name, type]) => seriesOf(name, type)),
      'up', // Prometheus's own, per scrape target
    ]);
  });

  it('knows what the API exports: every series vardflode_*, by route pattern', () => {
    expect(api.map((m) => m.name).filter((n) => !n.startsWith('vardflode_'))).toEqual([]);
    expect(api.map((m) => m.name)).toEqual(
      expect.arrayContaining([
        'vardflode_http_requests_total', 'vardflode_http_request_duration_seconds', 'vardflode_tasks_open', 'vardflode_tasks_overdue',
        'vardflode_cases', 'vardflode_escalations_opened_total', 'vardflode_reference_data_awaited', 'vardflode_audit_append_duration_seconds',
        'vardflode_worker_pollers', 'vardflode_audit_chain_verified', 'vardflode_audit_chain_verification_timestamp_seconds',
      ]),
    );
    expect(Object.keys(sdk).length).toBeGreaterThan(10);
  });

  it('alert rules: each parses, names only exported metrics, and is complete', () => {
    const problems: string[] = [];
    for (const rule of rules) {
      const name = rule.alert ?? rule.record ?? '(unnamed)';
      const { names, error } = metricNamesIn(rule.expr);
      if (error) problems.push(`${name}: ${error}`);
      if (names.length === 0) problems.push(`${name}: names no metric`);
      for (const metric of names) if (!exported.has(metric)) problems.push(`${name}: ${metric} is not exported`);
      if (!rule.alert) continue;
      if (!['warning', 'critical'].includes(rule.labels?.severity ?? '')) problems.push(`${name}: severity must be warning or critical`);
      if (!rule.annotations?.summary) problems.push(`${name}: no summary`);
      if (rule.for !== undefined && !/^\d+[smhd]$/.test(rule.for)) problems.push(`${name}: for ${rule.for} is not a duration`);
      for (const [, job] of rule.expr.matchAll(/job="([^"]+)"/g)) {
        if (!scrapeConfig.scrape_configs.some((c) => c.job_name === job)) problems.push(`${name}: job ${job} is not in prometheus.yml`);
      }
    }
    expect(problems).toEqual([]);
    const alerts = rules.map((r) => r.alert);
    expect(new Set(alerts).size).toBe(alerts.length);
    // Issue 17's: worker not polling, workflow-task failures, an activity retrying, overdue tasks growing, the audit chain.
    expect(alerts).toEqual(
      expect.arrayContaining(['VardflodeWorkerNotPolling', 'VardflodeWorkflowTaskFailures', 'VardflodeActivityRetrying', 'VardflodeOverdueTasksGrowing', 'VardflodeAuditChainNotVerified']),
    );
  });

  it('the dashboard: each query parses, names only exported metrics, and every vardflode series has a panel', () => {
    const problems: string[] = [];
    const used = new Set<string>();
    const panels = dashboard.panels.filter((p) => p.type !== 'row');
    for (const panel of panels) {
      if (!panel.targets?.length) problems.push(`${panel.title}: no query`);
      for (const target of panel.targets ?? []) {
        const { names, error } = metricNamesIn(target.expr);
        if (error) problems.push(`${panel.title} ${target.refId}: ${error}`);
        for (const metric of names) {
          used.add(metric);
          if (!exported.has(metric)) problems.push(`${panel.title} ${target.refId}: ${metric} is not exported`);
        }
      }
    }
    for (const variable of dashboard.templating.list) {
      const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
      const metric = /^label_values\(([a-zA-Z_:][\w:]*)/.exec(query)?.[1];
      if (variable.type === 'query' && (!metric || !exported.has(metric))) problems.push(`variable ${variable.name}: ${query} names no exported metric`);
    }
    expect(problems).toEqual([]);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const business = api.map((m) => m.name).filter((n) => !n.startsWith('vardflode_api_'));
    const unshown = business.filter((n) => !seriesOf(n, api.find((m) => m.name === n)!.type).some((s) => used.has(s)));
    expect(unshown).toEqual([]);
  });

  it('the example scrape configuration loads the rules and scrapes the API and the workers', () => {
    expect(scrapeConfig.rule_files).toEqual(['prometheus-alerts.yml']);
    expect(scrapeConfig.scrape_configs.map((c) => c.job_name)).toEqual(expect.arrayContaining(['vardflode-api', 'vardflode-worker']));
  });

  it('finds the metric names of an expression, and refuses one that does not parse', () => {
    expect(metricNamesIn('sum by (le) (rate(a_bucket{x="1"}[$__rate_interval])) / on() group_left b + {__name__="c"}')).toEqual({ names: ['a_bucket', 'b', 'c'] });
    expect(metricNamesIn('sum(rate(a[5m])').error).toMatch(/does not parse/);
  });
});
