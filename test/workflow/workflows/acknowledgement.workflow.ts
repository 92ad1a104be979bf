/** The README's example process on the shared case runtime: the receiver acknowledges, the sender confirms. */
import { defineQuery } from '@temporalio/workflow';
import { ACKNOWLEDGE } from '../../../libs/contracts/src/answer-schema';
import type { CaseCarry } from '../../../libs/contracts/src/case-runtime.contract';
import type { Actor } from '../../../libs/domain/src/case/case';
import { CaseRuntime, CaseView } from '../../../workflows/shared/case-runtime';
import { Acknowledgement, acknowledge, confirm, sendNotice } from './acknowledgement.rules';

export interface AcknowledgementInput {
  caseId: string;
  sender: string;
  receiver: string;
  openedBy: Actor;
  dueInMs: number;
  carried?: CaseCarry<Acknowledgement>;
}
export const acknowledgementQuery = defineQuery<CaseView<Acknowledgement>>('acknowledgement');

export async function acknowledgementWorkflow(input: AcknowledgementInput): Promise<CaseView<Acknowledgement>> {
  const opening = sendNotice(input.caseId, input.sender, input.receiver, input.openedBy);
  const rt = new CaseRuntime<Acknowledgement>({
    caseType: 'example_acknowledgement',
    caseId: input.caseId,
    initial: opening.state,
    carried: input.carried,
    continueWith: (carried) => ({ ...input, carried }),
    status: (s) => s.status,
    parties: (s) => [s.sender, s.receiver],
    summary: (s) => ({ sender: s.sender, receiver: s.receiver }),
    ended: (s) => s.status === 'confirmed',
    // Late: the organisation's coordinator is asked to see to it.
    escalation: { kind: 'example.escalation', dueInMs: input.dueInMs, to: (t, level) => (level === 1 ? { org: t.assignedOrg, role: 'coordinator' } : null) },
  });
  const task = (assignedOrg: string) => ({ assignedOrg, requiredRole: 'case_handler', dueInMs: input.dueInMs, answerSchema: ACKNOWLEDGE, escalate: true });
  rt.tasks({
    'example.acknowledge': () => ({ ...task(input.receiver), input: { from: input.sender }, decide: acknowledge, then: () => rt.openTask('example.confirm', {}) }),
    'example.confirm': () => ({ ...task(input.sender), input: { acknowledged: rt.state.acknowledged }, decide: (s, _d, by) => confirm(s, by) }),
  });
  rt.query(acknowledgementQuery, (view) => view);
  return rt.run(() => {
    rt.apply(opening);
    rt.openTask('example.acknowledge', {});
  });
}
