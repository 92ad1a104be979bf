/**
 * Issue 13, the patient's data at rest and its erasure: each case's personnummer and name are sealed with a data key
 * of the case (wrapped by the key ring) before its workflow starts, so PostgreSQL, the workflow's history (even
 * decoded with the payload codec) and the logs hold nothing readable; erasure destroys the key (crypto-shredding) and
 * the case stays, without its patient. Real Temporal and PostgreSQL; the erasure runs with a "now" the test sets.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Payload } from '@temporalio/common';
import { ensurePatientDataErasureSchedule } from '../../apps/worker/src/erasure-schedule';
import {
  DISCHARGE_HANDOVER_WORKFLOW_TYPE,
  dischargeHandoverOpenedUpdate,
  dischargeHandoverWorkflowId,
} from '../../libs/contracts/src/discharge-handover.contract';
import {
  PATIENT_DATA_ERASURE_WORKFLOW_TYPE,
  PatientDataErasureResult,
  patientDataErasureScheduleId,
} from '../../libs/contracts/src/patient-data-erasure.contract';
import type { Role } from '../../libs/auth/src/principal';
import { KEY_RING } from '../../libs/crypto/src/crypto.module';
import type { KeyRing } from '../../libs/crypto/src/key-ring';
import { KeyRingPayloadCodec } from '../../libs/crypto/src/payload-codec';
import { patientIndex } from '../../libs/crypto/src/patient-index';
import { PatientDataService } from '../../libs/persistence/src/patient-data/patient-data.service';
import { callerFor, dischargeInput, dischargeNotice, sql, temporalClient, TestStack, useTestStack, waitForTask } from '../support/test-app';

const as = (stack: TestStack, org: string, role: Role) => callerFor(stack.app, stack.config, org, [role], `${org.toLowerCase()}-${role}`);
const DAY_MS = 86_400_000;
const RETENTION_DAYS = 30;

/** Skatteverket's test person, in every spelling the data could take (with/without century and dash, name parts). */
const PATIENT = { personnummer: '19121212-1212', name: 'Tolvan Tolvansson' };
const SPELLINGS = [/191212121212/, /19121212-1212/, /(?<!\d)1212121212(?!\d)/, /121212-1212/, /tolvan/i, /tolvansson/i];
const readable = (text: string) => SPELLINGS.filter((s) => s.test(text)).map(String);

/** Everything the API and the worker write to stdout/stderr (pino writes with fs.writeSync on fd 1) or the console. */
const logged: string[] = [];
const keep = (chunk: unknown) => void logged.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk));
beforeAll(() => {
  const writeSync = fs.writeSync.bind(fs);
  jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd === 1 || fd === 2) {
      keep(data);
      return typeof data === 'string' ? Buffer.byteLength(data) : (data as Uint8Array).byteLength;
    }
    return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof fs.writeSync);
  for (const stream of [process.stdout, process.stderr]) {
    jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof stream.write);
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, level).mockImplementation((...args) => keep(args.map(String).join(' ')));
});
afterAll(() => jest.restoreAllMocks());

/** Every row of every table of the test database, as text (the embedded PostgreSQL ships no pg_dump). */
async function dumpDatabase(stack: TestStack): Promise<string> {
  const tables = await sql<{ name: string }>(stack.config, `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['cases', 'case_data_keys', 'tasks', 'audit_log', 'case_events', 'idempotency_keys']));
  const parts: string[] = [];
  for (const { name } of tables) {
    for (const row of await sql<{ t: string }>(stack.config, `SELECT t::text AS t FROM ${name} t`)) parts.push(`${name}: ${row.t}`);
  }
  return parts.join('\n');
}

/** The workflow's history with every payload decoded by the payload codec (what an operator's codec server shows). */
async function decodedHistory(stack: TestStack, caseId: string): Promise<string> {
  const codec = new KeyRingPayloadCodec(stack.app.get<string, KeyRing>(KEY_RING));
  const temporal = await temporalClient(stack.config, { raw: true });
  try {
    const history = await temporal.client.workflow.getHandle(dischargeHandoverWorkflowId(caseId)).fetchHistory();
    const texts: string[] = [];
    const walk = async (v: unknown): Promise<void> => {
      if (!v || typeof v !== 'object') return;
      if (Array.isArray(v)) {
        for (const x of v) await walk(x);
        return;
      }
      const p = v as Payload;
      if (p.metadata && p.data instanceof Uint8Array) {
        const [open] = await codec.decode([p]);
        texts.push(Buffer.from(open.data ?? new Uint8Array()).toString('utf8'));
        return;
      }
      for (const x of Object.values(v)) await walk(x);
    };
    await walk(history.events);
    expect(texts.length).toBeGreaterThan(3);
    return texts.join('\n');
  } finally {
    await temporal.close();
  }
}

async function openCase(stack: TestStack): Promise<string> {
  const hospital = await as(stack, 'KS', 'case_handler');
  const res = await hospital.post('/discharge-handovers').set('Idempotency-Key', `at-rest-${randomUUID()}`).send(dischargeNotice({ personnummer: PATIENT.personnummer, patientName: PATIENT.name })).expect(201);
  return res.body.caseId;
}

async function closedAt(stack: TestStack, caseId: string): Promise<Date> {
  for (let i = 0; i < 100; i++) {
    const [row] = await sql<{ closed_at: Date | null }>(stack.config, 'SELECT closed_at FROM cases WHERE id = $1', [caseId]);
    if (row?.closed_at) return row.closed_at;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`case ${caseId} never closed`);
}

async function runErasure(stack: TestStack, now: Date): Promise<PatientDataErasureResult> {
  const temporal = await temporalClient(stack.config);
  try {
    return await temporal.client.workflow.execute(PATIENT_DATA_ERASURE_WORKFLOW_TYPE, {
      taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
      workflowId: `erasure-${randomUUID()}`,
      args: [{ now: now.toISOString() }],
    });
  } finally {
    await temporal.close();
  }
}

describe('patient data at rest, in the workflow, and its erasure (issue 13)', () => {
  const stack = useTestStack({ LOG_LEVEL: 'debug', PATIENT_DATA_RETENTION_DAYS: String(RETENTION_DAYS), PATIENT_DATA_ERASURE_INTERVAL: '1h' });

  it('a case opened through the API: sealed with its own data key, indexed, and readable only through the API', async () => {
    const caseId = await openCase(stack);
    const municipality = await as(stack, '0125', 'case_handler');
    const task = await waitForTask(municipality, caseId, 'discharge.acknowledge_notice');

    const [row] = await sql<{ subject: unknown; sealed: Buffer; patient_index: string }>(stack.config, 'SELECT subject, subject_sealed AS sealed, patient_index FROM cases WHERE id = $1', [caseId]);
    expect(row.subject).toBeNull();
    expect(row.sealed.length).toBeGreaterThan(28);
    expect(row.patient_index).toBe(patientIndex(stack.app.get(KEY_RING), '191212121212'));
    const [key] = await sql<{ ring_key_id: string; wrapped: number; destroyed_at: Date | null }>(
      stack.config,
      'SELECT ring_key_id, length(wrapped_key) AS wrapped, destroyed_at FROM case_data_keys WHERE case_id = $1',
      [caseId],
    );
    expect(key).toEqual({ ring_key_id: stack.app.get<string, KeyRing>(KEY_RING).currentKeyId, wrapped: 32 + 28, destroyed_at: null });

    // Those who may read the case read its patient; the list does not show it; a non-party sees no case.
    const hospital = await as(stack, 'KS', 'case_handler');
    expect((await hospital.get(`/cases/${caseId}`).expect(200)).body).toMatchObject({ subject: { personnummer: '191212121212', name: PATIENT.name }, patientDataErasedAt: null });
    expect((await municipality.get(`/tasks/${task.id}`).expect(200)).body.input.patient).toEqual({ personnummer: '191212121212', name: PATIENT.name });
    expect((await municipality.get(`/discharge-handovers/${caseId}/summary`).expect(200)).body.patientName).toBe(PATIENT.name);
    expect(readable(JSON.stringify((await hospital.get('/cases?type=discharge_handover').expect(200)).body))).toEqual([]);
    await (await as(stack, '0126', 'case_handler')).get(`/cases/${caseId}`).expect(404);

    // The workflow got the patient sealed: its history, decoded with the codec, holds nothing readable of them.
    const history = await decodedHistory(stack, caseId);
    expect(history).toContain('patientSealed');
    expect(readable(history)).toEqual([]);
  });

  it('erasure after the retention: the data key is destroyed, nothing readable is left anywhere, the case still counts', async () => {
    const caseId = await openCase(stack);
    const stillOpen = await openCase(stack);
    const hospital = await as(stack, 'KS', 'case_handler');
    await hospital.post(`/discharge-handovers/${caseId}/cancel`).send({ reason: 'opened_in_error' }).expect(200);
    expect((await hospital.get(`/cases/${caseId}`).expect(200)).body.subject).not.toBeNull(); // a read, logged
    const closed = await closedAt(stack, caseId);
    const sealedInput = JSON.parse((await decodedHistory(stack, caseId)).split('\n').find((t) => t.includes('patientSealed'))!).patientSealed as string;

    // One day short of the retention nothing is due; past it, this case is (the open one never is).
    expect((await runErasure(stack, new Date(closed.getTime() + (RETENTION_DAYS - 1) * DAY_MS))).erased).not.toContain(caseId);
    const erasedAt = new Date(closed.getTime() + RETENTION_DAYS * DAY_MS + 60_000);
    const result = await runErasure(stack, erasedAt);
    expect(result.erased).toContain(caseId);
    expect(result.erased).not.toContain(stillOpen);
    expect(result.closedBefore).toBe(new Date(erasedAt.getTime() - RETENTION_DAYS * DAY_MS).toISOString());

    // PostgreSQL: the wrapped key is gone, the sealed and index columns empty; the case, its status and summary stay.
    expect(await sql(stack.config, 'SELECT wrapped_key, destroyed_at FROM case_data_keys WHERE case_id = $1', [caseId])).toEqual([{ wrapped_key: null, destroyed_at: erasedAt }]);
    const [row] = await sql<Record<string, unknown>>(
      stack.config,
      'SELECT status, subject, subject_sealed, patient_index, patient_data_erased_at, summary IS NOT NULL AS has_summary FROM cases WHERE id = $1',
      [caseId],
    );
    // The blind index stays (PATIENT_INDEX_AFTER_ERASURE): the access log must still answer who read this patient.
    expect(row).toEqual({ status: 'cancelled', subject: null, subject_sealed: null, patient_index: patientIndex(stack.app.get(KEY_RING), '191212121212'), patient_data_erased_at: erasedAt, has_summary: true });
    const [open] = await sql<{ sealed: boolean }>(stack.config, 'SELECT subject_sealed IS NOT NULL AS sealed FROM cases WHERE id = $1', [stillOpen]);
    expect(open.sealed).toBe(true);

    // Temporal: the history still carries the sealed blob, and nothing can open it any more.
    expect(sealedInput.length).toBeGreaterThan(20);
    const patientData = stack.app.get(PatientDataService);
    expect(await patientData.subjectOf({ id: caseId, subjectSealed: Buffer.from(sealedInput, 'base64') })).toBeNull();
    expect(await patientData.subjectOf({ id: stillOpen, subjectSealed: Buffer.from(sealedInput, 'base64') }).catch((e: Error) => e.name)).toBe('SealedDataError');
    expect(readable(await decodedHistory(stack, caseId))).toEqual([]);

    // The API: the case answers without its patient; its summary too; the list still counts it.
    const view = (await hospital.get(`/cases/${caseId}`).expect(200)).body;
    expect(view).toMatchObject({ id: caseId, status: 'cancelled', subject: null, patientDataErasedAt: erasedAt.toISOString() });
    expect(readable(JSON.stringify(view))).toEqual([]);
    expect((await hospital.get(`/discharge-handovers/${caseId}/summary`).expect(200)).body).toMatchObject({ caseId, patientName: null, status: 'cancelled' });
    const cancelled = (await hospital.get('/cases?type=discharge_handover&status=cancelled').expect(200)).body.items.map((c: { id: string }) => c.id);
    expect(cancelled).toContain(caseId);

    // The patient can still be shown who read their data before the erasure (the read above, before it, was logged).
    const auditor = await as(stack, 'HSF', 'platform_auditor');
    const extract = (await auditor.post('/patients/access-log').send({ personnummer: '19121212-1212' }).expect(200)).body.items as { caseId: string; endpoint: string }[];
    expect(extract.filter((r) => r.caseId === caseId).map((r) => r.endpoint)).toContain('GET /cases/:caseId');

    // Audited, once, without personal data; a second run erases nothing more.
    const audit = await sql<{ actor: string; action: string; detail: Record<string, unknown> }>(stack.config, `SELECT actor, action, detail FROM audit_log WHERE case_id = $1 AND action = 'patient_data.erase'`, [caseId]);
    expect(audit).toEqual([{ actor: 'system', action: 'patient_data.erase', detail: { reason: 'retention', retentionDays: RETENTION_DAYS, closedAt: closed.toISOString(), erasedAt: erasedAt.toISOString(), dataKeyDestroyed: true } }]);
    expect((await runErasure(stack, erasedAt)).erased).not.toContain(caseId);
  });

  it('the worker keeps one schedule that runs the erasure on its task queue', async () => {
    const temporal = await temporalClient(stack.config);
    const scheduleId = patientDataErasureScheduleId(stack.config.TEMPORAL_TASK_QUEUE);
    try {
      expect(await ensurePatientDataErasureSchedule(temporal.client, stack.config)).toBe(scheduleId);
      await ensurePatientDataErasureSchedule(temporal.client, stack.config); // again, as on the next start
      const handle = temporal.client.schedule.getHandle(scheduleId);
      const described = await handle.describe();
      expect(described.spec.intervals).toMatchObject([{ every: 3_600_000 }]);
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: PATIENT_DATA_ERASURE_WORKFLOW_TYPE, taskQueue: stack.config.TEMPORAL_TASK_QUEUE });
      await handle.trigger();
      let runs = described.info.recentActions;
      for (let i = 0; i < 100 && runs.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        runs = (await handle.describe()).info.recentActions;
      }
      const started = runs[0].action;
      const result: PatientDataErasureResult = await temporal.client.workflow.getHandle(started.workflow.workflowId, started.workflow.firstExecutionRunId).result();
      expect(result.erased).toEqual([]); // nothing closed 30 days before now in this database
    } finally {
      await temporal.client.schedule.getHandle(scheduleId).delete().catch(() => undefined);
      await temporal.close();
    }
  });

  it('a case started before, on the old input with the patient in plain, keeps running and is stored sealed', async () => {
    const caseId = randomUUID();
    const temporal = await temporalClient(stack.config);
    try {
      const handle = await temporal.client.workflow.start(DISCHARGE_HANDOVER_WORKFLOW_TYPE, {
        taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
        workflowId: dischargeHandoverWorkflowId(caseId),
        args: [dischargeInput(caseId, { requestId: `req-${caseId}` })],
      });
      await handle.executeUpdate(dischargeHandoverOpenedUpdate);
    } finally {
      await temporal.close();
    }
    const municipality = await as(stack, '0125', 'case_handler');
    const task = await waitForTask(municipality, caseId, 'discharge.acknowledge_notice');
    const [row] = await sql<{ subject: unknown; sealed: boolean; patient_index: string }>(stack.config, 'SELECT subject, subject_sealed IS NOT NULL AS sealed, patient_index FROM cases WHERE id = $1', [caseId]);
    expect(row).toEqual({ subject: null, sealed: true, patient_index: patientIndex(stack.app.get(KEY_RING), '191212121212') });
    expect((await municipality.get(`/cases/${caseId}`).expect(200)).body.subject).toEqual({ personnummer: '191212121212', name: PATIENT.name });
    const shown = (await municipality.get(`/tasks/${task.id}`).expect(200)).body;
    expect(shown.input.patient).toEqual({ personnummer: '191212121212', name: PATIENT.name });
    const [stored] = await sql<{ input: Record<string, unknown> }>(stack.config, 'SELECT input FROM tasks WHERE id = $1', [task.id]);
    expect(stored.input.patient).toBeNull();
    // It goes on: the municipality's kvittens is taken.
    await municipality.post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true } }).expect(200);
  });

  it('a case on the old input drops its plain patient when it continues as new, and is still read whole', async () => {
    const caseId = randomUUID();
    const workflowId = dischargeHandoverWorkflowId(caseId);
    const temporal = await temporalClient(stack.config);
    try {
      const handle = await temporal.client.workflow.start(DISCHARGE_HANDOVER_WORKFLOW_TYPE, {
        taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
        workflowId,
        args: [dischargeInput(caseId, { requestId: `req-${caseId}`, policy: { noticeDeadlineHours: 24, maxHistoryLength: 20 } })],
      });
      await handle.executeUpdate(dischargeHandoverOpenedUpdate);
      const firstRun = handle.firstExecutionRunId;
      const municipality = await as(stack, '0125', 'case_handler');
      const vc = await as(stack, 'VC-EKERO', 'case_handler');
      const latestRun = async () => (await temporal.client.workflow.getHandle(workflowId).describe()).runId;
      for (const [caller, kind, decision] of [
        [municipality, 'discharge.acknowledge_notice', { acknowledged: true }],
        [vc, 'discharge.acknowledge_notice', { acknowledged: true }],
        [vc, 'discharge.appoint_fast_vardkontakt', { name: 'Vera Vårdcentral' }],
      ] as const) {
        if ((await latestRun()) !== firstRun) break;
        const task = await waitForTask(caller, caseId, kind);
        await caller.post(`/tasks/${task.id}/complete`).send({ decision }).expect(200);
      }
      for (let i = 0; i < 50 && (await latestRun()) === firstRun; i++) await new Promise((r) => setTimeout(r, 100));
      const next = await latestRun();
      expect(next).not.toBe(firstRun);
      // The next run's input, decoded: the case goes on without the patient in plain (patch discharge-i13-sealed-patient).
      const history = await temporal.client.workflow.getHandle(workflowId, next).fetchHistory();
      const started = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads!;
      const [payload] = await new KeyRingPayloadCodec(stack.app.get<string, KeyRing>(KEY_RING)).decode(started as Payload[]);
      const input = JSON.parse(Buffer.from(payload.data!).toString('utf8')) as Record<string, unknown>;
      expect(input).toMatchObject({ caseId, carried: { subjectSent: true } });
      expect(input).not.toHaveProperty('patient');
      expect(readable(JSON.stringify(input))).toEqual([]);
      const hospital = await as(stack, 'KS', 'case_handler');
      expect((await hospital.get(`/cases/${caseId}`).expect(200)).body.subject).toEqual({ personnummer: '191212121212', name: PATIENT.name });
      expect((await hospital.get(`/discharge-handovers/${caseId}/summary`).expect(200)).body.patientName).toBe(PATIENT.name);
    } finally {
      await temporal.close();
    }
  });

  it('a database from before: plain rows are sealed once (by the worker at its start) and the plain column cleared', async () => {
    const caseId = await openCase(stack);
    // As a database before issue 13 held it: the patient in plain, no data key, no index, the task naming them.
    await sql(stack.config, `DELETE FROM case_data_keys WHERE case_id = $1`, [caseId]);
    await sql(stack.config, `UPDATE cases SET subject = $2, subject_sealed = NULL, patient_index = NULL WHERE id = $1`, [caseId, JSON.stringify({ personnummer: '191212121212', name: PATIENT.name })]);
    await sql(stack.config, `UPDATE tasks SET input = jsonb_set(input, '{patient}', $2::jsonb) WHERE case_id = $1`, [caseId, JSON.stringify({ personnummer: '191212121212', name: PATIENT.name })]);

    const patientData = stack.app.get(PatientDataService);
    expect(await patientData.sealPlainSubjects()).toBe(1);
    expect(await patientData.sealPlainSubjects()).toBe(0);
    const [row] = await sql<{ subject: unknown; sealed: boolean; patient_index: string }>(stack.config, 'SELECT subject, subject_sealed IS NOT NULL AS sealed, patient_index FROM cases WHERE id = $1', [caseId]);
    expect(row).toEqual({ subject: null, sealed: true, patient_index: patientIndex(stack.app.get(KEY_RING), '191212121212') });
    expect(await sql(stack.config, `SELECT count(*)::int AS n FROM tasks WHERE input->'patient' <> 'null'::jsonb`)).toEqual([{ n: 0 }]);
    const hospital = await as(stack, 'KS', 'case_handler');
    expect((await hospital.get(`/cases/${caseId}`).expect(200)).body.subject).toEqual({ personnummer: '191212121212', name: PATIENT.name });
  });

  it('after all of that: no table and no log line holds the personnummer or the name, in any spelling', async () => {
    const dump = await dumpDatabase(stack);
    expect(dump).toMatch(/cases: /);
    expect(readable(dump)).toEqual([]);
    const logs = logged.join('\n');
    // The API logged its requests (at debug level), so the capture saw its output.
    expect(logs).toMatch(/discharge-handovers/);
    expect(readable(logs)).toEqual([]);
  });
});
