/**
 * Seed 001 (HSN 2020-1821): "Överenskommelsen innebär även att SLSO ska delta i delregional samverkan". The
 * onboarding step for the sub-regional cooperation is SLSO's task, not the vårdcentral's. (Areas onboarded before
 * keep their task with the vårdcentral: the recorded histories in test/fixtures replay that way.)
 */
import { randomUUID } from 'node:crypto';
import { AREA_TASK_KINDS, areaStateQuery, designateCoordinatorUpdate } from '../../libs/contracts/src/coordination-area.contract';
import { coordinationAreaV2 } from '../../workflows/coordination-area/coordination-area.workflow';
import { fakeCaseActivities } from './support/case-activities';
import { answer, finish, openTask, refusalOf } from './support/cases';
import { useTimeSkipping } from './support/time-skipping';

const DAY = 86_400_000;
const hsn = { actor: 'helena.hsn', organisationCode: 'HSN' };
const vc = { actor: 'vera.vc', organisationCode: 'VC-EKERO' };
const slso = { actor: 'stina', organisationCode: 'SLSO' };

describe('the sub-regional cooperation (delregional samverkan) in an area’s onboarding', () => {
  const ts = useTimeSkipping();

  it('is SLSO’s task (seed 001): the vårdcentral cannot answer it, SLSO can', async () => {
    const fake = fakeCaseActivities();
    await ts.withWorker(fake.activities, async (taskQueue) => {
      const handle = await ts.env.client.workflow.start(coordinationAreaV2, {
        taskQueue,
        workflowId: `area-${randomUUID()}`,
        args: [{ caseId: randomUUID(), areaCode: '0125', areaName: 'Ekerö', policy: { acceptDueMs: 14 * DAY, onboardingDueMs: 30 * DAY, escalationDueMs: 7 * DAY, followUpIntervalMs: 365 * DAY } }],
      });
      // HSN 2020-0222: coordinating vårdcentraler from 1 February 2021.
      await handle.executeUpdate(designateCoordinatorUpdate, { args: [{ vardcentralCode: 'VC-EKERO', startDate: '2021-02-01', by: hsn }] });
      await answer(handle, (await openTask(handle, areaStateQuery, AREA_TASK_KINDS.accept)).taskId, vc, { accept: true });
      const task = await openTask(handle, areaStateQuery, AREA_TASK_KINDS.joinSubregional);
      expect(task.assignedOrg).toBe('SLSO');
      expect(fake.opened(AREA_TASK_KINDS.joinSubregional)).toEqual([expect.objectContaining({ assignedOrg: 'SLSO', requiredRole: 'case_handler', input: expect.objectContaining({ vardcentralCode: 'VC-EKERO' }) })]);
      expect((await refusalOf(answer(handle, task.taskId, vc, { joinedOn: '2021-03-02' }))).refused).toBe('not_found');
      await answer(handle, task.taskId, slso, { joinedOn: '2021-03-02' });
      expect((await handle.query(areaStateQuery)).current?.onboarding.joinedSubregionalOn).toBe('2021-03-02');
      await finish(handle);
    });
  });
});
