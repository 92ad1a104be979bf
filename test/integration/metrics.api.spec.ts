/**
 * GET /metrics (issue 17): the series a Prometheus scrapes from the API, with real values from a real case on the
 * real worker, PostgreSQL and Temporal; and who may scrape them (METRICS_TOKEN, or this machine only).
 */
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { verifyAndRecord } from '../../infra/audit/verify-and-record';
import { freePort } from '../../infra/net/ports';
import { samplesOf, valueOf } from '../support/prometheus-text';
import { callerFor, dischargeNotice, sql, startTestApi, testConfig, useTestStack, waitForTask } from '../support/test-app';

describe('GET /metrics', () => {
  // Read on every scrape; the vårdcentral's fast-vårdkontakt task goes overdue at once and escalates.
  const stack = useTestStack({ METRICS_REFRESH_SECONDS: '0', DISCHARGE_FAST_VARDKONTAKT_DUE: '1s' });
  const scrape = async () => {
    const res = await request(stack.app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };

  it('exports requests by route pattern, tasks, cases, escalations, reference data awaited, pollers, audit appends and verification', async () => {
    const { app, config } = stack;
    const hospital = await callerFor(app, config, 'KS', ['case_handler']);
    const municipality = await callerFor(app, config, '0125', ['case_handler']);
    const vcCoordinator = await callerFor(app, config, 'VC-EKERO', ['coordinator']);

    const before = samplesOf(await scrape());
    // audit:verify never ran: not verified.
    expect(valueOf(before, 'vardflode_audit_chain_verified')).toBe(0);
    expect(valueOf(before, 'vardflode_audit_chain_verification_timestamp_seconds')).toBe(0);

    const caseId = (await hospital.post('/discharge-handovers').set('Idempotency-Key', randomUUID()).send(dischargeNotice()).expect(201)).body.caseId as string;
    const ack = await waitForTask(municipality, caseId, 'discharge.acknowledge_notice');
    await municipality.post(`/tasks/${ack.id}/complete`).send({ decision: { acknowledged: true } }).expect(200);
    await municipality.get(`/cases/${caseId}`).expect(200);
    await municipality.get(`/cases/${randomUUID()}`).expect(404);
    // The worker's timer escalates the overdue task: the escalation is counted from the database.
    await waitForTask(vcCoordinator, caseId, 'discharge.escalation');
    // The case waiting for Socialstyrelsen's daily amount of 2031: its open registration task, as the runtime writes it.
    await sql(
      config,
      `INSERT INTO tasks (id, case_id, case_type, workflow_id, kind, assigned_org, required_role, status, due_at, input, answer_schema, reference_key)
       SELECT $1, id, case_type, workflow_id, 'discharge.register_daily_amount', 'HSF', 'reference_admin', 'open', now() + interval '1 day', '{}', '{}', 'daily_amount:2031'
         FROM cases WHERE id = $2`,
      [randomUUID(), caseId],
    );
    const verdict = await verifyAndRecord(app.get(DataSource));
    expect(verdict.ok).toBe(true);

    const text = await scrape();
    const s = samplesOf(text);
    // Requests by route pattern: never an id (nor any personal data) in a label.
    expect(valueOf(s, 'vardflode_http_requests_total', { method: 'POST', route: '/discharge-handovers', status: '201' })).toBe(1);
    expect(valueOf(s, 'vardflode_http_requests_total', { method: 'POST', route: '/tasks/:taskId/complete', status: '200' })).toBe(1);
    expect(valueOf(s, 'vardflode_http_requests_total', { method: 'GET', route: '/cases/:caseId', status: '200' })).toBe(1);
    expect(valueOf(s, 'vardflode_http_requests_total', { method: 'GET', route: '/cases/:caseId', status: '404' })).toBe(1);
    expect(valueOf(s, 'vardflode_http_request_duration_seconds_count', { method: 'POST', route: '/discharge-handovers', status: '201' })).toBe(1);
    expect(text).not.toContain(caseId);
    expect(text).not.toContain(ack.id);
    expect(text).not.toMatch(/19121212|Tolvan/);

    // Tasks: the municipality's needs assessment is open, the vårdcentral's fast-vårdkontakt task overdue.
    expect(valueOf(s, 'vardflode_tasks_open', { organisation: '0125', kind: 'discharge.needs_assessment' })).toBe(1);
    expect(valueOf(s, 'vardflode_tasks_open', { organisation: '0125', kind: 'discharge.acknowledge_notice' })).toBeUndefined(); // completed
    expect(valueOf(s, 'vardflode_tasks_overdue', { organisation: 'VC-EKERO', kind: 'discharge.appoint_fast_vardkontakt' })).toBe(1);
    expect(valueOf(s, 'vardflode_tasks_overdue', { organisation: '0125', kind: 'discharge.needs_assessment' })).toBe(0);
    expect(valueOf(s, 'vardflode_escalations_opened_total', { organisation: 'VC-EKERO', kind: 'discharge.escalation' })).toBe(1);
    expect(valueOf(s, 'vardflode_reference_data_awaited', { reference: 'daily_amount', year: '2031' })).toBe(1);
    const [{ type, status }] = await sql<{ type: string; status: string }>(config, 'SELECT case_type AS type, status FROM cases WHERE id = $1', [caseId]);
    expect(valueOf(s, 'vardflode_cases', { type, status })).toBe(1);

    expect(valueOf(s, 'vardflode_worker_pollers', { task_queue: config.TEMPORAL_TASK_QUEUE })).toBeGreaterThanOrEqual(1);
    expect(valueOf(s, 'vardflode_metrics_source_up', { source: 'database' })).toBe(1);
    expect(valueOf(s, 'vardflode_metrics_source_up', { source: 'temporal' })).toBe(1);
    // The API's own appends (the case read, the completion; the worker's are on its SDK metrics port).
    expect(valueOf(s, 'vardflode_audit_append_duration_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(valueOf(s, 'vardflode_audit_chain_verified')).toBe(1);
    expect(valueOf(s, 'vardflode_audit_chain_verification_timestamp_seconds')! * 1000).toBeGreaterThan(Date.now() - 60_000);
    expect(valueOf(s, 'vardflode_api_process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

describe('GET /metrics behind a proxy, without METRICS_TOKEN', () => {
  const stack = useTestStack({ HTTP_TRUSTED_PROXIES: '1' }, { worker: false });

  it('is not there for a client elsewhere, and answers one on this machine', async () => {
    const server = stack.app.getHttpServer();
    const res = await request(server).get('/metrics').set('X-Forwarded-For', '203.0.113.9').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /metrics' });
    await request(server).get('/metrics').set('X-Forwarded-For', '::ffff:203.0.113.9').expect(404);
    await request(server).get('/metrics').set('X-Forwarded-For', '127.0.0.1').expect(200);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = 'metrics-token-0123456789abcdef';
  const stack = useTestStack({ METRICS_TOKEN: token }, { worker: false });

  it('needs the token as a bearer token, even from this machine', async () => {
    const server = stack.app.getHttpServer();
    const none = await request(server).get('/metrics').expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    await request(server).get('/metrics').set('Authorization', `Bearer ${token}x`).expect(401);
    await request(server).get('/metrics').set('Authorization', `Bearer ${token.slice(0, -1)}`).expect(401);
    // An API token is not the metrics token.
    await request(server).get('/metrics').set('Authorization', 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig').expect(401);
    const ok = await request(server).get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
    expect(ok.text).toContain('# TYPE vardflode_http_requests_total counter');
    expect(ok.text).not.toContain(token);
  });
});

describe('GET /metrics while Temporal does not answer', () => {
  let app: INestApplication | undefined;
  afterAll(async () => app?.close());

  it('still answers: the database series, and Temporal named as the source that is down (no pollers figure rather than a wrong 0)', async () => {
    app = await startTestApi(await testConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, METRICS_REFRESH_SECONDS: '0' }));
    const s = samplesOf((await request(app.getHttpServer()).get('/metrics').expect(200)).text);
    expect(valueOf(s, 'vardflode_metrics_source_up', { source: 'temporal' })).toBe(0);
    expect(valueOf(s, 'vardflode_metrics_source_up', { source: 'database' })).toBe(1);
    expect(s.filter((x) => x.name === 'vardflode_worker_pollers')).toEqual([]);
  });
});
