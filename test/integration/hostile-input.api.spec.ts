import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Caller, callerFor, dischargeNotice, mandateBody, sql, temporalClient, useTestStack, waitForTask } from '../support/test-app';

/**
 * Hostile or mistaken input is refused at the edge with a 400 that names the field (or query parameter), and
 * nothing is written: no case, no idempotency key, no workflow, no audit row. Dates relative to now are built from
 * the real clock with margins of days, so no result depends on the date or the hour.
 */
const DAY_MS = 86_400_000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY_MS);
const isoDaysFromNow = (days: number) => daysFromNow(days).toISOString();
const dateDaysFromNow = (days: number) => daysFromNow(days).toISOString().slice(0, 10);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('hostile input at the edge (real Temporal and PostgreSQL)', () => {
  const stack = useTestStack();
  let hospital: Caller;
  let municipality: Caller;
  let registerAdmin: Caller;
  let auditor: Caller;
  beforeAll(async () => {
    hospital = await callerFor(stack.app, stack.config, 'KS', ['case_handler']);
    municipality = await callerFor(stack.app, stack.config, '0125', ['case_handler']);
    registerAdmin = await callerFor(stack.app, stack.config, 'HSF', ['register_admin']);
    auditor = await callerFor(stack.app, stack.config, 'HSF', ['platform_auditor']);
  });

  const open = (body: object, key = randomUUID()) => hospital.post('/discharge-handovers').set('Idempotency-Key', key).send(body);

  /** The agreed error body: 400, INVALID_INPUT, the field at fault named. */
  const expectRefused = (res: request.Response, field: string) => {
    expect({ status: res.status, code: res.body.code, field: res.body.field }).toEqual({ status: 400, code: 'INVALID_INPUT', field });
    if (res.body.fields !== undefined) expect(res.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  };

  /** What a request could have written: cases, idempotency keys, workflows, and audit rows other than refusals. */
  async function written(): Promise<{ cases: number; keys: number; audit: number; workflows: number }> {
    const [row] = await sql<{ cases: number; keys: number; audit: number }>(
      stack.config,
      `SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM idempotency_keys) AS keys,
              (SELECT count(*)::int FROM audit_log WHERE outcome NOT LIKE 'refused:%') AS audit`,
    );
    const temporal = await temporalClient(stack.config);
    try {
      const { count } = await temporal.client.workflow.count(`TaskQueue = "${stack.config.TEMPORAL_TASK_QUEUE}"`);
      return { ...row, workflows: count };
    } finally {
      await temporal.close();
    }
  }

  describe('text', () => {
    it('a NUL in patientName: 400 naming patientName; no case, key, workflow or case audit is written', async () => {
      const before = await written();
      expect(before.workflows).toBe(0);
      const key = randomUUID();
      const res = await open(dischargeNotice({ patientName: 'Tolvan\u0000Tolvansson' }), key).expect(400);
      expectRefused(res, 'patientName');
      expect(res.body.message).toBe('patientName must not contain control characters');
      expect(await written()).toEqual(before);
      expect(await sql(stack.config, 'SELECT 1 FROM idempotency_keys WHERE key = $1', [key])).toEqual([]);
      // The attempt itself is audited (the trail records refusals), without a case and without the text sent.
      const refusals = await sql<{ outcome: string; case_id: string | null; detail: unknown; row: string }>(
        stack.config,
        "SELECT outcome, case_id, detail, row_to_json(a)::text AS row FROM audit_log a WHERE outcome LIKE 'refused:%'",
      );
      expect(refusals).toEqual([expect.objectContaining({ outcome: 'refused:400', case_id: null, detail: null })]);
      expect(refusals[0].row).not.toContain('Tolvan');
    });

    it('every C0 control character and DEL in a name is refused; tab and newline too, in a name', async () => {
      const controls = [...Array.from({ length: 32 }, (_, i) => i), 0x7f].map((c) => String.fromCharCode(c));
      for (const c of controls) {
        const res = await open(dischargeNotice({ patientName: `Tolvan${c}Tolvansson` }));
        expect({ char: c.charCodeAt(0), status: res.status, field: res.body.field }).toEqual({ char: c.charCodeAt(0), status: 400, field: 'patientName' });
      }
      expect((await written()).cases).toBe(0);
    });

    it('bidi overrides and isolates in names and references are refused', async () => {
      for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
        expectRefused(await open(dischargeNotice({ patientName: `Tolvan ${c}nossnavloT` })), 'patientName');
      }
      expectRefused(await registerAdmin.post('/organisations').send({ code: 'VC-BIDI', kind: 'vardcentral', name: 'Vårdcentral \u202eNROB' }), 'name');
      expectRefused(await registerAdmin.post('/mandates').send(mandate({ reference: 'HDIR\u2066 1\u2069' })), 'reference');
      expect(await sql(stack.config, "SELECT 1 FROM organisations WHERE code = 'VC-BIDI'")).toEqual([]);
    });

    it('a lone surrogate is refused (JSON may carry one; it is not text)', async () => {
      const raw = JSON.stringify(dischargeNotice({ patientName: 'PLACEHOLDER' })).replace('PLACEHOLDER', 'Tolvan \\ud800 Tolvansson');
      const res = await hospital.post('/discharge-handovers').set('Idempotency-Key', randomUUID()).set('content-type', 'application/json').send(raw);
      expectRefused(res, 'patientName');
      expect(res.body.message).toContain('lone surrogate');
    });

    it('text longer than its documented maximum is refused, nested fields named by their path', async () => {
      expectRefused(await open(dischargeNotice({ patientName: 'x'.repeat(201) })), 'patientName');
      expectRefused(await registerAdmin.post('/mandates').send(mandate({ title: 'x'.repeat(301) })), 'title');
      expectRefused(await registerAdmin.post('/organisations').send({ code: 'X'.repeat(41), kind: 'vardcentral', name: 'Lång kod' }), 'code');
      await open(dischargeNotice({ patientName: 'x'.repeat(200) })).expect(201);
    });

    it('an unknown key is refused in nested objects too (prototype keys by the body parser), named by its path', async () => {
      expectRefused(await open(dischargeNotice({ needs: { municipal: ['home_care'], region: [], extra: true } })), 'needs.extra');
      expectRefused(await open(dischargeNotice({ needs: { municipal: [], region: [], constructor: { prototype: {} } } })), 'needs.constructor');
      const proto = JSON.stringify(dischargeNotice()).replace('"needs":{', '"needs":{"__proto__":{"polluted":true},');
      expectRefused(await hospital.post('/discharge-handovers').set('Idempotency-Key', randomUUID()).set('content-type', 'application/json').send(proto), 'needs.__proto__');
      expectRefused(await registerAdmin.post('/mandates').send({ ...mandate(), extra: 1 }), 'extra');
    });

    it('a task answer: a NUL in decision.comment is refused at the edge and the task stays open; tab and newline are fine', async () => {
      const { caseId } = (await open(dischargeNotice()).expect(201)).body;
      const task = await waitForTask(municipality, caseId, 'discharge.acknowledge_notice');
      expectRefused(await municipality.post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true, comment: 'Planering\u0000' } }), 'decision.comment');
      expectRefused(await municipality.post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true, comment: 'x'.repeat(10_001) } }), 'decision.comment');
      expect((await sql<{ status: string }>(stack.config, 'SELECT status FROM tasks WHERE id = $1', [task.id]))[0].status).toBe('open');
      await municipality.post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true, comment: 'Rad 1\nRad 2\tklar' } }).expect(200);
    });
  });

  describe('cursors', () => {
    const lists: [string, () => Caller][] = [
      ['/cases', () => municipality],
      ['/tasks', () => municipality],
      ['/claims', () => municipality],
      ['/audit', () => auditor],
    ];
    const tampered = [
      'garbage!',
      'x'.repeat(600),
      b64(['2026-01-01T00:00:00.000Z', randomUUID()]), // the old, unlabelled shape
      b64(['cases', "2026-01-01'; DROP TABLE cases; --", randomUUID()]),
      b64(['tasks', '2026-01-01T00:00:00.000Z', 'not-a-uuid']),
      b64(['audit', '', '99999999999999999999999']),
      b64({ sortKey: 'x', id: 'y' }),
      b64('"just a string"'),
    ];

    it.each(lists)('a tampered or garbage cursor on %s: 400 naming cursor, never 500', async (path, who) => {
      for (const cursor of tampered) {
        const res = await who().get(`${path}?cursor=${encodeURIComponent(cursor)}`);
        expect({ cursor, status: res.status, field: res.body.field }).toEqual({ cursor, status: 400, field: 'cursor' });
      }
    });

    it("a cursor of one list is refused by another, and a list's own nextCursor still pages", async () => {
      await open(dischargeNotice()).expect(201);
      await open(dischargeNotice()).expect(201);
      const first = (await municipality.get('/cases?limit=1').expect(200)).body;
      expect(first.nextCursor).toEqual(expect.any(String));
      expectRefused(await municipality.get(`/tasks?cursor=${first.nextCursor}`), 'cursor');
      const second = (await municipality.get(`/cases?limit=1&cursor=${first.nextCursor}`).expect(200)).body;
      expect(second.items[0].id).not.toBe(first.items[0].id);
    });

    it('/mandates is not paginated: a cursor (or any other parameter) is a 400 naming it, not ignored', async () => {
      expectRefused(await registerAdmin.get('/mandates?cursor=abc'), 'cursor');
      await registerAdmin.get('/mandates').expect(200);
    });
  });

  describe('list filters', () => {
    it.each([
      ['/cases?type=bogus', 'type'],
      ['/cases?status=bogus', 'status'],
      ['/cases?status=PLANNING', 'status'],
      ['/tasks?status=bogus', 'status'],
      ['/tasks?kind=discharge.bogus', 'kind'],
      ['/tasks?overdue=maybe', 'overdue'],
      ['/organisations?kind=bogus', 'kind'],
    ])('%s: 400 naming %s', async (url, field) => {
      expectRefused(await municipality.get(url), field);
    });

    it('a known value still filters', async () => {
      await municipality.get('/cases?type=discharge_handover&status=planning').expect(200);
      await municipality.get('/tasks?status=open&kind=discharge.acknowledge_notice').expect(200);
      // The case runtime's own: a faulted case, and the operator's task about it.
      await municipality.get('/cases?status=faulted').expect(200);
      await municipality.get('/tasks?kind=case_data_fault').expect(200);
    });
  });

  describe('dates', () => {
    it('an impossible calendar date is refused, not rolled into the next month', async () => {
      expectRefused(await open(dischargeNotice({ admittedAt: '2026-02-30T08:00:00+01:00' })), 'admittedAt');
      expectRefused(await open(dischargeNotice({ estimatedDischargeDate: '2026-02-30' })), 'estimatedDischargeDate');
      expectRefused(await open(dischargeNotice({ admittedAt: `${dateDaysFromNow(-1)}T24:30:00+01:00` })), 'admittedAt');
    });

    it('year 0000 and year 9999 are refused', async () => {
      expectRefused(await open(dischargeNotice({ admittedAt: '0000-01-01T08:00:00+01:00' })), 'admittedAt');
      expectRefused(await open(dischargeNotice({ estimatedDischargeDate: '9999-12-31' })), 'estimatedDischargeDate');
      expectRefused(await registerAdmin.post('/mandates').send(mandate({ validTo: '9999-12-31' })), 'validTo');
    });

    it('an admission more than DISCHARGE_ADMISSION_MAX_AGE_DAYS (365) ago is refused; two days ago is fine', async () => {
      const res = await open(dischargeNotice({ admittedAt: isoDaysFromNow(-400), estimatedDischargeDate: dateDaysFromNow(3) }));
      expectRefused(res, 'admittedAt');
      expect(res.body.message).toContain('more than 365 days ago');
      await open(dischargeNotice({ admittedAt: isoDaysFromNow(-2), estimatedDischargeDate: dateDaysFromNow(3) })).expect(201);
    });

    it('an admission more than a day ahead is refused', async () => {
      expectRefused(await open(dischargeNotice({ admittedAt: isoDaysFromNow(2), estimatedDischargeDate: dateDaysFromNow(5) })), 'admittedAt');
    });

    it('an estimated discharge more than a year ahead is refused, on opening and on a change; a week ahead is fine', async () => {
      expectRefused(await open(dischargeNotice({ estimatedDischargeDate: dateDaysFromNow(400) })), 'estimatedDischargeDate');
      const { caseId } = (await open(dischargeNotice()).expect(201)).body;
      const change = (date: string) => hospital.put(`/discharge-handovers/${caseId}/estimated-discharge-date`).send({ estimatedDischargeDate: date });
      expectRefused(await change(dateDaysFromNow(400)), 'estimatedDischargeDate');
      await change(dateDaysFromNow(7)).expect(200);
    });
  });
});

let mandates = 0;
const mandate = (overrides: Record<string, unknown> = {}) => mandateBody(`HOSTILE-${(mandates += 1)}`, overrides);
