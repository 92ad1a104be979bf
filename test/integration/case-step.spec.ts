/**
 * The case runtime's one write, on a real PostgreSQL: a step is written once whatever retries do, and a step of
 * another run of the workflow at a version already written is a clash that fails loudly instead of passing for a
 * retry (a restarted or reset workflow must take the case over from its projection).
 */
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { activitiesFrom, AllActivities } from '../../activities/activities.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import type { CaseStep } from '../../libs/contracts/src/case-runtime.contract';
import type { AppConfig } from '../../libs/config/src/app-config';
import { QueryLogger } from '../../libs/persistence/src/query-logger';
import { sql, testConfig } from '../support/test-app';

const by = { actor: 'karin.ks', organisationCode: 'KS' };

function step(caseId: string, runChain: string, version: number, extra: Partial<CaseStep> = {}): CaseStep {
  return {
    caseId,
    caseType: 'example_acknowledgement',
    workflowId: `example-${caseId}`,
    runChain,
    projection: {
      status: `v${version}`,
      parties: ['KS', '0125'],
      version,
      summary: {},
      waitingFor: { what: 'request', description: 'a test', until: null },
      events: [{ seq: version, at: '2025-03-03T08:00:00.000Z', actor: by.actor, organisationCode: by.organisationCode, type: `step_${version}` }],
    },
    processProjections: [],
    opened: [],
    cancelled: [],
    effects: [],
    audit: [{ action: 'example.step', by, requestId: `request-${version}` }],
    ...extra,
  };
}

describe('the step write (applyCaseStep) on PostgreSQL', () => {
  let config: AppConfig;
  let ctx: INestApplicationContext;
  let activities: AllActivities;
  beforeAll(async () => {
    config = await testConfig();
    ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'warn'] });
    activities = activitiesFrom(ctx);
  });
  afterAll(() => ctx?.close());

  const counts = async (caseId: string) => ({
    events: (await sql(config, 'SELECT seq FROM case_events WHERE case_id = $1', [caseId])).length,
    tasks: (await sql(config, 'SELECT id FROM tasks WHERE case_id = $1', [caseId])).length,
    audit: (await sql(config, 'SELECT id FROM audit_log WHERE case_id = $1', [caseId])).length,
  });

  it('writes a step once: a retried step finds its version written and writes nothing more', async () => {
    const caseId = randomUUID();
    const task = { taskId: randomUUID(), kind: 'example.acknowledge', assignedOrg: '0125', requiredRole: 'case_handler', dueAt: '2025-03-05T08:00:00.000Z', input: {}, answerSchema: { type: 'boolean' as const } };
    const first = step(caseId, 'chain-a', 1, { opened: [task] });
    expect(await activities.applyCaseStep(first)).toEqual({ ok: true });
    expect(await activities.applyCaseStep(first)).toEqual({ ok: true });
    expect(await Promise.all([activities.applyCaseStep(first), activities.applyCaseStep(first)])).toEqual([{ ok: true }, { ok: true }]);
    expect(await counts(caseId)).toEqual({ events: 1, tasks: 1, audit: 1 });
  });

  it("refuses another run's step at a version already written, and lets a run that took the case over go on", async () => {
    const caseId = randomUUID();
    await activities.applyCaseStep(step(caseId, 'chain-a', 1));
    await activities.applyCaseStep(step(caseId, 'chain-a', 2));
    // A restarted workflow that did not take the case over would write version 1 again.
    await expect(activities.applyCaseStep(step(caseId, 'chain-b', 1))).rejects.toThrow(/version 2 was written by another run of its workflow \(chain-a\); this run \(chain-b\) writes version 1/);
    expect(await counts(caseId)).toEqual({ events: 2, tasks: 0, audit: 2 });
    // One that took it over starts from the projection: its first step is version 3, its events from seq 3.
    expect(await activities.projectedCase(caseId)).toEqual({ version: 2, lastSeq: 2 });
    expect(await activities.applyCaseStep(step(caseId, 'chain-b', 3))).toEqual({ ok: true });
    const [row] = await sql<{ version: number; run_chain: string; status: string }>(config, 'SELECT version, run_chain, status FROM cases WHERE id = $1', [caseId]);
    expect(row).toEqual({ version: 3, run_chain: 'chain-b', status: 'v3' });
  });

  it('a step whose data the database refuses fails at once, not retried, writes nothing, and no log line holds the data', async () => {
    const logger = ctx.get(DataSource).logger;
    expect(logger).toBeInstanceOf(QueryLogger);
    const logged: unknown[] = [];
    const sink = (logger as unknown as { sink: { error: (obj: object, msg: string) => void } }).sink;
    const spy = jest.spyOn(sink, 'error').mockImplementation((obj, msg) => void logged.push(obj, msg));
    try {
      const caseId = randomUUID();
      const good = step(caseId, 'chain-a', 1);
      // A NUL in the summary (the patient is stored sealed since issue 13): PostgreSQL refuses it in jsonb, the
      // same way on every try.
      const bad = step(caseId, 'chain-a', 1, { projection: { ...good.projection, summary: { note: 'Tolvan\u0000Tolvansson 191212121212' } } });
      const err = await activities.applyCaseStep(bad).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect(err).toMatchObject({ type: 'CaseDataError', nonRetryable: true, details: [{ sqlState: expect.stringMatching(/^22/) }] });
      expect((err as Error).message).not.toMatch(/Tolvan|191212121212/);
      expect(await counts(caseId)).toEqual({ events: 0, tasks: 0, audit: 0 });
      expect(logged).toContainEqual(expect.objectContaining({ sqlState: expect.stringMatching(/^22/), statement: expect.stringMatching(/^INSERT INTO "cases"/) }));
      expect(JSON.stringify(logged)).not.toMatch(/Tolvan|191212121212|1212/);
      // The same case with clean data is written as if nothing had happened.
      expect(await activities.applyCaseStep(good)).toEqual({ ok: true });
    } finally {
      spy.mockRestore();
    }
  });
});
