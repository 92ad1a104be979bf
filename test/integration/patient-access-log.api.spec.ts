/**
 * The patient-data access log (patientdatalagen 2008:355, 4 kap.): every answer that shows a patient's identity is
 * an audit row (`patient_data.read`) in the hash chain, and `POST /patients/access-log` lists them per patient for
 * an organisation's admin (its cases) and HSF's platform auditor (all). Real Temporal and PostgreSQL.
 */
import { KEY_RING } from '../../libs/crypto/src/crypto.module';
import type { KeyRing } from '../../libs/crypto/src/key-ring';
import { patientIndex } from '../../libs/crypto/src/patient-index';
import { AuditRepository } from '../../libs/persistence/src/audit/audit.repository';
import { Caller, callerFor, dischargeNotice, sql, TestStack, useTestStack, waitForTask } from '../support/test-app';

const PATIENT = '19121212-1212';
/** Every spelling of the patient's personnummer: none may appear in an audit row. */
const SPELLINGS = ['191212121212', '19121212-1212', '121212-1212', '1212121212'];
const ACK = 'discharge.acknowledge_notice';

interface ExtractItem {
  at: string;
  personId: string;
  organisationCode: string;
  roles: string[];
  endpoint: string;
  caseId: string;
  taskId: string | null;
  auditId: string;
}

/** Opens a discharge case for PATIENT and waits for Ekerö's task (the projection has then written the case). */
async function openCase(stack: TestStack, hospital: Caller, key: string): Promise<{ caseId: string; taskId: string }> {
  const opened = await hospital.post('/discharge-handovers').set('Idempotency-Key', key).send(dischargeNotice({ personnummer: PATIENT })).expect(201);
  const caseId: string = opened.body.caseId;
  const task = await waitForTask(await callerFor(stack.app, stack.config, '0125', ['case_handler'], 'ekero-inbox'), caseId, ACK);
  // The projection stored the personnummer's blind index, by which the extract finds the case.
  const [row] = await sql<{ patient_index: string | null }>(stack.config, 'SELECT patient_index FROM cases WHERE id = $1', [caseId]);
  expect(row.patient_index).toBe(patientIndex(stack.app.get<KeyRing>(KEY_RING), PATIENT));
  return { caseId, taskId: task.id };
}

const auditRows = (stack: TestStack, where: string, params: unknown[] = []) =>
  sql<{ id: string; action: string; actor: string; organisation_code: string; case_id: string | null; task_id: string | null; outcome: string; detail: Record<string, unknown> | null; row: string }>(
    stack.config,
    `SELECT id, action, actor, organisation_code, case_id, task_id, outcome, detail, row_to_json(a)::text AS row FROM audit_log a WHERE ${where} ORDER BY id`,
    params,
  );

describe('patient-data access log: reads of a case, and the extract', () => {
  const stack = useTestStack();
  const as = (org: string, roles: Parameters<typeof callerFor>[3], person: string) => callerFor(stack.app, stack.config, org, roles, person);

  it('lists exactly the three reads by people of two organisations, not a 404 or a list without personal data; audits the extract; the chain verifies', async () => {
    const hospital = await as('KS', ['case_handler'], 'ks-anna');
    const { caseId } = await openCase(stack, hospital, 'access-log-main');
    const ekeroBertil = await as('0125', ['case_handler', 'finance'], '0125-bertil');
    const ekeroCecilia = await as('0125', ['coordinator'], '0125-cecilia');
    const huddingeDavid = await as('0126', ['case_handler'], '0126-david');

    const before = await auditRows(stack, `action = 'patient_data.read'`);
    // Three people of two organisations read the case (it shows its patient) and the patient's written summary.
    const summary = `/discharge-handovers/${caseId}/summary`;
    expect((await hospital.get(`/cases/${caseId}`).expect(200)).body.subject).toEqual({ personnummer: '191212121212', name: 'Tolvan Tolvansson' });
    expect((await ekeroBertil.get(summary).expect(200)).body.patientName).toBe('Tolvan Tolvansson');
    await ekeroCecilia.get(`/cases/${caseId}`).expect(200);
    // A non-party finds no such case: nothing was shown, nothing is logged as a read.
    await huddingeDavid.get(`/cases/${caseId}`).expect(404);
    await huddingeDavid.get(summary).expect(404);
    // Lists show no personal data: not a read of the patient's data.
    const list = await ekeroBertil.get('/cases').expect(200);
    expect(JSON.stringify(list.body)).not.toContain('Tolvan');
    const inbox = await ekeroBertil.get(`/tasks?caseId=${caseId}`).expect(200);
    expect(JSON.stringify(inbox.body)).not.toContain('Tolvan');

    const reads = await auditRows(stack, `action = 'patient_data.read'`);
    expect(reads).toHaveLength(before.length + 3);

    // HSF's platform auditor takes out the patient's log: exactly those three, oldest first.
    const auditor = await as('HSF', ['platform_auditor'], 'hsf-auditor');
    const extract = await auditor.post('/patients/access-log').send({ personnummer: PATIENT }).expect(200);
    const items = extract.body.items as ExtractItem[];
    expect(items.map((i) => [i.personId, i.organisationCode, i.roles, i.endpoint, i.caseId, i.taskId])).toEqual([
      ['ks-anna', 'KS', ['case_handler'], 'GET /cases/:caseId', caseId, null],
      // Bertil holds finance too; case_handler is the role that gave him the case.
      ['0125-bertil', '0125', ['case_handler'], 'GET /discharge-handovers/:caseId/summary', caseId, null],
      ['0125-cecilia', '0125', ['coordinator'], 'GET /cases/:caseId', caseId, null],
    ]);
    const times = items.map((i) => Date.parse(i.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(extract.body.nextCursor).toBeNull();

    // Cursor-paginated like the other lists.
    const first = await auditor.post('/patients/access-log').send({ personnummer: PATIENT, limit: 2 }).expect(200);
    expect(first.body.items.map((i: ExtractItem) => i.personId)).toEqual(['ks-anna', '0125-bertil']);
    const second = await auditor.post('/patients/access-log').send({ personnummer: PATIENT, limit: 2, cursor: first.body.nextCursor }).expect(200);
    expect(second.body).toEqual({ items: [items[2]], nextCursor: null });
    // A cursor of another list is refused, naming the field.
    const audit = await auditor.get('/audit?limit=1').expect(200);
    const foreign = await auditor.post('/patients/access-log').send({ personnummer: PATIENT, cursor: audit.body.nextCursor }).expect(400);
    expect(foreign.body.field).toBe('cursor');

    // The hospital's admin (a party) sees the same reads, the non-party Huddinge's admin none.
    const ksAdmin = await as('KS', ['admin'], 'ks-admin');
    expect((await ksAdmin.post('/patients/access-log').send({ personnummer: PATIENT }).expect(200)).body.items).toEqual(items);
    expect((await (await as('0126', ['admin'], '0126-admin')).post('/patients/access-log').send({ personnummer: PATIENT }).expect(200)).body).toEqual({ items: [], nextCursor: null });

    // Each extract is itself in the audit log, with the blind index and the cases, never the personnummer.
    const index = patientIndex(stack.app.get<KeyRing>(KEY_RING), PATIENT);
    const extracts = await auditRows(stack, `action = 'patient_data.extract'`);
    expect(extracts.map((r) => [r.actor, r.organisation_code, r.outcome, r.detail])).toEqual([
      ['hsf-auditor', 'HSF', 'success', { scope: 'platform', patientIndex: index, caseIds: [caseId] }],
      ['hsf-auditor', 'HSF', 'success', { scope: 'platform', patientIndex: index, caseIds: [caseId] }],
      ['hsf-auditor', 'HSF', 'success', { scope: 'platform', patientIndex: index, caseIds: [caseId] }],
      // The foreign cursor: refused, and still with the patient it was about.
      ['hsf-auditor', 'HSF', 'refused:400', { scope: 'platform', patientIndex: index, caseIds: [caseId] }],
      ['ks-admin', 'KS', 'success', { scope: 'organisation', patientIndex: index, caseIds: [caseId] }],
      ['0126-admin', '0126', 'success', { scope: 'organisation', patientIndex: index, caseIds: [] }],
    ]);
    for (const row of await auditRows(stack, 'true')) for (const s of [...SPELLINGS, 'Tolvan']) expect(row.row).not.toContain(s);

    // The reads and the extracts are links of the one hash chain, and it verifies.
    expect(await stack.app.get(AuditRepository).verify()).toMatchObject({ ok: true });
  });

  it('gives an empty list, not 404, for a patient without cases (an unknown patient looks like one nobody read)', async () => {
    const auditor = await as('HSF', ['platform_auditor'], 'hsf-auditor');
    const res = await auditor.post('/patients/access-log').send({ personnummer: '20121212-1212' }).expect(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses case roles with 403, and a bad personnummer or cursor with 400 naming it, writing nothing but the refusal', async () => {
    const written = async () =>
      (await sql<{ n: number }>(stack.config, `SELECT count(*)::int AS n FROM audit_log WHERE outcome NOT LIKE 'refused:%'`))[0].n;
    const before = await written();
    for (const [org, roles] of [['0125', ['case_handler']], ['0125', ['coordinator']], ['0125', ['finance']], ['0126', ['platform_auditor']]] as const) {
      const res = await (await as(org, [...roles], `${org}-${roles[0]}`)).post('/patients/access-log').send({ personnummer: PATIENT });
      expect({ who: `${org} ${roles[0]}`, status: res.status }).toEqual({ who: `${org} ${roles[0]}`, status: 403 });
    }
    const auditor = await as('HSF', ['platform_auditor'], 'hsf-auditor');
    for (const body of [{ personnummer: '19121212-1213' }, { personnummer: 'Tolvan' }, {}, { personnummer: 191212121212 }]) {
      const res = await auditor.post('/patients/access-log').send(body).expect(400);
      expect(res.body.field).toBe('personnummer');
    }
    // A tampered cursor is a 400 naming cursor, never a database error.
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
    for (const cursor of ['garbage!', b64(['patients/access-log', '', '99999999999999999999999']), b64(['patients/access-log', 'x', '1']), b64(['audit', '', '1'])]) {
      const res = await auditor.post('/patients/access-log').send({ personnummer: PATIENT, cursor });
      expect({ cursor, status: res.status, field: res.body.field }).toEqual({ cursor, status: 400, field: 'cursor' });
    }
    expect(await written()).toBe(before);
    const refusals = await auditRows(stack, `action = 'patient_data.extract' AND outcome = 'refused:400' AND detail IS NULL`);
    expect(refusals.length).toBeGreaterThanOrEqual(4);
    for (const row of refusals) expect(row.row).not.toContain('1213');
  });
});

describe('patient-data access log: a task that carries the patient', () => {
  const stack = useTestStack();

  it("logs the task detail and a completion whose answer shows the patient, with the task and its role; a claim's answer without the patient is not a read", async () => {
    const hospital = await callerFor(stack.app, stack.config, 'KS', ['case_handler'], 'ks-anna');
    const { caseId, taskId } = await openCase(stack, hospital, 'access-log-task');
    const ekero = await callerFor(stack.app, stack.config, '0125', ['case_handler', 'coordinator'], '0125-bertil');
    const detail = await ekero.get(`/tasks/${taskId}`).expect(200);
    expect(detail.body.input.patient.name).toBe('Tolvan Tolvansson');
    const claimed = await ekero.post(`/tasks/${taskId}/claim`).expect(200);
    expect(claimed.body.input.patient).toBeNull();
    const done = await ekero.post(`/tasks/${taskId}/complete`).send({ decision: { acknowledged: true } }).expect(200);
    expect(done.body.task.input.patient.name).toBe('Tolvan Tolvansson');

    const rows = await auditRows(stack, 'task_id = $1', [taskId]);
    expect(rows.map((r) => [r.action, r.actor, r.outcome, r.detail])).toEqual([
      // The read is one row: the patient_data.read takes the place of the route's own task.read.
      ['patient_data.read', '0125-bertil', 'success', { endpoint: 'GET /tasks/:taskId', roles: ['case_handler'], via: 'task.read' }],
      ['task.claim', '0125-bertil', 'success', null],
      // A change whose answer shows the patient: its own row (written with the step), then the read.
      ['task.complete', '0125-bertil', 'success', expect.anything()],
      ['patient_data.read', '0125-bertil', 'success', { endpoint: 'POST /tasks/:taskId/complete', roles: ['case_handler'], via: 'task.complete' }],
    ]);
    expect(rows.every((r) => r.case_id === caseId)).toBe(true);

    const extract = await (await callerFor(stack.app, stack.config, 'HSF', ['platform_auditor'])).post('/patients/access-log').send({ personnummer: PATIENT }).expect(200);
    expect(extract.body.items.map((i: ExtractItem) => [i.endpoint, i.taskId])).toEqual([
      ['GET /tasks/:taskId', taskId],
      ['POST /tasks/:taskId/complete', taskId],
    ]);
    expect(await stack.app.get(AuditRepository).verify()).toMatchObject({ ok: true });
  });
});
