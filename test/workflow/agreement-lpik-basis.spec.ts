/**
 * AGREEMENT_LPIK_BASIS in the support agreement's workflow: under `outcome-of-previous-year` the 2022 compensation
 * (HSN 2020-1821, seed 001: 3 266 000 kr for 2021) is raised by LPIK 2021, and 2023 waits for LPIK 2022, whose
 * registration task says which index and which year it raises.
 */
import { randomUUID } from 'node:crypto';
import { AGREEMENT_TASK_KINDS, agreementStateQuery, recordAgreementDecisionUpdate } from '../../libs/contracts/src/support-agreement.contract';
import { supportAgreementV2 } from '../../workflows/support-agreement/support-agreement.workflow';
import { fakeCaseActivities } from './support/case-activities';
import { answer, finish, openTask } from './support/cases';
import { useTimeSkipping } from './support/time-skipping';

const DAY = 86_400_000;
const finance = { actor: 'fia.hsf-fin', organisationCode: 'HSF-FIN' };
const hsn = { actor: 'helena.hsn', organisationCode: 'HSN' };

describe('the support agreement under AGREEMENT_LPIK_BASIS', () => {
  const ts = useTimeSkipping();

  it('outcome-of-previous-year: 2022 is raised by LPIK 2021 (2.6 %: 3 325 441 kr); 2023 waits for LPIK 2022', async () => {
    const fake = fakeCaseActivities({ references: { 'lpik:2021': 260 } });
    await ts.withWorker(fake.activities, async (taskQueue) => {
      const mandate = { id: randomUUID(), reference: 'HSN 2020-1821', payerOrg: 'HSF', payeeOrg: 'SLSO' };
      const handle = await ts.env.client.workflow.start(supportAgreementV2, {
        taskQueue,
        workflowId: `agreement-${mandate.id}`,
        args: [{ mandate, policy: { instalmentPlan: 'yearly', noticePeriodDays: 180, paymentDueMs: 30 * DAY, lpikDueMs: 30 * DAY, lpikBasis: 'outcome-of-previous-year' } }],
      });
      await handle.executeUpdate(recordAgreementDecisionUpdate, { args: [{ organisationCode: 'SLSO', decidedOn: '2021-02-10', reference: 'SLSO § 4', by: { actor: 'sven', organisationCode: 'SLSO' } }] });
      await handle.executeUpdate(recordAgreementDecisionUpdate, {
        args: [{ organisationCode: 'HSN', decidedOn: '2021-01-20', reference: 'HSN 2020-1821', by: hsn, signatory: { name: 'Björn Eriksson', role: 'director_of_health_care' } }],
      });
      for (const year of [2021, 2022]) {
        const payment = await openTask(handle, agreementStateQuery, AGREEMENT_TASK_KINDS.payment);
        await answer(handle, payment.taskId, finance, { paymentReference: `BET-${year}`, paidOn: `${year}-03-05` });
      }
      const registration = await openTask(handle, agreementStateQuery, AGREEMENT_TASK_KINDS.registerLpik);
      const view = await handle.query(agreementStateQuery);
      expect(view.years.map((y) => [y.year, y.amountKr, y.lpikHundredths, y.lpikYear])).toEqual([
        [2021, 3_266_000, null, undefined],
        [2022, 3_325_441, 260, 2021],
      ]);
      expect(view.waitingFor).toMatchObject({ what: 'reference_data', description: 'LPIK 2022' });
      expect(fake.opened(AGREEMENT_TASK_KINDS.registerLpik).find((t) => t.taskId === registration.taskId)?.input).toEqual({
        year: 2022,
        note: "LPIK excluding pharmaceuticals, SKR's outcome for 2022 (raises 2023), in hundredths of a percent: 2.6 % = 260",
      });
      await finish(handle);
    });
  });
});
