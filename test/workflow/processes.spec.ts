/**
 * The processes on the shared case runtime with real durations, on the time-skipping test server: a 30-day
 * review with its reminder and escalation, an area that continues as new and still follows up a year later,
 * and an agreement that has paid what is due and says which date it waits for.
 */
import { randomUUID } from 'node:crypto';
import { AREA_TASK_KINDS, AreaInput, areaOpenedUpdate, areaStateQuery, designateCoordinatorUpdate } from '../../libs/contracts/src/coordination-area.contract';
import { CLAIM_TASK_KINDS, ClaimInput, claimStateQuery, submitClaimUpdate } from '../../libs/contracts/src/reimbursement-claim.contract';
import { AGREEMENT_TASK_KINDS, agreementStateQuery, recordAgreementDecisionUpdate } from '../../libs/contracts/src/support-agreement.contract';
import { stockholmMidnight } from '../../libs/domain/src/time/stockholm-clock';
import { coordinationAreaV2 } from '../../workflows/coordination-area/coordination-area.workflow';
import { reimbursementClaimV2 } from '../../workflows/reimbursement-claim/reimbursement-claim.workflow';
import { supportAgreementV2 } from '../../workflows/support-agreement/support-agreement.workflow';
import { fakeCaseActivities } from './support/case-activities';
import { answer, finish, openTask, recordHistory, refusalOf } from './support/cases';
import { useTimeSkipping } from './support/time-skipping';

const DAY = 86_400_000;
const slso = { actor: 'sara.slso', organisationCode: 'SLSO' };
const approver = { actor: 'harald.hsf', organisationCode: 'HSF' };
const finance = { actor: 'fia.hsf-fin', organisationCode: 'HSF-FIN' };
const hsn = { actor: 'helena.hsn', organisationCode: 'HSN' };

describe('processes on the case runtime, with their real durations', () => {
  const ts = useTimeSkipping();

  it("reminds HSF 25 days into a 30-day review and escalates it on day 30; the answer closes both", async () => {
    const fake = fakeCaseActivities();
    const input: ClaimInput = {
      claimId: randomUUID(),
      mandate: { id: randomUUID(), reference: 'HDIR 20348', validFrom: '2020-11-02', validTo: '2021-01-31', payerOrg: 'HSF', payeeOrg: 'SLSO', ceilingOre: null },
      periodFrom: '2020-11-02',
      periodTo: '2020-11-30',
      lines: [{ lineNo: 1, date: '2020-11-10', category: 'staff', description: 'Samordning', amountOre: 4_200_000, documentRef: 'UND-1' }],
      openedBy: slso,
      policy: { reviewDueMs: 30 * DAY, reviewReminderBeforeMs: 5 * DAY, amendDueMs: 14 * DAY, paymentDueMs: 10 * DAY, escalationDueMs: 5 * DAY, secondApprovalThresholdOre: 50_000_000 },
    };
    const result = await ts.withWorker(fake.activities, async (taskQueue) => {
      const handle = await ts.env.client.workflow.start(reimbursementClaimV2, { taskQueue, workflowId: `claim-${input.claimId}`, args: [input] });
      await handle.executeUpdate(submitClaimUpdate, { args: [{ by: slso }] });
      const review = await openTask(handle, claimStateQuery, CLAIM_TASK_KINDS.review);
      expect(Date.parse(review.dueAt) - Date.parse(fake.opened(CLAIM_TASK_KINDS.review)[0].dueAt)).toBe(0);
      await ts.env.sleep(25 * DAY + 60_000);
      const reminder = await openTask(handle, claimStateQuery, CLAIM_TASK_KINDS.reminder);
      expect(reminder.dueAt).toBe(review.dueAt);
      await ts.env.sleep(5 * DAY);
      const escalation = await openTask(handle, claimStateQuery, CLAIM_TASK_KINDS.escalation);
      expect(fake.opened(CLAIM_TASK_KINDS.escalation)[0]).toMatchObject({ assignedOrg: 'HSF', requiredRole: 'coordinator', input: { claimId: input.claimId, overdueTaskId: review.taskId } });
      await answer(handle, review.taskId, approver, { decision: 'approve' }); // still answerable when late
      expect(fake.cancelled().map((c) => c.taskId).sort()).toEqual([reminder.taskId, escalation.taskId].sort());
      await answer(handle, (await openTask(handle, claimStateQuery, CLAIM_TASK_KINDS.payment)).taskId, finance, { paymentReference: 'BET-1', paidOn: '2021-02-01' });
      const done = await handle.result();
      await recordHistory(handle, 'claim-v2-runtime-reminded-escalated-paid');
      return done;
    });
    expect(result).toMatchObject({ status: 'paid', openTasks: [], payment: { amountOre: 4_200_000 } });
    expect(result.events.map((e) => e.type)).toEqual(['claim_opened', 'claim_submitted', 'review_reminder', 'review_overdue', 'claim_approved', 'claim_paid']);
    const payment = fake.steps.find((s) => s.completed?.kind === CLAIM_TASK_KINDS.payment);
    expect(payment?.effects).toEqual([expect.objectContaining({ type: 'ledger.book', action: 'ledger.book_payment', bookings: [expect.objectContaining({ kind: 'paid', amountOre: 4_200_000 })] })]);
  });

  it('an area continues as new when its history grows, and SLSO still follows it up a year later', async () => {
    const fake = fakeCaseActivities();
    const areaCode = '0125';
    await ts.withWorker(fake.activities, async (taskQueue) => {
      const workflowId = `area-${randomUUID()}`;
      const handle = await ts.env.client.workflow.start(coordinationAreaV2, {
        taskQueue,
        workflowId,
        args: [{ caseId: randomUUID(), areaCode, areaName: 'Ekerö', policy: { acceptDueMs: 14 * DAY, onboardingDueMs: 30 * DAY, escalationDueMs: 7 * DAY, followUpIntervalMs: 365 * DAY, maxHistoryLength: 30 } }],
      });
      const firstRun = (await handle.describe()).runId;
      await handle.executeUpdate(designateCoordinatorUpdate, { args: [{ vardcentralCode: 'VC-EKERO', startDate: '2021-02-01', by: hsn }] });
      const latest = () => ts.env.client.workflow.getHandle(workflowId);
      const task = async (kind: string) => (await openTask(latest(), areaStateQuery, kind)).taskId;
      const vc = { actor: 'vera.vc', organisationCode: 'VC-EKERO' };
      await answer(latest(), await task(AREA_TASK_KINDS.accept), vc, { accept: true });
      await answer(latest(), await task(AREA_TASK_KINDS.assignSupport), { actor: 'stina', organisationCode: 'SLSO' }, { contactName: 'Stina', guidancePlan: 'Plan' });
      await answer(latest(), await task(AREA_TASK_KINDS.nameCoordinator), vc, { name: 'Kim' });
      await answer(latest(), await task(AREA_TASK_KINDS.confirmContact), vc, { municipalContactName: 'Maja' });
      await answer(latest(), await task(AREA_TASK_KINDS.municipalityConfirms), { actor: 'mats', organisationCode: areaCode }, { confirmed: true });
      await answer(latest(), await task(AREA_TASK_KINDS.firstMeeting), vc, { heldOn: '2021-03-01' });
      await answer(latest(), await task(AREA_TASK_KINDS.joinSubregional), { actor: 'stina', organisationCode: 'SLSO' }, { joinedOn: '2021-03-02' });
      expect((await latest().query(areaStateQuery)).status).toBe('active');
      // Its history passed 30 events: a new run carries the case, with its follow-up timer.
      for (let i = 0; i < 50 && (await latest().describe()).runId === firstRun; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await latest().describe()).runId).not.toBe(firstRun);
      expect((await latest().query(areaStateQuery)).waitingFor).toMatchObject({ what: 'date', description: "SLSO's yearly follow-up of VC-EKERO" });
      await ts.env.sleep(366 * DAY);
      await answer(latest(), await task(AREA_TASK_KINDS.followUp), { actor: 'stina', organisationCode: 'SLSO' }, { acknowledged: true, note: 'Fungerar' });
      const view = await latest().query(areaStateQuery);
      expect(view.events.map((e) => e.type)).toEqual(expect.arrayContaining(['area_active', 'annual_follow_up_due', 'annual_follow_up_done']));
      expect(view.version).toBe(fake.last().projection.version); // one version line across both runs
      await recordHistory(ts.env.client.workflow.getHandle(workflowId, firstRun), 'area-v2-runtime-onboarded-continued-as-new');
      await finish(latest());
      await recordHistory(latest(), 'area-v2-runtime-second-run-followed-up');
    });
  });

  it("Norra innerstaden: Norrmalm and Östermalm had different vårdcentraler, so HSN designates; with declines not allowed, the designated one can only accept", async () => {
    const fake = fakeCaseActivities();
    await ts.withWorker(fake.activities, async (taskQueue) => {
      const input: AreaInput = {
        caseId: randomUUID(),
        areaCode: '0180-NORRA-INNERSTADEN',
        areaName: 'Norra innerstaden stadsdelsförvaltning',
        policy: { acceptDueMs: 14 * DAY, onboardingDueMs: 30 * DAY, escalationDueMs: 7 * DAY, followUpIntervalMs: 365 * DAY, declineAllowed: false },
        succession: {
          kind: 'designate',
          from: '2023-07-01',
          reason: 'different_vardcentraler',
          predecessors: [
            { areaCode: '0180-NORRMALM', vardcentralCode: 'VC-NORRMALM' },
            { areaCode: '0180-OSTERMALM', vardcentralCode: 'VC-OSTERMALM' },
          ],
          by: hsn,
        },
      };
      const handle = await ts.env.client.workflow.start(coordinationAreaV2, { taskQueue, workflowId: `area-${randomUUID()}`, args: [input] });
      const opened = await handle.executeUpdate(areaOpenedUpdate);
      expect(opened).toMatchObject({ status: 'none', history: [] });
      expect(opened.events.map((e) => e.type)).toEqual(['area_opened', 'successor_designation_needed']);
      const designation = await openTask(handle, areaStateQuery, AREA_TASK_KINDS.designateSuccessor);
      expect(fake.opened(AREA_TASK_KINDS.designateSuccessor)[0]).toMatchObject({ assignedOrg: 'HSN', requiredRole: 'approver', input: { reason: 'different_vardcentraler' } });
      // Never before the new area's first day: the same validity rule as the API's designation.
      expect(await refusalOf(answer(handle, designation.taskId, hsn, { vardcentralCode: 'VC-OSTERMALM', startDate: '2023-06-30' }))).toMatchObject({ refused: 'invalid_input', field: 'startDate' });
      await answer(handle, designation.taskId, hsn, { vardcentralCode: 'VC-OSTERMALM', startDate: '2023-07-01' });
      const accept = await openTask(handle, areaStateQuery, AREA_TASK_KINDS.accept);
      expect(fake.opened(AREA_TASK_KINDS.accept)[0].input).toMatchObject({ declineAllowed: false });
      const vc = { actor: 'olle.vc', organisationCode: 'VC-OSTERMALM' };
      expect(await refusalOf(answer(handle, accept.taskId, vc, { accept: false, reason: 'Saknar kapacitet' }))).toMatchObject({ refused: 'invalid_decision' });
      await answer(handle, accept.taskId, vc, { accept: true });
      expect(await handle.query(areaStateQuery)).toMatchObject({ status: 'onboarding', current: { vardcentralCode: 'VC-OSTERMALM', startDate: '2023-07-01' } });
      await finish(handle);
    });
  });

  it('an agreement that has paid every year due waits for the next 1 January, and says so', async () => {
    const lpik: Record<string, number> = {};
    for (let year = 2022; year <= 2200; year++) lpik[`lpik:${year}`] = 200;
    const fake = fakeCaseActivities({ references: lpik });
    await ts.withWorker(fake.activities, async (taskQueue) => {
      const mandate = { id: randomUUID(), reference: 'HSN 2020-1821', payerOrg: 'HSF', payeeOrg: 'SLSO' };
      const handle = await ts.env.client.workflow.start(supportAgreementV2, {
        taskQueue,
        workflowId: `agreement-${mandate.id}`,
        args: [{ mandate, policy: { instalmentPlan: 'yearly', noticePeriodDays: 180, paymentDueMs: 30 * DAY, lpikDueMs: 30 * DAY } }],
      });
      await handle.executeUpdate(recordAgreementDecisionUpdate, { args: [{ organisationCode: 'SLSO', decidedOn: '2021-02-10', reference: 'SLSO § 4', by: { actor: 'sven', organisationCode: 'SLSO' } }] });
      await handle.executeUpdate(recordAgreementDecisionUpdate, {
        args: [{ organisationCode: 'HSN', decidedOn: '2021-01-20', reference: 'HSN 2020-1821', by: hsn, signatory: { name: 'Björn Eriksson', role: 'director_of_health_care' } }],
      });
      // Pay each year as it falls due, until the agreement waits for a date still to come (bounded).
      const waitsForFuture = async (v: typeof view) => v.waitingFor.what === 'date' && Date.parse(v.waitingFor.until as string) > (await ts.env.currentTimeMs());
      let view = await handle.query(agreementStateQuery);
      for (let i = 0; i < 400 && !(await waitsForFuture(view)); i++) {
        const payment = view.openTasks.find((t) => t.kind === AGREEMENT_TASK_KINDS.payment);
        if (payment) await answer(handle, payment.taskId, finance, { paymentReference: `BET-${i}`, paidOn: '2021-03-05' });
        else await new Promise((r) => setTimeout(r, 20));
        view = await handle.query(agreementStateQuery);
      }
      const next = view.years[view.years.length - 1].year + 1;
      expect(view.waitingFor).toEqual({ what: 'date', description: `the ${next} compensation year begins`, until: new Date(stockholmMidnight(`${next}-01-01`)).toISOString() });
      expect(Date.parse(view.waitingFor.until as string)).toBeGreaterThan(await ts.env.currentTimeMs());
      expect(view.years.map((y) => y.year)).toEqual(Array.from({ length: next - 2021 }, (_, i) => 2021 + i));
      expect(view.years.every((y) => y.payments.every((p) => p.paymentReference))).toBe(true);
      await finish(handle);
      await recordHistory(handle, 'agreement-v2-runtime-paid-through-waiting');
    });
  });
});
