/**
 * National reinforcement resources (seed 003: "stärka hälso- och sjukvårdens kapacitet … genom nationella
 * förstärkningsresurser"): a region asks for staff or equipment by category and quantity; Socialstyrelsen allocates
 * from the national pool in full, in part or not at all, with a reason. The allocation is booked against the pool
 * with the step, never below zero.
 */
import { Actor, actionOf, Decision, outcome, PartyAction, refuse, Refusal } from '../case/case';
import { COORDINATOR_ORG } from './transfer.rules';

/** The pool's categories. Named policy (our assumption: seed 003 names none). */
export const REINFORCEMENT_CATEGORIES = ['icu_nurses', 'physicians', 'assistant_nurses', 'ventilators', 'patient_monitors', 'protective_equipment'] as const;
export type ReinforcementCategory = (typeof REINFORCEMENT_CATEGORIES)[number];
export const MAX_QUANTITY = 10_000;

export interface Reinforcement {
  requestId: string;
  region: string;
  category: ReinforcementCategory;
  quantity: number;
  requested: PartyAction;
  status: 'requested' | 'allocated' | 'declined';
  allocated?: number;
  decision?: PartyAction & { reason: string };
}

export function reinforcementProblem(r: { region: string; category: string; quantity: number }, regions: readonly string[]): Refusal | null {
  if (!regions.includes(r.region)) return refuse('invalid_input', 'only a region requests reinforcement', { field: 'region' });
  if (!(REINFORCEMENT_CATEGORIES as readonly string[]).includes(r.category)) return refuse('invalid_input', `category must be one of ${REINFORCEMENT_CATEGORIES.join(', ')}`, { field: 'category' });
  if (!Number.isInteger(r.quantity) || r.quantity < 1 || r.quantity > MAX_QUANTITY) return refuse('invalid_input', `quantity must be a whole number from 1 to ${MAX_QUANTITY}`, { field: 'quantity' });
  return null;
}

export function openReinforcement(requestId: string, r: { region: string; category: ReinforcementCategory; quantity: number; by: Actor }, now: string): Reinforcement {
  return { requestId, region: r.region, category: r.category, quantity: r.quantity, requested: actionOf(r.by, now), status: 'requested' };
}

/** Socialstyrelsen's allocation: 0 (not at all) to the quantity asked (in full), always with a reason. */
export function allocate(s: Reinforcement, d: { allocated: number; reason: string }, by: Actor, now: string): Decision<Reinforcement> {
  if (s.status !== 'requested') return refuse('conflict', `the request is already ${s.status}`);
  if (by.organisationCode !== COORDINATOR_ORG) return refuse('forbidden', 'Socialstyrelsen allocates from the national pool');
  if (d.allocated > s.quantity) return refuse('invalid_input', `decision.allocated must not be more than the ${s.quantity} asked for`, { field: 'decision.allocated' });
  const status = d.allocated > 0 ? 'allocated' : 'declined';
  return outcome({ ...s, status, allocated: d.allocated, decision: { ...actionOf(by, now), reason: d.reason } }, status === 'allocated' ? 'reinforcement_allocated' : 'reinforcement_declined', by, { allocated: d.allocated, requested: s.quantity }, [
    { type: 'reinforcement.allocate', requestId: s.requestId, region: s.region, category: s.category, requested: s.quantity, allocated: d.allocated, reason: d.reason, by },
  ]);
}
