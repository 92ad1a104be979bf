/**
 * A region's request for national reinforcement (seed 003): Socialstyrelsen allocates from the national pool in
 * full, in part or not at all, with a reason; the allocation is booked against the pool with that step (refused,
 * and the task left open, when the pool has less).
 */
import { object, text } from '../../libs/contracts/src/answer-schema';
import { REINFORCEMENT_CASE_TYPE, ReinforcementInput, reinforcementOpenedUpdate, reinforcementStateQuery, TRANSFER_TASK_KINDS as KIND } from '../../libs/contracts/src/transfer.contract';
import * as rules from '../../libs/domain/src/transfers/reinforcement.rules';
import { COORDINATOR_ORG } from '../../libs/domain/src/transfers/transfer.rules';
import { CaseRuntime } from '../shared/case-runtime';

export async function reinforcementRequest(input: ReinforcementInput): Promise<rules.Reinforcement> {
  const rt = new CaseRuntime<rules.Reinforcement>({
    caseType: REINFORCEMENT_CASE_TYPE,
    caseId: input.requestId,
    initial: rules.openReinforcement(input.requestId, input, new Date().toISOString()),
    carried: input.carried,
    continueWith: (carried) => ({ ...input, carried }),
    status: (s) => s.status,
    parties: (s) => [s.region, COORDINATOR_ORG],
    summary: (s) => ({ region: s.region, category: s.category, quantity: s.quantity, allocated: s.allocated ?? null }),
    ended: (s) => s.status !== 'requested',
  });
  rt.tasks({
    [KIND.allocate]: () => ({
      assignedOrg: COORDINATOR_ORG,
      requiredRole: 'coordinator',
      dueInMs: input.allocateDueMs,
      input: { requestId: input.requestId, region: input.region, category: input.category, quantity: input.quantity },
      answerSchema: object({ allocated: { type: 'integer', minimum: 0, maximum: rules.MAX_QUANTITY }, reason: text(1000) }, ['allocated', 'reason']),
      decide: (s, d: { allocated: number; reason: string }, by, now) => rules.allocate(s, d, by, now),
      result: (s) => ({ status: s.status, allocated: s.allocated }),
    }),
  });
  rt.openedUpdate(reinforcementOpenedUpdate, input.auditedRequestId);
  rt.query(reinforcementStateQuery, (view) => view);
  return rt.run(() => {
    rt.record({ type: 'reinforcement_requested', by: input.by, detail: { category: input.category, quantity: input.quantity } });
    rt.auditRequest('reinforcement.request', input.by, input.auditedRequestId);
    rt.openTask(KIND.allocate, {});
  });
}
