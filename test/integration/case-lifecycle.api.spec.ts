/**
 * Cases outside the happy path, through the current API: a case in flight on a legacy workflow type (started
 * before the case runtime) is read and driven as before, and a case whose workflow an operator terminated has its
 * open tasks closed on the next read.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../libs/auth/src/principal';
import { dischargeHandoverWorkflowId } from '../../libs/contracts/src/discharge-handover.contract';
import { callerFor, dischargeInput, dischargeNotice, sql, temporalClient, TestStack, useTestStack, waitForTask } from '../support/test-app';

const as = (stack: TestStack, org: string, role: Role) => callerFor(stack.app, stack.config, org, [role], `${org.toLowerCase()}-${role}`);

describe('cases in flight and cases ended from outside', () => {
  const stack = useTestStack();

  it('a discharge case on the legacy workflow type is read and driven through the current API', async () => {
    const caseId = randomUUID();
    const temporal = await temporalClient(stack.config);
    try {
      // What the API started before the case runtime: the legacy type and its input.
      await temporal.client.workflow.start('dischargeHandoverWorkflow', {
        taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
        workflowId: dischargeHandoverWorkflowId(caseId),
        args: [dischargeInput(caseId)],
      });
    } finally {
      await temporal.close();
    }
    const hospital = await as(stack, 'KS', 'case_handler');
    const municipality = await as(stack, '0125', 'case_handler');
    await waitForTask(municipality, caseId, 'discharge.acknowledge_notice');
    expect((await hospital.get(`/discharge-handovers/${caseId}`).expect(200)).body).toMatchObject({ caseId, status: 'planning' });
    await (await as(stack, '0126', 'case_handler')).get(`/discharge-handovers/${caseId}`).expect(404);
    const ack = await waitForTask(municipality, caseId, 'discharge.acknowledge_notice');
    await municipality.post(`/tasks/${ack.id}/complete`).send({ decision: { acknowledged: true } }).expect(200);

    const ready = (body: object) => hospital.post(`/discharge-handovers/${caseId}/ready-for-discharge`).send(body);
    await municipality.post(`/discharge-handovers/${caseId}/ready-for-discharge`).send({ declaredAt: '2025-03-03T08:00:00.000Z' }).expect(403);
    expect((await ready({ declaredAt: '2099-01-01T08:00:00.000Z' }).expect(400)).body).toMatchObject({ field: 'declaredAt' });
    expect((await ready({ declaredAt: '2025-03-03T08:00:00.000Z' }).expect(200)).body).toMatchObject({ status: 'ready_for_discharge' });
    const rows = await sql<{ action: string; outcome: string }>(stack.config, `SELECT action, outcome FROM audit_log WHERE case_id = $1 AND action LIKE 'discharge.%' ORDER BY id`, [caseId]);
    expect(rows).toEqual([
      { action: 'discharge.declare_ready', outcome: 'refused:403' },
      { action: 'discharge.declare_ready', outcome: 'refused:400' },
      { action: 'discharge.declare_ready', outcome: 'success' },
    ]);
  });

  it("closes a terminated workflow's open tasks on the next read of its case, which then waits for nothing", async () => {
    const hospital = await as(stack, 'KS', 'case_handler');
    const opened = await hospital.post('/discharge-handovers').set('Idempotency-Key', `lifecycle-${randomUUID()}`).send(dischargeNotice()).expect(201);
    const caseId: string = opened.body.caseId;
    const temporal = await temporalClient(stack.config);
    try {
      await temporal.client.workflow.getHandle(dischargeHandoverWorkflowId(caseId)).terminate('opened in a test, ended by an operator');
    } finally {
      await temporal.close();
    }
    const view = (await hospital.get(`/cases/${caseId}`).expect(200)).body;
    expect(view.openTasks).toEqual([]);
    expect(view.waitingFor).toEqual({ what: 'nothing', description: "the case's workflow ended (terminated)", until: null });
    const tasks = await sql<{ status: string; cancelled_reason: string }>(stack.config, 'SELECT DISTINCT status, cancelled_reason FROM tasks WHERE case_id = $1', [caseId]);
    expect(tasks).toEqual([{ status: 'cancelled', cancelled_reason: "the case's workflow ended (terminated)" }]);
    const cancelAudit = await sql(stack.config, `SELECT 1 FROM audit_log WHERE case_id = $1 AND action = 'task.cancel'`, [caseId]);
    expect(cancelAudit).toHaveLength(4);
  });
});
