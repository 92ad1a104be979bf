/**
 * A 30-day deadline, tested in milliseconds on Temporal's time-skipping test server. Every time is the server's
 * (env.currentTimeMs()) or the workflow's own clock, never the machine's.
 */
import { randomUUID } from 'node:crypto';
import { useTimeSkipping } from './support/time-skipping';
import { AnswerDeadlineActivities, answerUpdate, answerWithinThirtyDaysWorkflow } from './workflows/answer-deadline.workflow';

const DAY_MS = 24 * 60 * 60 * 1000;

type Call = { [K in keyof AnswerDeadlineActivities]: { name: K; input: Parameters<AnswerDeadlineActivities[K]>[0] } }[keyof AnswerDeadlineActivities];

/** Plain functions standing in for the activities: they record each call, and tell when the task is open. */
function recordingActivities() {
  const calls: Call[] = [];
  let markOpened: () => void = () => undefined;
  const taskOpened = new Promise<void>((resolve) => (markOpened = resolve));
  const activities: AnswerDeadlineActivities = {
    async openTask(input) {
      calls.push({ name: 'openTask', input });
      markOpened();
      return { taskId: `task-${input.caseId}` };
    },
    async closeTask(input) {
      calls.push({ name: 'closeTask', input });
    },
    async escalate(input) {
      calls.push({ name: 'escalate', input });
    },
  };
  return { activities, calls, taskOpened, names: () => calls.map((call) => call.name) };
}

describe('a task due within 30 days, on the time-skipping test server', () => {
  const timeSkipping = useTimeSkipping();

  it('escalates when the 30-day timer fires, after 30 days of workflow time', async () => {
    const { env } = timeSkipping;
    const mock = recordingActivities();
    const serverTimeBefore = await env.currentTimeMs();

    const result = await timeSkipping.withWorker(mock.activities, (taskQueue) =>
      env.client.workflow.execute(answerWithinThirtyDaysWorkflow, {
        taskQueue,
        workflowId: `answer-deadline-${randomUUID()}`,
        args: ['case-unanswered'],
      }),
    );

    expect(result.outcome).toBe('escalated');
    expect(result.dueAt - result.startedAt).toBe(30 * DAY_MS);
    // The timer fired on the workflow's clock at the deadline: not before, and not a day later.
    expect(result.endedAt).toBeGreaterThanOrEqual(result.dueAt);
    expect(result.endedAt - result.dueAt).toBeLessThan(60_000);
    expect(await env.currentTimeMs()).toBeGreaterThanOrEqual(serverTimeBefore + 30 * DAY_MS);
    expect(mock.names()).toEqual(['openTask', 'escalate']);
    expect(mock.calls[1]).toEqual({ name: 'escalate', input: { taskId: 'task-case-unanswered', dueAt: result.dueAt } });
  });

  it('an answer on day 29 prevents the escalation', async () => {
    const { env } = timeSkipping;
    const mock = recordingActivities();

    const { answeredAt, result } = await timeSkipping.withWorker(mock.activities, async (taskQueue) => {
      const handle = await env.client.workflow.start(answerWithinThirtyDaysWorkflow, {
        taskQueue,
        workflowId: `answer-deadline-${randomUUID()}`,
        args: ['case-answered'],
      });
      await mock.taskOpened;
      await env.sleep('29 days'); // skips 29 days of server time; the 30-day timer is still pending
      const update = await handle.executeUpdate(answerUpdate, { args: ['Planering påbörjad'] });
      return { answeredAt: update.answeredAt, result: await handle.result() };
    });

    expect(result.outcome).toBe('answered');
    expect(answeredAt - result.startedAt).toBeGreaterThanOrEqual(29 * DAY_MS);
    expect(answeredAt).toBeLessThan(result.dueAt);
    expect(result.endedAt).toBeLessThan(result.dueAt);
    expect(mock.names()).toEqual(['openTask', 'closeTask']);
    expect(mock.calls[1]).toEqual({ name: 'closeTask', input: { taskId: 'task-case-answered', answer: 'Planering påbörjad' } });
  });
});
