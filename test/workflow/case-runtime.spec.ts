/**
 * The shared case runtime, through the README's example process (a two-step acknowledgement), on the
 * time-skipping test server with its activities as plain functions: one write per step, deadlines and
 * escalation, a refused step that changes nothing, answers by the wrong organisation, and closing.
 */
import { randomUUID } from 'node:crypto';
import { completeTaskUpdate, TaskCompletion } from '../../libs/contracts/src/human-task.contract';
import { refuse } from '../../libs/domain/src/case/case';
import { fakeCaseActivities } from './support/case-activities';
import { finish, refusalOf } from './support/cases';
import { useTimeSkipping } from './support/time-skipping';
import { acknowledgementQuery, acknowledgementWorkflow } from './workflows/acknowledgement.workflow';
import type { Acknowledgement } from './workflows/acknowledgement.rules';
import type { CaseCarry } from '../../libs/contracts/src/case-runtime.contract';

const DAY = 86_400_000;
const sender = { actor: 'sara.sender', organisationCode: 'KS' };
const receiver = { actor: 'maja.receiver', organisationCode: '0125' };
let n = 0;
const answer = (taskId: string, by = receiver, decision: Record<string, unknown> = { acknowledged: true }) => ({
  args: [{ taskId, decision, by, requestId: `request-${(n += 1)}`, requestHash: `hash-${n}` }] as [TaskCompletion],
});

describe('the shared case runtime, on the example acknowledgement process', () => {
  const ts = useTimeSkipping();
  const start = async (taskQueue: string, dueInMs = 2 * DAY) => {
    const caseId = randomUUID();
    const handle = await ts.env.client.workflow.start(acknowledgementWorkflow, {
      taskQueue,
      workflowId: `ack-${caseId}`,
      args: [{ caseId, sender: 'KS', receiver: '0125', openedBy: sender, dueInMs }],
    });
    const openTask = async (kind: string) => {
      for (let i = 0; i < 50; i++) {
        const task = (await handle.query(acknowledgementQuery)).openTasks.find((t) => t.kind === kind);
        if (task) return task;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no open ${kind}`);
    };
    return { handle, openTask };
  };

  it('takes an answer that arrives with a continued run\'s first workflow task, once the task kinds are in', async () => {
    // A run carried over by continue-as-new, with the receiver's task open; the answer is sent before any worker has
    // picked the run up, so the worker gets the run's start and the answer in one activation (as it happens when a
    // person answers just as a case continues as new). Before the fix the runtime checked it before the process had
    // registered its task kinds, and refused it: "this.kinds[t.kind] is not a function".
    const caseId = randomUUID();
    const taskId = randomUUID();
    const carried: CaseCarry<Acknowledgement> = {
      state: { caseId, sender: 'KS', receiver: '0125', status: 'sent' },
      version: 1,
      timeline: [],
      tasks: [{ taskId, kind: 'example.acknowledge', params: {}, assignedOrg: '0125', requiredRole: 'case_handler', dueAt: '2100-01-01T00:00:00.000Z', level: 0, escalate: false }],
      timers: [],
      waits: [],
      subjectSent: true,
    };
    const taskQueue = `parked-${randomUUID()}`;
    const handle = await ts.env.client.workflow.start(acknowledgementWorkflow, {
      taskQueue,
      workflowId: `ack-${caseId}`,
      args: [{ caseId, sender: 'KS', receiver: '0125', openedBy: sender, dueInMs: 2 * DAY, carried }],
    });
    const answered = handle.executeUpdate(completeTaskUpdate, answer(taskId)).then(
      (r) => ({ ok: r }),
      (e: unknown) => ({ error: e }),
    );
    await new Promise((r) => setTimeout(r, 500)); // the server holds the update for the run's first workflow task
    const fake = fakeCaseActivities();
    const outcome = await ts.withWorker(
      fake.activities,
      async () => {
        const result = await answered;
        await finish(handle);
        return result;
      },
      { taskQueue },
    );
    if ('error' in outcome) throw outcome.error;
    expect(outcome.ok).toMatchObject({ taskId, kind: 'example.acknowledge' });
    expect(fake.steps[0]).toMatchObject({ completed: { taskId, kind: 'example.acknowledge' }, projection: { status: 'acknowledged' } });
  });

  it('runs each step as one write: projection, tasks and timeline together, to its end', async () => {
    const fake = fakeCaseActivities();
    const result = await ts.withWorker(fake.activities, async (taskQueue) => {
      const { handle, openTask } = await start(taskQueue);
      await handle.executeUpdate(completeTaskUpdate, answer((await openTask('example.acknowledge')).taskId, receiver, { acknowledged: true, comment: 'Mottaget' }));
      await handle.executeUpdate(completeTaskUpdate, answer((await openTask('example.confirm')).taskId, sender));
      return handle.result();
    });
    expect(result).toMatchObject({ status: 'confirmed', acknowledged: { actor: 'maja.receiver', comment: 'Mottaget' }, openTasks: [], waitingFor: { what: 'nothing' } });
    // Opening, the acknowledgement and the confirmation: three steps, three writes, nothing more.
    expect(fake.steps.map((s) => [s.projection.version, s.projection.status, s.opened.map((t) => t.kind), s.completed?.kind ?? null])).toEqual([
      [1, 'sent', ['example.acknowledge'], null],
      [2, 'acknowledged', ['example.confirm'], 'example.acknowledge'],
      [3, 'confirmed', [], 'example.confirm'],
    ]);
    expect(fake.events().map((e) => e.type)).toEqual(['notice_sent', 'notice_acknowledged', 'acknowledgement_confirmed']);
    expect(fake.last().projection).toMatchObject({ parties: ['KS', '0125'], waitingFor: { what: 'nothing', until: null } });
  });

  it('escalates a task left past its deadline to the coordinator, and closes the escalation with the task', async () => {
    const fake = fakeCaseActivities();
    await ts.withWorker(fake.activities, async (taskQueue) => {
      const { handle, openTask } = await start(taskQueue, 2 * DAY);
      const ack = await openTask('example.acknowledge');
      expect((await handle.query(acknowledgementQuery)).waitingFor).toEqual({ what: 'tasks', description: 'example.acknowledge (0125)', until: ack.dueAt });
      await ts.env.sleep(2 * DAY + 60_000);
      const escalation = await openTask('example.escalation');
      expect(fake.opened('example.escalation')[0]).toMatchObject({ assignedOrg: '0125', requiredRole: 'coordinator', parentTaskId: ack.taskId, input: { overdueTaskId: ack.taskId } });
      const overdue = fake.events().find((e) => e.type === 'task_overdue');
      expect(overdue).toMatchObject({ actor: 'system', organisationCode: null, detail: { taskId: ack.taskId, organisationCode: '0125' } });
      await handle.executeUpdate(completeTaskUpdate, answer(ack.taskId));
      expect(fake.cancelled()).toContainEqual({ taskId: escalation.taskId, reason: 'the task it was about is done' });
      await finish(handle);
    });
  });

  it('refuses an answer from another organisation as if the task did not exist (not as a stale task)', async () => {
    const fake = fakeCaseActivities();
    await ts.withWorker(fake.activities, async (taskQueue) => {
      const { handle, openTask } = await start(taskQueue);
      const ack = await openTask('example.acknowledge');
      const refusal = await refusalOf(handle.executeUpdate(completeTaskUpdate, answer(ack.taskId, { actor: 'hugo', organisationCode: '0126' })));
      expect(refusal).toMatchObject({ refused: 'not_found', message: `task ${ack.taskId} not found` });
      const wrongAnswer = await refusalOf(handle.executeUpdate(completeTaskUpdate, answer(ack.taskId, receiver, { acknowledged: false })));
      expect(wrongAnswer).toMatchObject({ refused: 'invalid_decision', message: 'decision.acknowledged must be true' });
      expect(fake.steps).toHaveLength(1); // nothing was written for either
      await finish(handle);
    });
  });

  it('a step the store refuses changes nothing: the task stays open and its deadline still escalates', async () => {
    let refuseCompletions = true;
    const fake = fakeCaseActivities({ refuse: (step) => (refuseCompletions && step.completed ? refuse('conflict', 'over the ceiling') : null) });
    await ts.withWorker(fake.activities, async (taskQueue) => {
      const { handle, openTask } = await start(taskQueue, 2 * DAY);
      const ack = await openTask('example.acknowledge');
      expect(await refusalOf(handle.executeUpdate(completeTaskUpdate, answer(ack.taskId)))).toMatchObject({ refused: 'conflict', message: 'over the ceiling' });
      const view = await handle.query(acknowledgementQuery);
      expect(view).toMatchObject({ status: 'sent', version: 1, openTasks: [{ taskId: ack.taskId, dueAt: ack.dueAt }] });
      expect(view.events.map((e) => e.type)).toEqual(['notice_sent']);
      await ts.env.sleep(2 * DAY + 60_000);
      await openTask('example.escalation'); // the deadline's timer survived the refused step
      refuseCompletions = false;
      await handle.executeUpdate(completeTaskUpdate, answer(ack.taskId));
      expect((await handle.query(acknowledgementQuery)).status).toBe('acknowledged');
      await finish(handle);
    });
  });

  it('sets aside a due item whose step is refused: it is not tried again and again, and later deadlines still fire', async () => {
    let ackTaskId = '';
    // The store refuses the step that escalates the acknowledgement (as a failing write would), and only that one.
    const fake = fakeCaseActivities({
      refuse: (step) => (step.opened.some((t) => t.kind === 'example.escalation' && t.parentTaskId === ackTaskId) ? refuse('conflict', 'cannot write now') : null),
    });
    await ts.withWorker(fake.activities, async (taskQueue) => {
      const { handle, openTask } = await start(taskQueue, 2 * DAY);
      ackTaskId = (await openTask('example.acknowledge')).taskId;
      await ts.env.sleep(2 * DAY + 60_000);
      await ts.env.sleep(60_000); // time for any retry loop to show itself
      expect(fake.refused).toHaveLength(1);
      expect((await handle.query(acknowledgementQuery)).openTasks.map((t) => t.kind)).toEqual(['example.acknowledge']);
      // The confirmation's own deadline, later, still escalates.
      await handle.executeUpdate(completeTaskUpdate, answer(ackTaskId));
      const confirm = await openTask('example.confirm');
      await ts.env.sleep(2 * DAY + 60_000);
      await openTask('example.escalation');
      expect(fake.opened('example.escalation')[0]).toMatchObject({ parentTaskId: confirm.taskId });
      expect(fake.refused).toHaveLength(1);
      await finish(handle);
    });
  });

  it('closes every open task when an operator cancels the workflow', async () => {
    const fake = fakeCaseActivities();
    await ts.withWorker(fake.activities, async (taskQueue) => {
      const { handle, openTask } = await start(taskQueue);
      const ack = await openTask('example.acknowledge');
      await handle.cancel();
      await expect(handle.result()).rejects.toThrow();
      expect(fake.cancelled()).toEqual([{ taskId: ack.taskId, reason: 'the case was cancelled by an operator' }]);
      expect(fake.last().projection.waitingFor).toEqual({ what: 'nothing', description: 'the case was cancelled by an operator', until: null });
    });
  });
});
