/**
 * The README's example process: a two-step acknowledgement between two organisations. The sender's notice is
 * acknowledged by the receiver, and the sender confirms that it has seen the acknowledgement. Pure rules.
 */
import { Actor, actionOf, Decision, outcome, Outcome, PartyAction, refuse } from '../../../libs/domain/src/case/case';

export interface Acknowledgement {
  caseId: string;
  sender: string;
  receiver: string;
  status: 'sent' | 'acknowledged' | 'confirmed';
  acknowledged?: PartyAction & { comment?: string };
}

export const sendNotice = (caseId: string, sender: string, receiver: string, by: Actor): Outcome<Acknowledgement> =>
  outcome({ caseId, sender, receiver, status: 'sent' }, 'notice_sent', by, { receiver });

export function acknowledge(s: Acknowledgement, d: { acknowledged: true; comment?: string }, by: Actor, now: string): Decision<Acknowledgement> {
  if (s.status !== 'sent') return refuse('conflict', `the notice is already ${s.status}`);
  return outcome({ ...s, status: 'acknowledged', acknowledged: { ...actionOf(by, now), ...(d.comment ? { comment: d.comment } : {}) } }, 'notice_acknowledged', by);
}

export function confirm(s: Acknowledgement, by: Actor): Decision<Acknowledgement> {
  if (s.status !== 'acknowledged') return refuse('conflict', 'nothing to confirm before the acknowledgement');
  return outcome({ ...s, status: 'confirmed' }, 'acknowledgement_confirmed', by);
}
