/**
 * A step whose data the database refuses (SQLSTATE class 22, e.g. a NUL in a text) is never retried: the case
 * records the fault, an operator at HSF gets a task, and no case is stuck where nobody sees it. Such data comes
 * past the API's edge only by a defect, so these cases are started and driven through Temporal directly.
 */
import { randomUUID } from 'node:crypto';
import { DischargeHandoverService } from '../../apps/api/src/discharge-handovers/discharge-handover.service';
import type { Role } from '../../libs/auth/src/principal';
import {
  DISCHARGE_HANDOVER_WORKFLOW_TYPE,
  dischargeHandoverOpenedUpdate,
  dischargeHandoverWorkflowId,
  CareType,
  DischargePolicy,
  revokeReadyForDischargeUpdate,
} from '../../libs/contracts/src/discharge-handover.contract';
import { callerFor, dischargeInput, dischargeNotice, sql, temporalClient, TestStack, useTestStack, waitForTask } from '../support/test-app';

const as = (stack: TestStack, org: string, role: Role) => callerFor(stack.app, stack.config, org, [role], `${org.toLowerCase()}-${role}`);

describe('a step the database refuses for its data', () => {
  const stack = useTestStack();

  // The patient is stored sealed (issue 13), so bad text reaches the database through the case's summary instead.
  const input = (caseId: string, careType: string) =>
    dischargeInput(caseId, {
      requestId: `req-${caseId}`,
      careType: careType as CareType,
      // This deployment's policy, as the API fixes it into each case.
      policy: (stack.app.get(DischargeHandoverService) as unknown as { policy(): DischargePolicy }).policy(),
    });


  it('in the opening data: the case is projected redacted, an operator is told, and closes it', async () => {
    const caseId = randomUUID();
    const workflowId = dischargeHandoverWorkflowId(caseId);
    const temporal = await temporalClient(stack.config);
    try {
      const handle = await temporal.client.workflow.start(DISCHARGE_HANDOVER_WORKFLOW_TYPE, {
        taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
        workflowId,
        args: [input(caseId, 'somatic\u0000')],
      });
      // The opening is refused with a reason (no endless retry, no hanging request).
      await expect(handle.executeUpdate(dischargeHandoverOpenedUpdate)).rejects.toMatchObject({ cause: { type: 'CaseRefusal', message: expect.stringMatching(/refused the data of this case/) } });

      const operator = await as(stack, 'HSF', 'operator');
      const task = await waitForTask(operator, caseId, 'case_data_fault');
      const shown = (await operator.get(`/tasks/${task.id}`).expect(200)).body;
      expect(shown.input).toEqual({ caseId, caseType: 'discharge_handover', sqlState: expect.stringMatching(/^22/), caseStopped: true });
      // The parties see a stopped case, without its data; a non-party still sees nothing.
      const hospital = await as(stack, 'KS', 'case_handler');
      const seen = (await hospital.get(`/cases/${caseId}`).expect(200)).body;
      expect(seen).toMatchObject({ status: 'faulted', summary: {}, waitingFor: { what: 'tasks', description: 'case_data_fault (HSF)' } });
      expect(JSON.stringify(seen)).not.toMatch(/Tolvan|191212121212/);
      await (await as(stack, '0126', 'case_handler')).get(`/cases/${caseId}`).expect(404);
      const [row] = await sql<{ subject: unknown; subject_sealed: unknown }>(stack.config, 'SELECT subject, subject_sealed FROM cases WHERE id = $1', [caseId]);
      expect(row).toEqual({ subject: null, subject_sealed: null });
      // Only the operator answers (the task is not in another role's inbox).
      await (await as(stack, 'HSF', 'admin')).post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true } }).expect(404);
      const done = await operator.post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true, comment: 'Fel i inläsningen; nytt meddelande skickat.' } }).expect(200);
      expect(done.body).toMatchObject({ outcome: { caseClosed: true } });
      await handle.result();
      const closed = (await hospital.get(`/cases/${caseId}`).expect(200)).body;
      expect(closed).toMatchObject({ status: 'faulted', waitingFor: { what: 'nothing', description: 'closed by an operator after a data fault' } });
      const events = await sql<{ type: string }>(stack.config, 'SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId]);
      expect(events.map((e) => e.type)).toEqual(['data_fault', 'data_fault_handled']);
      const audit = await sql<{ action: string; actor: string }>(stack.config, `SELECT action, actor FROM audit_log WHERE case_id = $1 AND action = 'task.complete'`, [caseId]);
      expect(audit).toEqual([{ action: 'task.complete', actor: 'hsf-operator' }]);
    } finally {
      await temporal.close();
    }
  });

  it('in a request: the request is refused, the case goes on untouched, and an operator is told', async () => {
    const hospital = await as(stack, 'KS', 'case_handler');
    const municipality = await as(stack, '0125', 'case_handler');
    const caseId = (await hospital.post('/discharge-handovers').set('Idempotency-Key', `fault-${randomUUID()}`).send(dischargeNotice()).expect(201)).body.caseId;
    const ack = await waitForTask(municipality, caseId, 'discharge.acknowledge_notice');
    // A task answer's text is checked by its answer schema too, so the bad data rides on a free-text reason that
    // only the API's edge checks: the hospital revokes a readiness it declared.
    await hospital.post(`/discharge-handovers/${caseId}/ready-for-discharge`).send({ declaredAt: new Date(Date.now() - 60_000).toISOString() }).expect(200);
    const before = (await hospital.get(`/cases/${caseId}`).expect(200)).body;
    const temporal = await temporalClient(stack.config);
    try {
      const handle = temporal.client.workflow.getHandle(dischargeHandoverWorkflowId(caseId));
      const sent = handle.executeUpdate(revokeReadyForDischargeUpdate, {
        args: [{ actor: 'ks-case_handler', organisationCode: 'KS', reason: 'Feber\u0000', requestId: 'r-nul' }],
      });
      await expect(sent).rejects.toMatchObject({ cause: { type: 'CaseRefusal', message: expect.stringMatching(/refused the data of this request/) } });
    } finally {
      await temporal.close();
    }
    const operator = await as(stack, 'HSF', 'operator');
    const fault = await waitForTask(operator, caseId, 'case_data_fault');
    expect((await operator.get(`/tasks/${fault.id}`).expect(200)).body.input).toMatchObject({ caseId, caseStopped: false });
    const after = (await hospital.get(`/cases/${caseId}`).expect(200)).body;
    expect(after).toMatchObject({ status: before.status, summary: before.summary });
    // A task answered, and the same request sent cleanly, go through: the case was never stuck.
    await municipality.post(`/tasks/${ack.id}/complete`).send({ decision: { acknowledged: true, comment: 'Mottaget' } }).expect(200);
    await hospital.post(`/discharge-handovers/${caseId}/revoke-ready`).send({ reason: 'Feber' }).expect(200);
    await operator.post(`/tasks/${fault.id}/complete`).send({ decision: { acknowledged: true } }).expect(200);
    const events = await sql<{ type: string }>(stack.config, 'SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId]);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['data_fault', 'data_fault_handled']));
    await hospital.get(`/discharge-handovers/${caseId}`).expect(200);
  });
});
