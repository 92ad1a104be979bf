import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Role } from '../../libs/auth/src/principal';
import { dischargeHandoverWorkflowId } from '../../libs/contracts/src/discharge-handover.contract';
import { Caller, callerFor, dischargeNotice, sql, temporalClient, useTestStack, waitForTask } from '../support/test-app';

const run = promisify(execFile);

describe('human tasks, case isolation and the audit trail (real Temporal and PostgreSQL)', () => {
  const stack = useTestStack();
  const as = (org: string, roles: Role[], person?: string): Promise<Caller> => callerFor(stack.app, stack.config, org, roles, person);
  const hospital = () => as('KS', ['case_handler']);
  const ekero = (person?: string) => as('0125', ['case_handler'], person); // the patient's municipality
  const huddinge = () => as('0126', ['case_handler']); // another municipality
  const vardcentral = () => as('VC-EKERO', ['case_handler']);
  const auditor = () => as('HSF', ['platform_auditor']);

  let seq = 0;
  const openCase = async () => {
    seq += 1;
    const res = await (await hospital())
      .post('/discharge-handovers')
      .set('Idempotency-Key', `tasks-audit-case-${seq}-${Date.now()}`)
      .send(dischargeNotice())
      .expect(201);
    return res.body.caseId as string;
  };
  const ACK = 'discharge.acknowledge_notice';
  const taskOf = (who: Caller, caseId: string) => waitForTask(who, caseId, ACK);
  const state = async (caseId: string) => (await (await hospital()).get(`/discharge-handovers/${caseId}`).expect(200)).body;


  it("gives each receiving party its task, and another municipality sees neither the case nor the task", async () => {
    const caseId = await openCase();
    const task = await taskOf(await ekero(), caseId);
    expect(task.kind).toBe('discharge.acknowledge_notice');
    await taskOf(await vardcentral(), caseId);

    const other = await huddinge();
    expect((await other.get(`/tasks?caseId=${caseId}`).expect(200)).body.items).toEqual([]); // none of its tasks either
    await other.get(`/tasks/${task.id}`).expect(404);
    await other.post(`/tasks/${task.id}/claim`).expect(404);
    await other.post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true } }).expect(404);
    await other.get(`/cases/${caseId}`).expect(404);
    await other.get(`/discharge-handovers/${caseId}`).expect(404);
    expect((await other.get('/cases').expect(200)).body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);

    // The party sees the task with what it needs, and the case with its open tasks.
    const detail = await (await ekero()).get(`/tasks/${task.id}`).expect(200);
    expect(detail.body.input).toMatchObject({ patient: { name: 'Tolvan Tolvansson' }, expectedNeeds: ['home_care'] });
    const view = await (await ekero()).get(`/cases/${caseId}`).expect(200);
    expect(view.body.openTasks.map((t: { assignedOrg: string; kind: string }) => `${t.assignedOrg} ${t.kind}`).sort()).toEqual([
      '0125 discharge.acknowledge_notice',
      '0125 discharge.needs_assessment',
      'VC-EKERO discharge.acknowledge_notice',
      'VC-EKERO discharge.appoint_fast_vardkontakt',
    ]);
    // The inbox list itself carries no personal data.
    const inbox = await (await ekero()).get(`/tasks?caseId=${caseId}`).expect(200);
    expect(JSON.stringify(inbox.body)).not.toContain('Tolvan');
  });

  it('moves the workflow on when a task is completed, and a repeated completion changes nothing', async () => {
    const caseId = await openCase();
    const task = await taskOf(await ekero(), caseId);
    const before = await state(caseId);

    const done = await (await ekero()).post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true, comment: 'planerar' } }).expect(200);
    expect(done.body).toMatchObject({ replayed: false, task: { status: 'completed' }, outcome: { party: 'municipality' } });
    const after = await state(caseId);
    expect(after.acknowledgements.municipality).toMatchObject({ organisationCode: '0125' });
    expect(after.version).toBe(before.version + 1);
    expect(after.openTasks.map((t: { kind: string }) => t.kind)).not.toContain(undefined);
    expect(after.openTasks.find((t: { taskId: string }) => t.taskId === task.id)).toBeUndefined();
    expect(after.openTasks).toHaveLength(before.openTasks.length - 1);

    const again = await (await ekero()).post(`/tasks/${task.id}/complete`).send({ decision: { comment: 'planerar', acknowledged: true } }).expect(200);
    expect(again.body).toMatchObject({ replayed: true, outcome: done.body.outcome });
    const [row] = await sql<{ completed_at: Date }>(stack.config, 'SELECT completed_at FROM tasks WHERE id = $1', [task.id]);
    expect(row.completed_at.toISOString()).toBe(new Date(done.body.task.completedAt).toISOString());
    expect((await state(caseId)).version).toBe(after.version);
    const completions = await sql<{ outcome: string }>(stack.config, `SELECT outcome FROM audit_log WHERE task_id = $1 AND action = 'task.complete' ORDER BY id`, [task.id]);
    expect(completions.map((c) => c.outcome)).toEqual(['success', 'replayed']);

    await (await ekero()).post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true, comment: 'annat' } }).expect(409);
  });

  it('leaves task and workflow as they were when the workflow refuses a decision', async () => {
    const caseId = await openCase();
    const task = await taskOf(await vardcentral(), caseId);
    const before = await state(caseId);

    const refused = await (await vardcentral()).post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: false } }).expect(422);
    expect(refused.body).toMatchObject({ code: 'INVALID_DECISION', reason: 'decision.acknowledged must be true' });
    const unknownField = await (await vardcentral()).post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true, x: 1 } }).expect(422);
    expect(unknownField.body.reason).toBe('decision.x is not expected');

    const [row] = await sql<{ status: string; decision: unknown }>(stack.config, 'SELECT status, decision FROM tasks WHERE id = $1', [task.id]);
    expect(row).toEqual({ status: 'open', decision: null });
    const after = await state(caseId);
    expect(after.version).toBe(before.version);
    expect(after.acknowledgements).toEqual({});
    const audit = await sql<{ outcome: string }>(stack.config, `SELECT outcome FROM audit_log WHERE task_id = $1 AND action = 'task.complete'`, [task.id]);
    expect(audit.map((a) => a.outcome)).toEqual(['refused:422', 'refused:422']);
  });

  it('lets one person claim a task; others cannot complete or release it until it is released', async () => {
    const caseId = await openCase();
    const task = await taskOf(await ekero('anna'), caseId);
    await (await ekero('anna')).post(`/tasks/${task.id}/claim`).expect(200);
    const inbox = await (await ekero('bertil')).get(`/tasks?caseId=${caseId}`).expect(200);
    expect(inbox.body.items[0].claimedBy).toBe('anna');
    await (await ekero('bertil')).post(`/tasks/${task.id}/claim`).expect(409);
    await (await ekero('bertil')).post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true } }).expect(409);
    await (await ekero('bertil')).post(`/tasks/${task.id}/unclaim`).expect(409);
    await (await ekero('anna')).post(`/tasks/${task.id}/unclaim`).expect(200);
    await (await ekero('bertil')).post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true } }).expect(200);
  });

  it('closes open tasks as cancelled when the case ends', async () => {
    const caseId = await openCase();
    const task = await taskOf(await ekero(), caseId);
    await taskOf(await vardcentral(), caseId);
    await (await hospital()).post(`/discharge-handovers/${caseId}/cancel`).send({ reason: 'patient_died' }).expect(200);
    const rows = await sql<{ status: string; cancelled_reason: string }>(stack.config, 'SELECT status, cancelled_reason FROM tasks WHERE case_id = $1', [caseId]);
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => `${r.status}: ${r.cancelled_reason}`))).toEqual(new Set(['cancelled: case cancelled']));
    const res = await (await ekero()).post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true } }).expect(409);
    expect(res.body.message).toBe('the task was cancelled');
    const temporal = await temporalClient(stack.config);
    try {
      expect((await temporal.client.workflow.getHandle(dischargeHandoverWorkflowId(caseId)).result()).status).toBe('cancelled');
    } finally {
      await temporal.close();
    }
  });

  it('writes an audit row for each action and each read of a case', async () => {
    const caseId = await openCase();
    const task = await taskOf(await ekero(), caseId);
    await (await ekero()).get(`/tasks/${task.id}`).expect(200);
    await (await ekero()).get(`/cases/${caseId}`).expect(200);
    await (await huddinge()).get(`/cases/${caseId}`).expect(404);
    await (await ekero()).post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true } }).expect(200);
    await (await hospital()).post(`/discharge-handovers/${caseId}/ready-for-discharge`).send({ declaredAt: new Date().toISOString() }).expect(200);

    const rows = await sql<{ action: string; organisation_code: string; outcome: string; request_id: string }>(
      stack.config,
      'SELECT action, organisation_code, outcome, request_id FROM audit_log WHERE case_id = $1 ORDER BY id',
      [caseId],
    );
    expect(rows.map((r) => [r.action, r.organisation_code, r.outcome])).toEqual([
      ['discharge.open', 'KS', 'success'],
      // The task and the case show the patient: each read is the patient-data access log's row (patientdatalagen 4 kap.).
      ['patient_data.read', '0125', 'success'],
      ['patient_data.read', '0125', 'success'],
      ['case.read', '0126', 'refused:404'],
      ['task.complete', '0125', 'success'],
      // The completion's answer shows the task, and so the patient, again.
      ['patient_data.read', '0125', 'success'],
      ['discharge.declare_ready', 'KS', 'success'],
    ]);
    expect(rows.every((r) => r.request_id)).toBe(true);

    const trail = await (await auditor()).get(`/audit?caseId=${caseId}`).expect(200);
    expect(trail.body.items).toHaveLength(rows.length);
    await (await ekero()).get(`/audit?caseId=${caseId}`).expect(403);
  });

  it('refuses to update or delete audit rows, and audit:verify names the first row altered behind its back', async () => {
    await openCase();
    const verify = () =>
      run(process.execPath, [join(__dirname, '..', '..', 'dist', 'infra', 'audit', 'verify.cli.js')], {
        env: { ...process.env, DATABASE_URL: stack.config.DATABASE_URL },
      }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const intact = await verify();
    expect(intact).toMatchObject({ code: 0, out: expect.stringMatching(/^audit chain intact: \d+ rows verified/) });

    await expect(sql(stack.config, `UPDATE audit_log SET outcome = 'x'`)).rejects.toThrow('audit_log is append-only');
    await expect(sql(stack.config, `DELETE FROM audit_log`)).rejects.toThrow('audit_log is append-only');

    // A superuser who bypasses the trigger can change a row, but not without breaking the chain.
    const [victim] = await sql<{ id: string }>(stack.config, 'SELECT id FROM audit_log ORDER BY id OFFSET 1 LIMIT 1');
    await sql(stack.config, `SET session_replication_role = replica; UPDATE audit_log SET actor = 'someone-else' WHERE id = ${Number(victim.id)}`);
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`audit chain BROKEN at row ${victim.id}`);
  });
});

describe('overdue tasks in the inbox (short configured due time)', () => {
  const stack = useTestStack({ DISCHARGE_ACK_DUE: '1s' });

  it('marks a task past its due time as overdue and filters on it', async () => {
    const hospital = await callerFor(stack.app, stack.config, 'KS', ['case_handler']);
    const ekero = await callerFor(stack.app, stack.config, '0125', ['case_handler']);
    const opened = await hospital.post('/discharge-handovers').set('Idempotency-Key', `overdue-${Date.now()}`).send(dischargeNotice()).expect(201);
    const caseId = opened.body.caseId;
    const ack = 'discharge.acknowledge_notice';
    const task = await waitForTask(ekero, caseId, ack);
    await new Promise((r) => setTimeout(r, 1_500));

    // The acknowledgement (due after 1 s) is overdue; the needs assessment (due after 48 h) is not.
    const overdue = await ekero.get(`/tasks?caseId=${caseId}&overdue=true`).expect(200);
    expect(overdue.body.items).toEqual([expect.objectContaining({ id: task.id, kind: ack, overdue: true })]);
    const notYet = await ekero.get(`/tasks?caseId=${caseId}&overdue=false`).expect(200);
    expect(notYet.body.items).toEqual([expect.objectContaining({ kind: 'discharge.needs_assessment', overdue: false })]);
    await ekero.get(`/tasks?overdue=maybe`).expect(400);
  });
});
