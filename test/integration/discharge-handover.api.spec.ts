import request from 'supertest';
import { dischargeHandoverWorkflowId } from '../../libs/contracts/src/discharge-handover.contract';
import { KEY_RING } from '../../libs/crypto/src/crypto.module';
import { patientIndex } from '../../libs/crypto/src/patient-index';
import { dischargeNotice, sql, startTestWorker, temporalClient, tokenFor, useTestStack } from '../support/test-app';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

const body = dischargeNotice;

describe('discharge handover through the API (real Temporal and PostgreSQL)', () => {
  const stack = useTestStack();
  let hospital: string;
  beforeAll(async () => {
    hospital = `Bearer ${await tokenFor(stack.config, 'KS', ['case_handler'])}`;
  });

  const http = () => {
    const agent = request(stack.app.getHttpServer());
    return {
      get: (url: string) => agent.get(url).set('Authorization', hospital),
      post: (url: string) => agent.post(url).set('Authorization', hospital),
      put: (url: string) => agent.put(url).set('Authorization', hospital),
    };
  };
  const start = (key: string, payload = body()) => http().post('/discharge-handovers').set('Idempotency-Key', key).send(payload);

  it('reports ready once PostgreSQL, Temporal and a polling worker are up', async () => {
    const res = await request(stack.app.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body.details).toMatchObject({
      postgresql: { status: 'up' },
      temporal: { status: 'up' },
      worker: { status: 'up', taskQueue: stack.config.TEMPORAL_TASK_QUEUE },
    });
  });

  it('starts a case, answers its state by query, and projects it into PostgreSQL', async () => {
    const res = await start('start-projected-0001').expect(201);
    expect(res.body).toMatchObject({ replayed: false, workflowId: dischargeHandoverWorkflowId(res.body.caseId) });
    const { caseId } = res.body;

    const state = await http().get(`/discharge-handovers/${caseId}`).expect(200);
    expect(state.body).toMatchObject({ caseId, status: 'planning', municipalityCode: '0125', lateNotice: { late: false } });
    expect(JSON.stringify(state.body)).not.toContain('191212121212');

    // The projection activity ran before the first update or query could see the case, so poll briefly.
    let rows: { status: string; parties: string[]; subject: unknown; sealed: boolean; patient_index: string }[] = [];
    for (let i = 0; i < 50 && rows.length === 0; i++) {
      rows = await sql(stack.config, 'SELECT status, parties, subject, subject_sealed IS NOT NULL AS sealed, patient_index FROM cases WHERE id = $1', [caseId]);
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    // The patient is stored only sealed, with the personnummer's blind index for look-ups (issue 13).
    expect(rows).toEqual([
      { status: 'planning', parties: ['KS', '0125', 'VC-EKERO'], subject: null, sealed: true, patient_index: patientIndex(stack.app.get(KEY_RING), '191212121212') },
    ]);
    const view = await http().get(`/cases/${caseId}`).expect(200);
    expect(view.body).toMatchObject({ id: caseId, type: 'discharge_handover', status: 'planning' });
    expect(view.body.timeline.map((e: { type: string }) => e.type)).toEqual(['case_opened']);
    // The case's own read shows its patient to its parties; lists never do.
    expect(view.body).toMatchObject({ subject: { personnummer: '191212121212', name: 'Tolvan Tolvansson' }, patientDataErasedAt: null });
    const list = await http().get(`/cases?type=discharge_handover`).expect(200);
    expect(JSON.stringify(list.body)).not.toMatch(/Tolvan|191212121212/);
  });

  it('returns the same case for a repeated Idempotency-Key and refuses the key with another body', async () => {
    const payload = body();
    const first = await start('start-idempotent-0001', payload).expect(201);
    const again = await start('start-idempotent-0001', { ...payload }).expect(200);
    expect(again.body).toMatchObject({ caseId: first.body.caseId, replayed: true });

    const reused = await start('start-idempotent-0001', body({ patientName: 'Someone Else' })).expect(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });

    const count = await sql(stack.config, 'SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', ['start-idempotent-0001']);
    expect(count).toEqual([{ n: 1 }]);
  });

  it('makes one case when the same start arrives twice at once', async () => {
    const payload = body();
    const [a, b] = await Promise.all([start('start-concurrent-0001', payload), start('start-concurrent-0001', payload)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.caseId).toBe(b.body.caseId);
  });

  it('moves the case on through updates, and the workflow refuses what its state does not allow', async () => {
    const { caseId } = (await start('start-updates-0001').expect(201)).body;
    const base = `/discharge-handovers/${caseId}`;

    const changed = await http().put(`${base}/estimated-discharge-date`).send({ estimatedDischargeDate: inDays(5) }).expect(200);
    expect(changed.body).toMatchObject({ estimatedDischargeDate: inDays(5), version: 2 });

    const same = await http().put(`${base}/estimated-discharge-date`).send({ estimatedDischargeDate: inDays(5) }).expect(409);
    expect(same.body).toMatchObject({ code: 'REFUSED_BY_WORKFLOW', reason: `estimatedDischargeDate is already ${inDays(5)}` });

    const declaredAt = new Date().toISOString();
    const ready = await http()
      .post(`${base}/ready-for-discharge`)
      .set('Idempotency-Key', 'ready-updates-0001')
      .send({ declaredAt })
      .expect(200);
    expect(ready.body).toMatchObject({ status: 'ready_for_discharge', readyForDischargeAt: declaredAt });
    // The same request again is answered by the first update, not refused and not applied twice.
    const retried = await http()
      .post(`${base}/ready-for-discharge`)
      .set('Idempotency-Key', 'ready-updates-0001')
      .send({ declaredAt })
      .expect(200);
    expect(retried.body.version).toBe(ready.body.version);

    const projected = await sql(stack.config, 'SELECT status, version FROM cases WHERE id = $1', [caseId]);
    expect(projected).toEqual([{ status: 'ready_for_discharge', version: ready.body.version }]);
    const events = await sql<{ type: string }>(stack.config, 'SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId]);
    expect(events.map((e) => e.type)).toEqual(['case_opened', 'estimated_discharge_date_changed', 'ready_for_discharge_declared']);

    await http().post(`${base}/cancel`).send({ reason: 'opened_in_error' }).expect(200);
    const refused = await http().post(`${base}/cancel`).send({ reason: 'opened_in_error' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'CONFLICT', message: 'the case is cancelled' });

    const temporal = await temporalClient(stack.config);
    try {
      const result = await temporal.client.workflow.getHandle(dischargeHandoverWorkflowId(caseId)).result();
      expect(result.status).toBe('cancelled');
    } finally {
      await temporal.close();
    }
  });

  it('marks a case opened more than 24 hours after admission as late, with the delay', async () => {
    const res = await start('start-late-0001', body({ admittedAt: hoursAgo(30) })).expect(201);
    const state = await http().get(`/discharge-handovers/${res.body.caseId}`).expect(200);
    expect(state.body.lateNotice.late).toBe(true);
    expect(state.body.lateNotice.delayMinutes).toBeGreaterThanOrEqual(359);
    expect(state.body.lateNotice.delayMinutes).toBeLessThanOrEqual(362);
    expect(state.body.events.map((e: { type: string }) => e.type)).toEqual(['case_opened', 'notice_late']);
  });

  it('counts the 24 hours from a later judgement of needs when the notice gives one: 30 hours after admission, 2 after the judgement, is on time', async () => {
    const res = await start('start-judged-0001', body({ admittedAt: hoursAgo(30), needsJudgedAt: hoursAgo(2) })).expect(201);
    const state = await http().get(`/discharge-handovers/${res.body.caseId}`).expect(200);
    expect(state.body).toMatchObject({ lateNotice: { late: false, delayMinutes: 0 }, needsJudgedAt: expect.any(String) });
    expect(state.body.events.map((e: { type: string }) => e.type)).toEqual(['case_opened']);
  });

  it('goes on from where it was after the worker is replaced', async () => {
    const { caseId } = (await start('start-restart-0001').expect(201)).body;
    await stack.worker?.stop();
    stack.worker = await startTestWorker(stack.config);
    const res = await http()
      .post(`/discharge-handovers/${caseId}/ready-for-discharge`)
      .send({ declaredAt: new Date().toISOString() })
      .expect(200);
    expect(res.body).toMatchObject({ caseId, status: 'ready_for_discharge' });
  });

  describe('bad input gets a clear 4xx and leaves nothing behind', () => {
    it.each([
      ['a missing Idempotency-Key', (r: request.Test) => r.send(body()), 400, 'Idempotency-Key'],
      ['an invalid personnummer', (r: request.Test) => r.set('Idempotency-Key', 'bad-pnr-0001').send(body({ personnummer: '19121212-1213' })), 400, 'personnummer'],
      ['an unknown field', (r: request.Test) => r.set('Idempotency-Key', 'bad-field-0001').send({ ...body(), extra: 1 }), 400, 'extra'],
      ['a wrong need', (r: request.Test) => r.set('Idempotency-Key', 'bad-need-0001').send(body({ needs: { municipal: ['spa'], region: [] } })), 400, 'needs.municipal'],
      ['an impossible date', (r: request.Test) => r.set('Idempotency-Key', 'bad-date-0001').send(body({ estimatedDischargeDate: '2027-02-30' })), 400, 'estimatedDischargeDate'],
      ['an unknown municipality', (r: request.Test) => r.set('Idempotency-Key', 'bad-muni-0001').send(body({ municipalityCode: '9999' })), 422, 'municipalityCode'],
      ['a hospital given as vårdcentral', (r: request.Test) => r.set('Idempotency-Key', 'bad-vc-0001').send(body({ vardcentralCode: 'SOS' })), 422, 'vardcentralCode'],
      ['a number where text belongs', (r: request.Test) => r.set('Idempotency-Key', 'bad-type-0001').send(body({ patientName: 42 })), 400, 'patientName'],
      ['a discharge date before admission', (r: request.Test) => r.set('Idempotency-Key', 'bad-order-0001').send(body({ estimatedDischargeDate: '2020-01-01' })), 400, 'estimatedDischargeDate'],
      ['a judgement of needs that is not an instant', (r: request.Test) => r.set('Idempotency-Key', 'bad-judged-0001').send(body({ needsJudgedAt: '2026-02-30T08:00:00+01:00' })), 400, 'needsJudgedAt'],
      ['a judgement of needs before the admission', (r: request.Test) => r.set('Idempotency-Key', 'bad-judged-0002').send(body({ admittedAt: hoursAgo(5), needsJudgedAt: hoursAgo(6) })), 400, 'needsJudgedAt'],
      ['a judgement of needs in the future', (r: request.Test) => r.set('Idempotency-Key', 'bad-judged-0003').send(body({ needsJudgedAt: new Date(Date.now() + 3_600_000).toISOString() })), 400, 'needsJudgedAt'],
    ])('refuses %s', async (_what, send, status, field) => {
      const res = await send(http().post('/discharge-handovers')).expect(status);
      expect(JSON.stringify(res.body)).toContain(field);
    });

    it('refuses an oversized body with 413', async () => {
      await http()
        .post('/discharge-handovers')
        .set('Idempotency-Key', 'too-large-0001')
        .send(body({ patientName: 'x'.repeat(200_000) }))
        .expect(413);
    });

    it('answers 400 for a malformed id and 404 for an unknown case', async () => {
      const bad = await http().get('/discharge-handovers/not-a-uuid').expect(400);
      expect(bad.body.message).toBe('caseId must be a UUID');
      await http().get('/discharge-handovers/00000000-0000-4000-8000-000000000000').expect(404);
      await http().get('/cases/00000000-0000-4000-8000-000000000000').expect(404);
    });

    it('kept no case and no key from any refused request', async () => {
      const keys = await sql<{ key: string }>(stack.config, `SELECT key FROM idempotency_keys WHERE key LIKE 'bad-%' OR key LIKE 'too-%'`);
      expect(keys).toEqual([]);
    });
  });
});
