/**
 * The inter-regional patient transfer (issue 15) on Temporal's time-skipping test server, with the case runtime's
 * activities as recording functions: the proposal's ranking, the offers' deadlines (one region at a time, and two
 * at once), the first acceptance that withdraws the other offers in the same step, the duty officer when the list
 * runs out, a rematch; and the national reinforcement's allocation.
 *
 * The test server's clock starts at the real now and only moves forward, so each test first moves it to a fixed
 * instant of its own (in 2097, far ahead of any real now) and the tests run in the order of those instants. The
 * instants asserted are the workflow's own (the offers' openedAt, dueAt and closedAt, the timeline's `at`): a timer
 * fires a few milliseconds after its due instant (the server starts it when the workflow task that set it completes),
 * so an expiry is asserted at its deadline to the second; what happens in the same step is asserted exactly.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  REINFORCEMENT_CASE_TYPE,
  ReinforcementInput,
  reinforcementStateQuery,
  reinforcementWorkflowId,
  TRANSFER_TASK_KINDS as KIND,
  TransferInput,
  transferStateQuery,
  transferWorkflowId,
} from '../../libs/contracts/src/transfer.contract';
import { refuse } from '../../libs/domain/src/case/case';
import { DEFAULT_HEALTHCARE_REGION_OF } from '../../libs/domain/src/transfers/healthcare-regions';
import type { Candidate, TransferPolicy } from '../../libs/domain/src/transfers/transfer.types';
import { reinforcementRequest } from '../../workflows/patient-transfer/reinforcement-request.workflow';
import { patientTransfer } from '../../workflows/patient-transfer/patient-transfer.workflow';
import { fakeCaseActivities } from './support/case-activities';
import { answer, openTask, refusalOf } from './support/cases';
import { useTimeSkipping } from './support/time-skipping';

const MINUTE = 60_000;
const OFFER_DUE = 30 * MINUTE;
const sos = { actor: 'sos-coordinator', organisationCode: 'SOCIALSTYRELSEN' };
const coordinatorOf = (region: string) => ({ actor: `coordinator-${region}`, organisationCode: region });

const free = (icu: number, others = 0) => ({ icu_ventilator: others, icu, inpatient: others });
const candidate = (region: string, c: Partial<Candidate>): Candidate => ({
  region,
  name: `Region ${region}`,
  healthcareRegion: DEFAULT_HEALTHCARE_REGION_OF[region],
  sameHealthcareRegion: false,
  free: free(0),
  fits: false,
  pictureIcuFree: null,
  ...c,
});

/**
 * Jönköping (06, Sydöstra) asks for one intensive-care bed. The candidates come in no particular order; the
 * proposal puts its own healthcare region first (Östergötland 05 before Kalmar 08, which has no bed: fitting comes
 * second), then those that fit by free intensive-care beds (Skåne 12 before Halland 13 on the latest picture's free
 * beds; Norrbotten 25's free ventilator beds do not count for an intensive-care patient), then the code (Stockholm 01
 * before Uppsala 03), then those that do not fit (Västerbotten 24, whatever its picture says).
 */
const CANDIDATES: Candidate[] = [
  candidate('24', { free: free(0), pictureIcuFree: 30 }),
  candidate('03', { free: free(2), fits: true }),
  candidate('13', { free: free(5), fits: true, pictureIcuFree: 3 }),
  candidate('08', { sameHealthcareRegion: true, free: free(0), pictureIcuFree: 2 }),
  candidate('25', { free: free(1, 9), fits: true }),
  candidate('12', { free: free(5), fits: true, pictureIcuFree: 10 }),
  candidate('01', { free: free(2), fits: true }),
  candidate('05', { sameHealthcareRegion: true, free: free(1), fits: true }),
];
const RANKED = ['05', '08', '12', '13', '01', '03', '25', '24'];

const policy = (offersAtOnce: number): TransferPolicy => ({ offerDueMs: OFFER_DUE, offersAtOnce, matchingDueMs: 4 * 60 * MINUTE, stepDueMs: 2 * 60 * MINUTE, transportOrg: null });

function transferInput(offersAtOnce: number): TransferInput {
  return {
    requestId: randomUUID(),
    request: {
      sendingRegion: '06',
      patients: [{ reference: 'IVA-RJL-117', careLevel: 'icu', infection: 'covid_19' }],
      earliestDeparture: '2097-06-02T06:00:00.000Z',
      by: coordinatorOf('06'),
    },
    regions: Object.keys(DEFAULT_HEALTHCARE_REGION_OF),
    policy: policy(offersAtOnce),
  };
}

const at = (iso: string) => Date.parse(iso);

/**
 * An expiry came at its offer's deadline: not before it, and within a second after it (the timer fires the
 * milliseconds it took to write the step that set it after the deadline).
 */
function expectAtDeadline(firedAt: string, dueAt: string): void {
  expect(at(firedAt) - at(dueAt)).toBeGreaterThanOrEqual(0);
  expect(at(firedAt) - at(dueAt)).toBeLessThan(1000);
}

/** Polls `check` until it holds (bounded): a timer's step may still be writing when the server's clock has moved. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what} did not come within 2 s`);
}

describe('transfers and reinforcements, on the time-skipping test server', () => {
  const ts = useTimeSkipping();

  describe('the patient transfer', () => {
    /** Moves the server's clock to a fixed instant (firing every timer on the way). */
    const skipTo = async (iso: string) => {
      const ms = at(iso) - (await ts.env.currentTimeMs());
      if (ms <= 0) throw new Error(`the server's clock (${new Date(await ts.env.currentTimeMs()).toISOString()}) is already past ${iso}: the tests run in the order of their instants`);
      await ts.env.sleep(ms);
    };
    /** Moves the server's clock on by `ms` from now. */
    const skip = (ms: number) => ts.env.sleep(ms);

    /** The fake case activities, and the steps written, with helpers to find a step by its timeline. */
    const recording = (candidates = CANDIDATES) => {
      const fake = fakeCaseActivities({ candidates });
      /** The steps with a timeline event of `type` (about `region`, when given). */
      const stepsWith = (type: string, region?: string) => fake.steps.filter((s) => s.projection.events.some((e) => e.type === type && (!region || e.detail?.region === region)));
      /** The one step with that event, and the event. */
      const eventStep = (type: string, region?: string) => {
        const steps = stepsWith(type, region);
        if (steps.length !== 1) throw new Error(`${steps.length} steps with ${type}${region ? ` about ${region}` : ''}`);
        const event = steps[0].projection.events.find((e) => e.type === type && (!region || e.detail?.region === region));
        return { step: steps[0], event: event as NonNullable<typeof event> };
      };
      /** The open offer task of `region` (the last one opened). */
      const offerTask = (region: string) => {
        const tasks = fake.opened(KIND.offer).filter((t) => t.assignedOrg === region);
        if (tasks.length === 0) throw new Error(`no offer task for ${region}`);
        return tasks[tasks.length - 1];
      };
      return { fake, activities: fake.activities, stepsWith, eventStep, offerTask };
    };

    /**
     * Cancels a test's workflow and waits until it has ended, without awaiting its result through the time-skipping
     * client (which would let the server skip to the next timer left: the 10-year execution timeout).
     */
    const end = async (handle: WorkflowHandle) => {
      await handle.cancel();
      await until(async () => (await handle.describe()).status.name !== 'RUNNING', 'the end of the workflow');
    };

    const start = async (taskQueue: string, input: TransferInput) => {
      const handle = await ts.env.client.workflow.start(patientTransfer, { taskQueue, workflowId: transferWorkflowId(`${input.requestId}:${taskQueue}`), args: [input] });
      const state = () => handle.query(transferStateQuery);
      return { handle, state };
    };

    it('one offer at a time: the proposal ranked, each offer due 30 minutes after it opened, an expiry moves on at once, the duty officer when the list runs out, a rematch', async () => {
      await skipTo('2097-06-02T08:00:00Z');
      const { activities, fake, eventStep, stepsWith, offerTask } = recording();
      const input = transferInput(1);
      await ts.withWorker(activities, async (taskQueue) => {
        const { handle, state } = await start(taskQueue, input);

        // The matching task: Socialstyrelsen's coordinator gets the ranked proposal, with care levels, not references.
        const matching = await openTask(handle, transferStateQuery, KIND.matching);
        const matchingTask = fake.opened(KIND.matching)[0];
        expect(matchingTask).toMatchObject({ taskId: matching.taskId, assignedOrg: 'SOCIALSTYRELSEN', requiredRole: 'coordinator', input: { round: 1, sendingRegion: '06', patients: [{ careLevel: 'icu', infection: 'covid_19' }] } });
        expect((matchingTask.input.proposal as Candidate[]).map((c) => c.region)).toEqual(RANKED);
        expect(JSON.stringify(matchingTask.input)).not.toContain('IVA-RJL-117');

        // Approved in another order, shortened to three regions: the first offer opens in the approval's step.
        await answer(handle, matching.taskId, sos, { order: ['12', '05', '13'] });
        const approved = eventStep('proposal_approved').step;
        expect(approved.completed?.kind).toBe(KIND.matching);
        expect(approved.opened.map((t) => [t.kind, t.assignedOrg])).toEqual([[KIND.offer, '12']]);
        const first = (await state()).offers[0];
        expect(first).toMatchObject({ region: '12', status: 'open' });
        expect(at(first.openedAt)).toBeGreaterThanOrEqual(at('2097-06-02T08:00:00Z'));
        expect(at(first.openedAt)).toBeLessThan(at('2097-06-02T08:01:00Z'));
        expect(at(first.dueAt) - at(first.openedAt)).toBe(OFFER_DUE);
        expect(offerTask('12')).toMatchObject({ requiredRole: 'coordinator', dueAt: first.dueAt, input: { round: 1, offerDueAt: first.dueAt } });

        // A minute before its deadline the offer still stands, and nobody else has one.
        await skip(at(first.dueAt) - (await ts.env.currentTimeMs()) - MINUTE);
        expect((await state()).offers.map((o) => [o.region, o.status])).toEqual([['12', 'open']]);
        expect(stepsWith('offer_expired')).toHaveLength(0);

        // At its deadline it expires, and in that same step the next region gets its offer, due 30 minutes later.
        await skip(2 * MINUTE);
        await until(() => stepsWith('offer_sent', '05').length === 1, "Östergötland's offer");
        const expiry = eventStep('offer_expired', '12');
        expectAtDeadline(expiry.event.at, first.dueAt);
        expect(expiry.event).toMatchObject({ actor: 'system', organisationCode: null, detail: { region: '12', round: 1 } });
        expect(expiry.step.cancelled).toEqual([{ taskId: offerTask('12').taskId, reason: 'the offer expired' }]);
        expect(expiry.step.opened.map((t) => [t.kind, t.assignedOrg])).toEqual([[KIND.offer, '05']]);
        expect(expiry.step).toBe(eventStep('offer_sent', '05').step);
        const afterExpiry = (await state()).offers;
        expect(afterExpiry.map((o) => [o.region, o.status])).toEqual([['12', 'expired'], ['05', 'open']]);
        expect(afterExpiry[0].closedAt).toBe(expiry.event.at);
        expect(afterExpiry[1].openedAt).toBe(expiry.event.at); // the next offer opened at that instant
        expect(at(afterExpiry[1].dueAt) - at(afterExpiry[1].openedAt)).toBe(OFFER_DUE);
        expect(offerTask('05').dueAt).toBe(afterExpiry[1].dueAt);

        // Östergötland declines ten minutes later: Halland's offer opens with the answer, due 30 minutes after it.
        await skip(10 * MINUTE);
        await answer(handle, offerTask('05').taskId, coordinatorOf('05'), { decision: 'decline', reason: 'Fullt' });
        const declined = eventStep('offer_declined', '05');
        expect(declined.step.completed?.kind).toBe(KIND.offer);
        expect(declined.step.opened.map((t) => [t.kind, t.assignedOrg])).toEqual([[KIND.offer, '13']]);
        const third = (await state()).offers[2];
        expect(third).toMatchObject({ region: '13', status: 'open', openedAt: declined.event.at });
        expect(at(third.dueAt) - at(third.openedAt)).toBe(OFFER_DUE);

        // Östergötland's own deadline passes (it had declined): no expiry for it.
        await skip(at(afterExpiry[1].dueAt) - (await ts.env.currentTimeMs()) + MINUTE);
        expect(stepsWith('offer_expired', '05')).toHaveLength(0);
        expect((await state()).offers.map((o) => [o.region, o.status])).toEqual([['12', 'expired'], ['05', 'declined'], ['13', 'open']]);

        // Halland lets it expire: the list has run out, and the duty officer's task opens in the expiry's step.
        await skip(at(third.dueAt) - (await ts.env.currentTimeMs()) + MINUTE);
        await until(() => fake.opened(KIND.dutyOfficer).length === 1, "the duty officer's task");
        const last = eventStep('offer_expired', '13');
        expectAtDeadline(last.event.at, third.dueAt);
        expect(last.step).toBe(eventStep('offers_exhausted').step);
        expect(last.step.opened.map((t) => [t.kind, t.assignedOrg, t.requiredRole])).toEqual([[KIND.dutyOfficer, 'SOCIALSTYRELSEN', 'coordinator']]);
        expect(last.step.cancelled).toEqual([{ taskId: offerTask('13').taskId, reason: 'the offer expired' }]);
        expect(eventStep('offers_exhausted').event.detail).toEqual({ round: 1, offered: ['12', '05', '13'] });
        expect((await state()).status).toBe('escalated');
        expect(fake.opened(KIND.offer).map((t) => t.assignedOrg)).toEqual(['12', '05', '13']); // nobody else got one

        // The duty officer orders a rematch: round 2, a new matching task in the same step, the offers cleared.
        const duty = await openTask(handle, transferStateQuery, KIND.dutyOfficer);
        await answer(handle, duty.taskId, sos, { decision: 'rematch', reason: 'Kapaciteten har ändrats' });
        const rematch = eventStep('rematch_ordered');
        expect(rematch.event.detail).toEqual({ reason: 'Kapaciteten har ändrats', round: 2 });
        expect(rematch.step.completed?.kind).toBe(KIND.dutyOfficer);
        expect(rematch.step.opened.map((t) => [t.kind, t.input.round])).toEqual([[KIND.matching, 2]]);
        const round2 = fake.opened(KIND.matching)[1];
        expect(round2.taskId).not.toBe(matching.taskId);
        expect((round2.input.proposal as Candidate[]).map((c) => c.region)).toEqual(RANKED);
        expect(await state()).toMatchObject({ status: 'matching', round: 2, offers: [], proposal: [] });

        // Round 2's offer to a region that had one in round 1 gets a fresh deadline of its own.
        await answer(handle, round2.taskId, sos, { order: ['12'] });
        const again = (await state()).offers[0];
        expect(again).toMatchObject({ region: '12', status: 'open' });
        expect(at(again.dueAt) - at(again.openedAt)).toBe(OFFER_DUE);
        expect(offerTask('12').input).toMatchObject({ round: 2, offerDueAt: again.dueAt });
        expect(stepsWith('offer_sent', '12')).toHaveLength(2); // one in each round
        await end(handle);
      });
    });

    it('two offers at once: the third region gets its offer when the first of the two expires; an acceptance withdraws the other open offer in its step, and no expiry fires for it later', async () => {
      await skipTo('2097-06-03T08:00:00Z');
      const { activities, fake, eventStep, stepsWith, offerTask } = recording();
      const input = transferInput(2);
      await ts.withWorker(activities, async (taskQueue) => {
        const { handle, state } = await start(taskQueue, input);
        const matching = await openTask(handle, transferStateQuery, KIND.matching);
        await answer(handle, matching.taskId, sos, { order: ['05', '08', '12', '13'] });

        // Two offers open with the approval, both due 30 minutes later.
        const approved = eventStep('proposal_approved').step;
        expect(approved.opened.map((t) => [t.kind, t.assignedOrg])).toEqual([
          [KIND.offer, '05'],
          [KIND.offer, '08'],
        ]);
        const [a, b] = (await state()).offers;
        expect([a.status, b.status]).toEqual(['open', 'open']);
        expect(b.openedAt).toBe(a.openedAt);
        expect(at(a.dueAt) - at(a.openedAt)).toBe(OFFER_DUE);
        expect(b.dueAt).toBe(a.dueAt);

        // Kalmar declines after 10 minutes: Skåne gets the second open offer then, due 30 minutes after that.
        await skip(10 * MINUTE);
        await answer(handle, offerTask('08').taskId, coordinatorOf('08'), { decision: 'decline' });
        const declined = eventStep('offer_declined', '08');
        expect(declined.step.opened.map((t) => [t.kind, t.assignedOrg])).toEqual([[KIND.offer, '12']]);
        const c = (await state()).offers[2];
        expect(c).toMatchObject({ region: '12', status: 'open', openedAt: declined.event.at });
        expect(at(c.dueAt) - at(c.openedAt)).toBe(OFFER_DUE);

        // Östergötland's offer, the first of the two, expires at its deadline: Halland (the fourth) gets its offer
        // in the expiry's step, while Skåne's still stands.
        await skip(at(a.dueAt) - (await ts.env.currentTimeMs()) - MINUTE);
        expect(fake.opened(KIND.offer).map((t) => t.assignedOrg)).toEqual(['05', '08', '12']);
        await skip(2 * MINUTE);
        await until(() => stepsWith('offer_sent', '13').length === 1, "Halland's offer");
        const expiry = eventStep('offer_expired', '05');
        expectAtDeadline(expiry.event.at, a.dueAt);
        expect(expiry.step.opened.map((t) => [t.kind, t.assignedOrg])).toEqual([[KIND.offer, '13']]);
        expect(expiry.step.cancelled).toEqual([{ taskId: offerTask('05').taskId, reason: 'the offer expired' }]);
        const d = (await state()).offers[3];
        expect(d).toMatchObject({ region: '13', status: 'open', openedAt: expiry.event.at });
        expect(at(d.dueAt) - at(d.openedAt)).toBe(OFFER_DUE);

        // Halland accepts 5 minutes later, before Skåne's deadline: in one step the bed is reserved, Halland's task is
        // done, Skåne's offer is withdrawn and its task closed, and the transport task opens.
        await skip(5 * MINUTE);
        const stepsBefore = fake.steps.length;
        await answer(handle, offerTask('13').taskId, coordinatorOf('13'), { decision: 'accept' });
        expect(fake.steps).toHaveLength(stepsBefore + 1);
        const accepted = eventStep('offer_accepted', '13');
        expect(accepted.step).toBe(fake.last());
        expect(accepted.step.completed).toMatchObject({ taskId: offerTask('13').taskId, kind: KIND.offer, decision: { decision: 'accept' } });
        expect(accepted.step.effects).toEqual([{ type: 'transfer.reserve', requestId: input.requestId, region: '13', round: 1, beds: { icu_ventilator: 0, icu: 1, inpatient: 0 } }]);
        expect(accepted.step.cancelled).toEqual([{ taskId: offerTask('12').taskId, reason: 'withdrawn: 13 accepted' }]);
        expect(accepted.step.projection.events.map((e) => [e.type, e.detail?.region])).toEqual([
          ['offer_accepted', '13'],
          ['offer_withdrawn', '12'],
        ]);
        expect(accepted.step.opened.map((t) => [t.kind, t.assignedOrg])).toEqual([[KIND.transport, '06']]);
        const afterAccept = await state();
        expect(afterAccept).toMatchObject({ status: 'transport', receivingRegion: '13' });
        expect(afterAccept.offers.map((o) => [o.region, o.status, o.closedAt])).toEqual([
          ['05', 'expired', expiry.event.at],
          ['08', 'declined', declined.event.at],
          ['12', 'withdrawn', accepted.event.at],
          ['13', 'accepted', accepted.event.at],
        ]);
        expect(afterAccept.openTasks.map((t) => t.kind)).toEqual([KIND.transport]);

        // Past Skåne's and Halland's deadlines: nothing expires, nothing is written.
        await skip(at(d.dueAt) - (await ts.env.currentTimeMs()) + 5 * MINUTE);
        await new Promise((r) => setTimeout(r, 200)); // time for a stray expiry's step to show itself
        expect(fake.steps).toHaveLength(stepsBefore + 1);
        expect(stepsWith('offer_expired')).toHaveLength(1);
        expect((await state()).offers.map((o) => o.status)).toEqual(['expired', 'declined', 'withdrawn', 'accepted']);
        await end(handle);
      });
    });
  });

  // Last in the file: these await their workflows' results, which lets the server's clock skip ahead.
  describe('the national reinforcement request', () => {

    const reinforcementInput = (quantity: number): ReinforcementInput => ({
      requestId: randomUUID(),
      region: '21',
      category: 'icu_nurses',
      quantity,
      by: coordinatorOf('21'),
      allocateDueMs: 24 * 60 * MINUTE,
    });

    it('Socialstyrelsen allocates part of the request: the allocation is booked with the step; more than asked, or more than the pool has, changes nothing', async () => {
      const poolHas = 2; // the store refuses an allocation above what the pool has, as PostgreSQL's CHECK does
      const fake = fakeCaseActivities({
        refuse: (step) => {
          const booked = step.effects.find((e) => e.type === 'reinforcement.allocate') as { allocated: number } | undefined;
          return booked && booked.allocated > poolHas ? refuse('conflict', 'the national pool has too few') : null;
        },
      });
      const input = reinforcementInput(5);
      const result = await ts.withWorker(fake.activities, async (taskQueue) => {
        const handle = await ts.env.client.workflow.start(reinforcementRequest, { taskQueue, workflowId: reinforcementWorkflowId(`${input.requestId}:${taskQueue}`), args: [input] });
        const task = await openTask(handle, reinforcementStateQuery, KIND.allocate);
        expect(fake.opened(KIND.allocate)).toEqual([
          expect.objectContaining({ taskId: task.taskId, assignedOrg: 'SOCIALSTYRELSEN', requiredRole: 'coordinator', input: { requestId: input.requestId, region: '21', category: 'icu_nurses', quantity: 5 } }),
        ]);
        expect(fake.steps[0]).toMatchObject({ caseType: REINFORCEMENT_CASE_TYPE, projection: { status: 'requested', parties: ['21', 'SOCIALSTYRELSEN'] } });

        // More than asked for: refused by the rule, nothing written.
        const tooMany = await refusalOf(answer(handle, task.taskId, sos, { allocated: 6, reason: 'Alla' }));
        expect(tooMany).toMatchObject({ refused: 'invalid_input', field: 'decision.allocated' });
        // More than the pool has: the store refuses the step, the task stays open.
        const overPool = await refusalOf(answer(handle, task.taskId, sos, { allocated: 3, reason: 'Tre av fem' }));
        expect(overPool).toMatchObject({ refused: 'conflict', message: 'the national pool has too few' });
        expect(fake.steps).toHaveLength(1);
        expect(await handle.query(reinforcementStateQuery)).toMatchObject({ status: 'requested', openTasks: [{ taskId: task.taskId }] });

        // Two of five, which the pool has: booked with the step that closes the request.
        const done = await answer(handle, task.taskId, sos, { allocated: 2, reason: 'Två av fem: poolen räcker inte till fler' });
        expect(done.outcome).toEqual({ status: 'allocated', allocated: 2 });
        return handle.result();
      });
      expect(result).toMatchObject({ status: 'allocated', allocated: 2, quantity: 5, decision: { actor: 'sos-coordinator', reason: 'Två av fem: poolen räcker inte till fler' }, openTasks: [] });
      const allocation = fake.steps.find((s) => s.completed?.kind === KIND.allocate);
      expect(allocation?.effects).toEqual([
        { type: 'reinforcement.allocate', requestId: input.requestId, region: '21', category: 'icu_nurses', requested: 5, allocated: 2, reason: 'Två av fem: poolen räcker inte till fler', by: sos },
      ]);
      expect(allocation?.projection.events.map((e) => [e.type, e.detail])).toEqual([['reinforcement_allocated', { allocated: 2, requested: 5 }]]);
      expect(fake.steps.flatMap((s) => s.effects).filter((e) => e.type === 'reinforcement.allocate')).toHaveLength(1);
    });

    it('an allocation of none declines the request, with its reason', async () => {
      const fake = fakeCaseActivities();
      const input = reinforcementInput(4);
      const result = await ts.withWorker(fake.activities, async (taskQueue) => {
        const handle = await ts.env.client.workflow.start(reinforcementRequest, { taskQueue, workflowId: reinforcementWorkflowId(`${input.requestId}:${taskQueue}`), args: [input] });
        const task = await openTask(handle, reinforcementStateQuery, KIND.allocate);
        await answer(handle, task.taskId, sos, { allocated: 0, reason: 'Poolen är tom' });
        return handle.result();
      });
      expect(result).toMatchObject({ status: 'declined', allocated: 0, openTasks: [] });
      expect(fake.events().map((e) => e.type)).toEqual(['reinforcement_requested', 'reinforcement_declined']);
      expect(fake.steps[1].effects).toEqual([expect.objectContaining({ type: 'reinforcement.allocate', allocated: 0, requested: 4, reason: 'Poolen är tom' })]);
    });
  });
});
