/**
 * The discharge handover's payment liability waits for reference data: one registration task per missing daily
 * amount, and one invoice basis once all are registered, whether by those tasks or through the API.
 *
 * Liability counts from when the utskrivningsklar notice went out: the workflow's clock when the hospital declares
 * the patient ready. The test server's clock only moves forward, so each stay is set at fixed instants in the future
 * (the server skips to them); a test run after them fails loudly rather than depending on today's date.
 */
import { randomUUID } from 'node:crypto';
import { referenceRegisteredSignal } from '../../libs/contracts/src/case-runtime.contract';
import {
  declareReadyForDischargeUpdate,
  DISCHARGE_TASK_KINDS as KIND,
  DischargeHandoverInput,
  dischargeHandoverStateQuery,
  recordDischargeUpdate,
} from '../../libs/contracts/src/discharge-handover.contract';
import { dischargeHandoverV2 } from '../../workflows/discharge-handover/discharge-handover.workflow';
import { fakeCaseActivities } from './support/case-activities';
import { answer, finish, openTask, recordHistory } from './support/cases';
import { useTimeSkipping } from './support/time-skipping';

const hospital = { actor: 'karin.ks', organisationCode: 'KS' };
const municipality = { actor: 'maja.ekero', organisationCode: '0125' };
const vardcentral = { actor: 'viktor.vc', organisationCode: 'VC-EKERO' };
const hsfAdmin = { actor: 'adam.hsf', organisationCode: 'HSF' };
const finance = { actor: 'fia.hsf-fin', organisationCode: 'HSF-FIN' };

/** A stay with fixed instants: admitted on `admittedAt`, the notice on `readyAt`, discharged on `dischargedAt`. */
const input = (admittedAt: string): DischargeHandoverInput => ({
  caseId: randomUUID(),
  openedBy: hospital,
  hospitalCode: 'KS',
  patient: { personnummer: '191212121212', name: 'Tolvan Tolvansson' },
  municipalityCode: '0125',
  vardcentralCode: 'VC-EKERO',
  admittedAt,
  openedAt: admittedAt,
  estimatedDischargeDate: admittedAt.slice(0, 10),
  careType: 'somatic',
  needs: { municipal: ['home_care'], region: ['primary_care_home_health_care'] },
  policy: { noticeDeadlineHours: 24 },
});

describe('payment liability waiting for daily amounts', () => {
  const ts = useTimeSkipping();

  /** Moves the test server's clock forward to `instant` (it never goes back). */
  async function skipTo(instant: string) {
    const ms = Date.parse(instant) - (await ts.env.currentTimeMs());
    if (ms < 0) throw new Error(`the test server's clock is past ${instant}: move this test's stay later`);
    await ts.env.sleep(ms);
  }

  async function dischargedCase(taskQueue: string, stay: { admittedAt: string; readyAt: string; dischargedAt: string }) {
    await skipTo(stay.admittedAt);
    const handle = await ts.env.client.workflow.start(dischargeHandoverV2, { taskQueue, workflowId: `discharge-${randomUUID()}`, args: [input(stay.admittedAt)] });
    const task = (kind: string) => openTask(handle, dischargeHandoverStateQuery, kind);
    await answer(handle, (await task(KIND.needsAssessment)).taskId, municipality, { outcome: 'not_needed' });
    await answer(handle, (await task(KIND.appointFastVardkontakt)).taskId, vardcentral, { name: 'Sara Sjöström' });
    await skipTo(stay.readyAt);
    // The doctor's judgement is an hour before the notice: the clocks run from the notice.
    await handle.executeUpdate(declareReadyForDischargeUpdate, { args: [{ ...hospital, declaredAt: new Date(Date.parse(stay.readyAt) - 3_600_000).toISOString() }] });
    const readyAck = (await handle.query(dischargeHandoverStateQuery)).openTasks.find((t) => t.kind === KIND.acknowledgeReady && t.assignedOrg === 'VC-EKERO');
    await answer(handle, readyAck?.taskId as string, vardcentral, { acknowledged: true });
    await answer(handle, (await task(KIND.callSip)).taskId, vardcentral, { plannedSipDate: stay.readyAt.slice(0, 10) });
    await answer(handle, (await task(KIND.takeover)).taskId, vardcentral, { acknowledged: true });
    await skipTo(stay.dischargedAt);
    const discharged = await handle.executeUpdate(recordDischargeUpdate, { args: [{ ...hospital, dischargedAt: stay.dischargedAt }] });
    return { handle, task, discharged };
  }

  it('asks for each missing year once, and makes one invoice basis when both are registered', async () => {
    const fake = fakeCaseActivities({ references: { 'daily_amount:2022': 930_000 } });
    await ts.withWorker(fake.activities, async (taskQueue) => {
      // The notice on Thursday 28 December 2034 at 09:00, discharged on 2 January 2035: liable 31 Dec, 1 and 2 Jan.
      const { handle, task, discharged } = await dischargedCase(taskQueue, { admittedAt: '2034-12-20T08:00:00.000Z', readyAt: '2034-12-28T08:00:00.000Z', dischargedAt: '2035-01-02T09:00:00.000Z' });
      // The notice went out when the hospital declared the patient ready (the workflow's clock), not at its declaredAt.
      expect(discharged.readyNoticeAt).toMatch(/^2034-12-28T08:00:/);
      expect(discharged.readyForDischargeAt).toBe('2034-12-28T07:00:00.000Z');
      expect(discharged.discharge).toMatchObject({ paymentLiability: null, awaitingDailyAmounts: [2034, 2035] });
      expect(discharged.waitingFor).toMatchObject({ what: 'reference_data', description: 'daily amount 2034, daily amount 2035' });
      const registrations = fake.opened(KIND.registerDailyAmount);
      expect(registrations.map((t) => t.input.year)).toEqual([2034, 2035]);

      await answer(handle, registrations[0].taskId, hsfAdmin, { amountOre: 900_000 });
      expect((await handle.query(dischargeHandoverStateQuery)).discharge?.paymentLiability).toBeNull();
      await answer(handle, registrations[1].taskId, hsfAdmin, { amountOre: 950_000 });

      const invoice = await task(KIND.invoice);
      expect(fake.opened(KIND.registerDailyAmount)).toHaveLength(2); // never asked twice
      expect(fake.opened(KIND.invoice)).toHaveLength(1); // one basis, not one per registration
      expect(fake.opened(KIND.invoice)[0].input.basis).toMatchObject({
        noticeAt: discharged.readyNoticeAt,
        liabilityStartDate: '2034-12-31',
        liableDays: 3,
        lines: [
          { year: 2034, days: 1, dailyAmountOre: 900_000, amountOre: 900_000 },
          { year: 2035, days: 2, dailyAmountOre: 950_000, amountOre: 1_900_000 },
        ],
        totalOre: 2_800_000,
      });
      expect(fake.events().filter((e) => e.type === 'daily_amount_registered').map((e) => e.detail)).toEqual([
        { year: 2034, amountOre: 900_000 },
        { year: 2035, amountOre: 950_000 },
      ]);
      await answer(handle, invoice.taskId, finance, { invoiceReference: 'F-2035-0001' });
      expect(await handle.result()).toMatchObject({ status: 'discharged', openTasks: [], discharge: { invoice: { invoiceReference: 'F-2035-0001' } } });
      await recordHistory(handle, 'discharge-v5-runtime-notice-clock-two-years-invoiced');
    });
  });

  it('goes on when the amount is registered through the API: its registration task closes and the basis opens', async () => {
    const fake = fakeCaseActivities();
    await ts.withWorker(fake.activities, async (taskQueue) => {
      // The notice on Monday 5 March 2035 at 09:00, discharged on Monday 12 March: liable 8 to 12 March.
      const { handle, task } = await dischargedCase(taskQueue, { admittedAt: '2035-02-26T08:00:00.000Z', readyAt: '2035-03-05T08:00:00.000Z', dischargedAt: '2035-03-12T09:00:00.000Z' });
      const registration = await task(KIND.registerDailyAmount);
      fake.references['daily_amount:2035'] = 960_000; // what the API registered
      await handle.signal(referenceRegisteredSignal, 'daily_amount:2035');
      await task(KIND.invoice);
      expect(fake.cancelled()).toContainEqual({ taskId: registration.taskId, reason: 'registered through the API' });
      expect((await handle.query(dischargeHandoverStateQuery)).discharge?.paymentLiability).toMatchObject({ liableDays: 5, totalOre: 4_800_000 });
      await finish(handle);
    });
  });
});
