/** GET /tasks/count: what the app's header polls, so it must match the inbox and move with the workflow. */
import { callerFor, dischargeNotice, HISTORIC_STAYS, useTestStack, waitForTask } from '../support/test-app';

describe('GET /tasks/count (real Temporal and PostgreSQL)', () => {
  // The notice's kvittens is due after 1 s, the needs assessment after 48 h: one of the two becomes overdue.
  const stack = useTestStack({ ...HISTORIC_STAYS, DISCHARGE_ACK_DUE: '1s' });

  it("counts the open tasks of the caller's organisation and roles, the overdue ones, and when the newest arrived", async () => {
    const hospital = await callerFor(stack.app, stack.config, 'KS', ['case_handler']);
    // Värmdö (0120): a municipality no other test file's cases use.
    const handler = await callerFor(stack.app, stack.config, '0120', ['case_handler']);
    const approver = await callerFor(stack.app, stack.config, '0120', ['approver']);
    expect((await handler.get('/tasks/count').expect(200)).body).toEqual({ open: 0, overdue: 0, newestCreatedAt: null });

    const opened = await hospital
      .post('/discharge-handovers')
      .set('Idempotency-Key', `task-count-${Date.now()}`)
      .send(dischargeNotice({ municipalityCode: '0120', vardcentralCode: 'VC-EKERO', admittedAt: '2025-03-03T08:00:00+01:00', estimatedDischargeDate: '2025-03-10' }))
      .expect(201);
    const caseId = opened.body.caseId as string;
    const ack = await waitForTask(handler, caseId, 'discharge.acknowledge_notice');
    await waitForTask(handler, caseId, 'discharge.needs_assessment');
    await new Promise((r) => setTimeout(r, 1_200));

    const count = (await handler.get('/tasks/count').expect(200)).body;
    expect(count).toEqual({ open: 2, overdue: 1, newestCreatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    // The same as the inbox's open tasks, and nothing for a role no task asks for.
    expect((await handler.get('/tasks?status=open').expect(200)).body.items).toHaveLength(2);
    expect((await approver.get('/tasks/count').expect(200)).body).toEqual({ open: 0, overdue: 0, newestCreatedAt: null });

    await handler.post(`/tasks/${ack.id}/complete`).send({ decision: { acknowledged: true } }).expect(200);
    expect((await handler.get('/tasks/count').expect(200)).body).toMatchObject({ open: 1, overdue: 0 });
  });

  it('needs a bearer token', async () => {
    const { default: request } = await import('supertest');
    await request(stack.app.getHttpServer()).get('/tasks/count').expect(401);
  });
});
