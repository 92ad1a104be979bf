/**
 * Stuck and failing cases for HSF's operators (issue 17, GET /operations/cases): a case whose projection activity
 * keeps failing shows within a minute and leaves the list once it succeeds; a case whose deadline passed without the
 * case moving shows as stalled; only the operator at HSF sees the list.
 */
import { randomUUID } from 'node:crypto';
import { DischargeHandoverService } from '../../apps/api/src/discharge-handovers/discharge-handover.service';
import type { AllActivities } from '../../activities/activities.module';
import type { Role } from '../../libs/auth/src/principal';
import {
  DISCHARGE_HANDOVER_WORKFLOW_TYPE,
  dischargeHandoverOpenedUpdate,
  dischargeHandoverWorkflowId,
  DischargePolicy,
} from '../../libs/contracts/src/discharge-handover.contract';
import { CaseProblemsRepository } from '../../libs/persistence/src/operations/case-problems.repository';
import request from 'supertest';
import { callerFor, dischargeInput, sql, temporalClient, TestStack, useTestStack } from '../support/test-app';

const as = (stack: TestStack, org: string, role: Role) => callerFor(stack.app, stack.config, org, [role], `${org.toLowerCase()}-${role}`);

/** The fault the test injects: the database "refuses" the case's step as if it were away (a retryable failure). */
class ProjectionOutage extends Error {
  override name = 'ProjectionOutage';
}

/** Cases whose step (the projection's write, applyCaseStep) fails until the test lifts the fault. */
const failing = new Set<string>();
const failProjectionOfMarkedCases = (a: AllActivities): AllActivities => ({
  ...a,
  applyCaseStep: async (step) => {
    if (failing.has(step.caseId)) throw new ProjectionOutage('the projection is away (injected by the test)');
    return a.applyCaseStep(step);
  },
});

async function poll<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await fn();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('GET /operations/cases', () => {
  const stack = useTestStack({ OPERATIONS_FAILURE_ATTEMPTS: '2', OPERATIONS_STALLED_GRACE: '1h', TEMPORAL_UI_ORIGIN: 'https://temporal.example.se' }, { wrapActivities: failProjectionOfMarkedCases });

  const input = (caseId: string) =>
    dischargeInput(caseId, {
      requestId: `req-${caseId}`,
      policy: (stack.app.get(DischargeHandoverService) as unknown as { policy(): DischargePolicy }).policy(),
    });

  it('lists a case whose projection keeps failing within a minute, and drops it once the projection succeeds', async () => {
    const caseId = randomUUID();
    const workflowId = dischargeHandoverWorkflowId(caseId);
    failing.add(caseId);
    const temporal = await temporalClient(stack.config);
    try {
      const started = Date.now();
      const handle = await temporal.client.workflow.start(DISCHARGE_HANDOVER_WORKFLOW_TYPE, { taskQueue: stack.config.TEMPORAL_TASK_QUEUE, workflowId, args: [input(caseId)] });
      const operator = await as(stack, 'HSF', 'operator');
      const row = await poll('the failing case in the list', 60_000, async () => {
        const res = await operator.get('/operations/cases?problem=failing_activity').expect(200);
        return (res.body.items as { caseId: string }[]).find((r) => r.caseId === caseId);
      });
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(row).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        problem: 'failing_activity',
        caseId,
        caseType: 'discharge_handover',
        workflowId,
        since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        attempts: expect.any(Number),
        activityType: 'applyCaseStep',
        reason: 'ProjectionOutage',
        temporalUiUrl: `https://temporal.example.se/namespaces/default/workflows/${encodeURIComponent(workflowId)}`,
      });
      expect((row as unknown as { attempts: number }).attempts).toBeGreaterThanOrEqual(2);
      // The injected error's message never reaches the list, nor does the patient.
      const stored = await sql(stack.config, 'SELECT * FROM workflow_problems WHERE workflow_id = $1', [workflowId]);
      expect(JSON.stringify(stored)).not.toMatch(/away|injected|Tolvan|191212121212/);
      // Counted for the gauge that the alert VardflodeCasesStuck watches (this file's first scrape reads afresh); not
      // among the stalled ones.
      expect((await stack.app.get(CaseProblemsRepository).countByProblem({ now: new Date(), stalledGraceMs: 3_600_000 })).failing_activity).toBeGreaterThanOrEqual(1);
      const metrics = await request(stack.app.getHttpServer()).get('/metrics').expect(200);
      expect(Number(/^vardflode_cases_with_problem\{problem="failing_activity"\} (\d+)$/m.exec(metrics.text)?.[1])).toBeGreaterThanOrEqual(1);
      expect((await operator.get('/operations/cases?problem=stalled').expect(200)).body.items).not.toContainEqual(expect.objectContaining({ caseId }));

      // The fault is lifted: the next attempt writes the step, the case opens, and it leaves the list.
      failing.delete(caseId);
      await handle.executeUpdate(dischargeHandoverOpenedUpdate);
      await poll('the case to leave the list', 30_000, async () => {
        const res = await operator.get('/operations/cases?problem=failing_activity').expect(200);
        return (res.body.items as { caseId: string }[]).some((r) => r.caseId === caseId) ? undefined : true;
      });
      await (await as(stack, 'KS', 'case_handler')).get(`/cases/${caseId}`).expect(200);
    } finally {
      failing.delete(caseId);
      await temporal.close();
    }
  });

  it("lists a case whose workflow task fails again and again (the workflow's code throws), within a minute", async () => {
    const caseId = randomUUID();
    const workflowId = dischargeHandoverWorkflowId(caseId);
    const temporal = await temporalClient(stack.config);
    try {
      const started = Date.now();
      // An input the workflow's code cannot read (as a defect would give it): a TypeError fails each workflow task.
      const handle = await temporal.client.workflow.start(DISCHARGE_HANDOVER_WORKFLOW_TYPE, { taskQueue: stack.config.TEMPORAL_TASK_QUEUE, workflowId, args: [null as never] });
      const operator = await as(stack, 'HSF', 'operator');
      const row = await poll('the failing workflow task in the list', 60_000, async () => {
        const res = await operator.get('/operations/cases?problem=failing_workflow_task').expect(200);
        return (res.body.items as { workflowId: string }[]).find((r) => r.workflowId === workflowId);
      });
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(row).toMatchObject({ problem: 'failing_workflow_task', caseId, caseType: null, activityType: null, reason: 'TypeError', attempts: expect.any(Number) });
      expect((await operator.get('/operations/cases').expect(200)).body.items).toContainEqual(expect.objectContaining({ workflowId, problem: 'failing_workflow_task' }));
      await handle.terminate('ended by the test');
    } finally {
      await temporal.close();
    }
  });

  it('lists an open case whose deadline passed an hour ago without the case moving as stalled, until it moves', async () => {
    const temporal = await temporalClient(stack.config);
    const caseIds: string[] = [randomUUID(), randomUUID()];
    try {
      for (const caseId of caseIds) {
        const handle = await temporal.client.workflow.start(DISCHARGE_HANDOVER_WORKFLOW_TYPE, {
          taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
          workflowId: dischargeHandoverWorkflowId(caseId),
          args: [input(caseId)],
        });
        await handle.executeUpdate(dischargeHandoverOpenedUpdate);
      }
      const operator = await as(stack, 'HSF', 'operator');
      const stalled = async (q = '') => (await operator.get(`/operations/cases?problem=stalled${q}`).expect(200)).body;
      expect((await stalled()).items.filter((r: { caseId: string }) => caseIds.includes(r.caseId))).toEqual([]);

      // As if the worker had been away: the tasks fell due two and three hours ago and the projection is older still.
      // (The workflows' own timers are days ahead, so nothing moves them meanwhile.)
      for (const [i, caseId] of caseIds.entries()) {
        await sql(stack.config, `UPDATE tasks SET due_at = now() - make_interval(hours => $2) WHERE case_id = $1 AND status = 'open'`, [caseId, 3 - i]);
        await sql(stack.config, `UPDATE cases SET updated_at = now() - interval '4 hours' WHERE id = $1`, [caseId]);
      }
      const [dueFirst] = await sql<{ due_at: Date }>(stack.config, `SELECT min(due_at) AS due_at FROM tasks WHERE case_id = $1`, [caseIds[0]]);
      const page = await stalled();
      const mine = page.items.filter((r: { caseId: string }) => caseIds.includes(r.caseId));
      expect(mine.map((r: { caseId: string }) => r.caseId)).toEqual(caseIds); // oldest first, one row per case
      expect(mine[0]).toMatchObject({
        problem: 'stalled',
        caseType: 'discharge_handover',
        workflowId: dischargeHandoverWorkflowId(caseIds[0]),
        since: dueFirst.due_at.toISOString(),
        attempts: null,
        activityType: null,
        reason: expect.stringMatching(/^task_overdue:[a-z_.]+$/),
      });

      // Paged one at a time with the cursor, in the same order; a cursor of another list is a 400 naming it.
      const first = await stalled('&limit=1');
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await stalled(`&limit=1&cursor=${first.nextCursor}`);
      expect(second.items[0].id).not.toEqual(first.items[0].id);
      expect(second.items[0].since >= first.items[0].since).toBe(true);
      const foreign = Buffer.from(JSON.stringify(['cases', '2025-01-01T00:00:00.000Z', randomUUID()])).toString('base64url');
      expect((await operator.get(`/operations/cases?cursor=${foreign}`).expect(400)).body).toMatchObject({ code: 'INVALID_INPUT', field: 'cursor' });
      expect((await operator.get('/operations/cases?problem=everything').expect(400)).body).toMatchObject({ code: 'INVALID_INPUT', field: 'problem' });

      // A case that moved after its deadline (its projection was written since) is not stalled.
      await sql(stack.config, `UPDATE cases SET updated_at = now() WHERE id = $1`, [caseIds[0]]);
      expect((await stalled()).items.map((r: { caseId: string }) => r.caseId)).not.toContain(caseIds[0]);
      // Nobody but HSF's operators sees the list: a case handler at HSF, an operator claimed at Huddinge, the hospital.
      await (await as(stack, 'HSF', 'case_handler')).get('/operations/cases').expect(403);
      await (await as(stack, '0126', 'operator')).get('/operations/cases').expect(403);
      await (await as(stack, 'KS', 'admin')).get('/operations/cases').expect(403);
    } finally {
      await temporal.close();
    }
  });
});
