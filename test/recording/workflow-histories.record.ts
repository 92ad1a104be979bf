/**
 * `npm run record:histories`: records workflow histories of today's code on the real stack (a real Temporal dev
 * server, a real PostgreSQL, the real worker and API, as the integration tier runs them) into
 * test/fixtures/workflow-histories, where test/integration/workflow-replay.spec.ts replays them on every later
 * version of the code. Every payload is sealed by the payload codec with the FIXED TEST key ring
 * (test/support/test-key-ring.ts, never a real key), and a history is written only when nothing of the patient is
 * readable in its JSON (nor in the few payloads Temporal's core keeps in clear). Re-run it before changing these
 * workflows (then make the change behind patched()) with the version in the files' names bumped (DISCHARGE,
 * ERASURE below): the new files go beside the old ones, never over them (it refuses to, unless RECORD_OVERWRITE=1).
 *
 * Recorded (issue 13):
 * - discharge-v6-sealed-*: a case opened through the API (its patient sealed, `patientSealed`) through every step
 *   of the routine to discharge; and one started with a short history limit that continues as new (each run).
 * - discharge-v6-plain-input-*: a case started on the OLD input, the patient in plain, that continues as new and so
 *   crosses patched('discharge-i13-sealed-patient') (its next runs go without the plain patient), to discharge.
 * - erasure-v1-*: the patientDataErasure workflow erasing the cases above once they are past the retention.
 *
 * Recorded (issues 14 and 15): situation-round-v1-* (a round to its end, revisions off) and transfer-v1-* (a
 * transfer to admission). Record only them with `npm run record:histories -- -t "situation-round-v1|transfer-v1"`.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import type { Role } from '../../libs/auth/src/principal';
import {
  DISCHARGE_HANDOVER_WORKFLOW_TYPE,
  dischargeHandoverOpenedUpdate,
  dischargeHandoverWorkflowId,
} from '../../libs/contracts/src/discharge-handover.contract';
import { PATIENT_DATA_ERASURE_WORKFLOW_TYPE, PatientDataErasureResult } from '../../libs/contracts/src/patient-data-erasure.contract';
import { stockholmDate } from '../../libs/domain/src/time/stockholm';
import { stockholmMidnight } from '../../libs/domain/src/time/stockholm-clock';
import { PatientDataService } from '../../libs/persistence/src/patient-data/patient-data.service';
import { decodedPayloads, HISTORIES_DIR, readableInFile, readablePatient, sealingKeyIds } from '../support/history-fixtures';
import { Caller, callerFor, dischargeInput, dischargeNotice, sql, temporalClient, useTestStack, waitForTask } from '../support/test-app';
import { fixedTestKeyFile, fixedTestKeyRing } from '../support/test-key-ring';

type History = temporal.api.history.v1.IHistory;
const DAY = 86_400_000;
const RETENTION_DAYS = 30;
const PATIENT = { personnummer: '191212121212', name: 'Tolvan Tolvansson' };
const KIND = {
  ackNotice: 'discharge.acknowledge_notice',
  fastVardkontakt: 'discharge.appoint_fast_vardkontakt',
  assessment: 'discharge.needs_assessment',
  ackReady: 'discharge.acknowledge_ready',
  sip: 'discharge.call_sip',
  takeover: 'discharge.takeover_medical_responsibility',
};

/**
 * The versions in the files' names. When a workflow has changed since its last recording, bump its version here
 * and record again: the new files go beside the old ones, which must keep replaying.
 */
const DISCHARGE = 'discharge-v6';
const ERASURE = 'erasure-v1';
const ROUND = 'situation-round-v1';
const TRANSFER = 'transfer-v1';

/**
 * Writes a history sealed with the test ring alone, with nothing of the patient readable in it. Never over a file
 * already there (a recording of an older version) unless RECORD_OVERWRITE=1.
 */
function writeHistory(name: string, history: History): void {
  const json = historyToJSON(history);
  expect(sealingKeyIds(history)).toEqual(['test-1']);
  expect(readableInFile(history, json)).toEqual([]);
  const file = join(HISTORIES_DIR, `${name}.json`);
  try {
    writeFileSync(file, `${json}\n`, { flag: process.env.RECORD_OVERWRITE === '1' ? 'w' : 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    throw new Error(`${file} exists (an older recording, which must keep replaying): bump the version in its name (DISCHARGE, ERASURE), or set RECORD_OVERWRITE=1 to replace it`, { cause: err });
  }
}

describe('records workflow histories of the current code on the real stack, sealed with the fixed test key ring', () => {
  const stack = useTestStack({ ENCRYPTION_KEYS: JSON.stringify(fixedTestKeyFile()), PATIENT_DATA_RETENTION_DAYS: String(RETENTION_DAYS), SITUATION_REPORT_REVISION_DAYS: '0' });
  const as = (org: string, role: Role) => callerFor(stack.app, stack.config, org, [role], `${org.toLowerCase()}-${role}`);
  const ring = fixedTestKeyRing();

  async function answer(who: Caller, caseId: string, kind: string, decision: Record<string, unknown>) {
    const task = await waitForTask(who, caseId, kind);
    const res = await who.post(`/tasks/${task.id}/complete`).send({ decision });
    if (res.status !== 200) throw new Error(`${kind}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** Every step of the routine, each party from its own inbox, to the discharge (a weekday takeover, same day). */
  async function toDischarge(caseId: string) {
    const [hospital, municipality, vardcentral] = [await as('KS', 'case_handler'), await as('0125', 'case_handler'), await as('VC-EKERO', 'case_handler')];
    await answer(municipality, caseId, KIND.ackNotice, { acknowledged: true });
    await answer(vardcentral, caseId, KIND.ackNotice, { acknowledged: true });
    await answer(vardcentral, caseId, KIND.fastVardkontakt, { name: 'Sara Sjöström, distriktssköterska', phone: '08-123 456 78' });
    await answer(municipality, caseId, KIND.assessment, { outcome: 'granted', services: ['home_care'], startDate: new Date(Date.now() + DAY).toISOString().slice(0, 10) });
    const dischargedAt = new Date();
    const declaredAt = new Date(stockholmMidnight(stockholmDate(dischargedAt))).toISOString();
    // Leaving on Tuesday 23 November 2027, 10:00: the vårdcentral takes over whatever day the recording runs.
    await hospital.post(`/discharge-handovers/${caseId}/ready-for-discharge`).send({ declaredAt, plannedDischargeAt: '2027-11-23T10:00:00+01:00' }).expect(200);
    await answer(municipality, caseId, KIND.ackReady, { acknowledged: true });
    await answer(vardcentral, caseId, KIND.ackReady, { acknowledged: true });
    await answer(vardcentral, caseId, KIND.sip, { plannedSipDate: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10) });
    await answer(vardcentral, caseId, KIND.takeover, { acknowledged: true, responsiblePhysician: 'Dr Eva Ek' });
    const done = await hospital.post(`/discharge-handovers/${caseId}/discharge`).send({ dischargedAt: dischargedAt.toISOString() }).expect(200);
    expect(done.body.status).toBe('discharged');
  }

  /** Starts a case's workflow directly (as the API would, or as an API before issue 13 did) with a short history limit. */
  async function startDirectly(input: ReturnType<typeof dischargeInput>): Promise<void> {
    const temporal = await temporalClient(stack.config);
    try {
      const handle = await temporal.client.workflow.start(DISCHARGE_HANDOVER_WORKFLOW_TYPE, {
        taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
        workflowId: dischargeHandoverWorkflowId(input.caseId),
        args: [input],
      });
      await handle.executeUpdate(dischargeHandoverOpenedUpdate);
    } finally {
      await temporal.close();
    }
  }

  /** Each run of the case's workflow, first to last, once the last has ended. */
  async function runsOf(caseId: string): Promise<History[]> {
    const temporal = await temporalClient(stack.config);
    try {
      const workflowId = dischargeHandoverWorkflowId(caseId);
      await temporal.client.workflow.getHandle(workflowId).result();
      // From the last run back along each run's start event, which names the run it continues.
      const runs: History[] = [];
      let runId: string | undefined;
      do {
        const history: History = await temporal.client.workflow.getHandle(workflowId, runId).fetchHistory();
        runs.unshift(history);
        runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
      } while (runId);
      return runs;
    } finally {
      await temporal.close();
    }
  }

  const inputOf = async (run: History) => JSON.parse((await decodedPayloads({ events: [run.events![0]] }, ring))[0]) as Record<string, unknown>;
  const caseIds: string[] = [];

  it('discharge-v6-sealed-input-weekday-discharge: opened through the API with the patient sealed, to discharge', async () => {
    const hospital = await as('KS', 'case_handler');
    const notice = dischargeNotice({ admittedAt: new Date(Date.now() - 7 * DAY).toISOString() });
    const caseId = (await hospital.post('/discharge-handovers').set('Idempotency-Key', `record-${randomUUID()}`).send(notice).expect(201)).body.caseId as string;
    await toDischarge(caseId);
    const [run] = await runsOf(caseId);
    const input = await inputOf(run);
    expect(input).toHaveProperty('patientSealed');
    expect(input).not.toHaveProperty('patient');
    expect(readablePatient((await decodedPayloads(run, ring)).join('\n'))).toEqual([]);
    writeHistory(`${DISCHARGE}-sealed-input-weekday-discharge`, run);
    caseIds.push(caseId);
  });

  it('discharge-v6-sealed-input-continued-as-new-run-N: a sealed case with a short history limit, each run to discharge', async () => {
    const caseId = randomUUID();
    const patientSealed = await stack.app.get(PatientDataService).sealForCase(caseId, PATIENT);
    const input = dischargeInput(caseId, {
      requestId: `record-${caseId}`,
      patientSealed,
      admittedAt: new Date(Date.now() - 7 * DAY).toISOString(),
      openedAt: new Date().toISOString(),
      estimatedDischargeDate: new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10),
      policy: { noticeDeadlineHours: 24, maxHistoryLength: 60 },
    });
    delete input.patient;
    await startDirectly(input);
    await toDischarge(caseId);
    const runs = await runsOf(caseId);
    expect(runs.length).toBeGreaterThan(1);
    for (const [i, run] of runs.entries()) {
      expect(readablePatient((await decodedPayloads(run, ring)).join('\n'))).toEqual([]);
      writeHistory(`${DISCHARGE}-sealed-input-continued-as-new-run-${i + 1}`, run);
    }
    caseIds.push(caseId);
  });

  it('discharge-v6-plain-input-crosses-sealed-patch-run-N: a case on the old input continues as new without its plain patient', async () => {
    const caseId = randomUUID();
    await startDirectly(
      dischargeInput(caseId, {
        requestId: `record-${caseId}`,
        admittedAt: new Date(Date.now() - 7 * DAY).toISOString(),
        openedAt: new Date().toISOString(),
        estimatedDischargeDate: new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10),
        policy: { noticeDeadlineHours: 24, maxHistoryLength: 60 },
      }),
    );
    await toDischarge(caseId);
    const runs = await runsOf(caseId);
    expect(runs.length).toBeGreaterThan(1);
    expect(await inputOf(runs[0])).toMatchObject({ patient: { personnummer: PATIENT.personnummer } });
    for (const run of runs.slice(1)) expect(await inputOf(run)).not.toHaveProperty('patient');
    for (const [i, run] of runs.entries()) writeHistory(`${DISCHARGE}-plain-input-crosses-sealed-patch-run-${i + 1}`, run);
    caseIds.push(caseId);
  });

  /** The one run of a workflow, once it has ended. */
  async function endedRun(workflowId: string): Promise<History> {
    const temporal = await temporalClient(stack.config);
    try {
      const handle = temporal.client.workflow.getHandle(workflowId);
      await handle.result();
      return await handle.fetchHistory();
    } finally {
      await temporal.close();
    }
  }

  it('situation-round-v1-shortage-correction-missing-closed: a round with a shortage answered, a correction, a missing report, to its end', async () => {
    const sos = await as('SOCIALSTYRELSEN', 'coordinator');
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const started = await sos
      .post('/situation-reports/rounds')
      .set('Idempotency-Key', `record-${randomUUID()}`)
      .send({ week: '2026-W40', participants: ['0114', '01'], remindAt: at(3_000), dueAt: at(4_000), cutoffAt: at(6_000) })
      .expect(201);
    const roundId = started.body.roundId as string;
    const vasby = await as('0114', 'case_handler');
    const figures = (nitrile: number) => ({
      staffAbsencePercent: { nurses: 6.5, care_staff: 9, other_staff: 3 },
      stockDays: { nitrile_gloves: nitrile, other_gloves: 30, surgical_masks: 30, ffp_respirators: 30, visors: 30, aprons: 30, hand_disinfectant: 30 },
    });
    await answer(vasby, roundId, 'situation_report.report', figures(3));
    await vasby.post(`/situation-reports/rounds/${roundId}/reports`).send({ figures: figures(4) }).expect(200);
    await answer(await as('LST-01', 'case_handler'), roundId, 'situation_report.shortage', { action: 'redistributed' });
    const c = await sql<{ workflow_id: string }>(stack.config, 'SELECT workflow_id FROM cases WHERE id = $1', [roundId]);
    const run = await endedRun(c[0].workflow_id);
    writeHistory(`${ROUND}-shortage-correction-missing-closed`, run);
  });

  it('transfer-v1-declined-accepted-admitted: a transfer the first region declines and the second accepts, to admission', async () => {
    await (await as('08', 'coordinator')).put('/transfers/capacity/icu').send({ beds: 1 }).expect(200);
    const jonkoping = await as('06', 'coordinator');
    const requested = await jonkoping
      .post('/transfers')
      .set('Idempotency-Key', `record-${randomUUID()}`)
      .send({ patients: [{ reference: 'REC-1', careLevel: 'icu', infection: 'covid_19' }], earliestDeparture: '2021-03-01T08:00:00+01:00' })
      .expect(201);
    const requestId = requested.body.requestId as string;
    const kalmar = await as('08', 'coordinator');
    await answer(await as('SOCIALSTYRELSEN', 'coordinator'), requestId, 'transfer.matching', { order: ['05', '08'] });
    await answer(await as('05', 'coordinator'), requestId, 'transfer.offer', { decision: 'decline', reason: 'Fullt' });
    await answer(kalmar, requestId, 'transfer.offer', { decision: 'accept' });
    await answer(jonkoping, requestId, 'transfer.transport', { outcome: 'arranged' });
    await answer(jonkoping, requestId, 'transfer.departure', { outcome: 'departed', departedAt: '2021-03-01T09:00:00+01:00' });
    await answer(kalmar, requestId, 'transfer.arrival', { arrivedAt: '2021-03-01T11:00:00+01:00' });
    await answer(kalmar, requestId, 'transfer.admission', { admittedAt: '2021-03-01T11:30:00+01:00' });
    writeHistory(`${TRANSFER}-declined-accepted-admitted`, await endedRun(`patient-transfer-${requestId}`));
  });

  it('erasure-v1-discharged-cases-erased: patientDataErasure past the retention erases the cases above', async () => {
    expect(caseIds).toHaveLength(3);
    const closed = await sql<{ last: Date }>(stack.config, 'SELECT max(closed_at) AS last FROM cases WHERE id = ANY($1)', [caseIds]);
    const now = new Date(closed[0].last.getTime() + RETENTION_DAYS * DAY + 60_000).toISOString();
    const temporal = await temporalClient(stack.config);
    try {
      const handle = await temporal.client.workflow.start(PATIENT_DATA_ERASURE_WORKFLOW_TYPE, {
        taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
        workflowId: `erasure-${randomUUID()}`,
        args: [{ now }],
      });
      const result: PatientDataErasureResult = await handle.result();
      expect([...result.erased].sort()).toEqual([...caseIds].sort());
      writeHistory(`${ERASURE}-discharged-cases-erased`, await handle.fetchHistory());
    } finally {
      await temporal.close();
    }
  });
});
