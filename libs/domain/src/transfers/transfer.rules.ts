/**
 * The rules of an inter-regional transfer: pure functions from the request's state and a command to its next state,
 * called by the transfer's workflow and (the request's checks) by the API.
 */
import { Actor, actionOf, Decision, outcome, refuse, Refusal, SYSTEM } from '../case/case';
import type { CaseEffect } from '../case/effects';
import { looksLikePersonnummer } from '../personnummer';
import { textProblem } from '../text';
import { Beds, CancelReason, Candidate, CARE_LEVELS, INFECTION_STATUSES, Transfer, TransferPatient, TransferRequest } from './transfer.types';

/** Socialstyrelsen runs the coordination function (seed 003). */
export const COORDINATOR_ORG = 'SOCIALSTYRELSEN';
export const MAX_PATIENTS = 20;

export const bedsOf = (patients: TransferPatient[]): Beds => {
  const beds: Beds = { icu_ventilator: 0, icu: 0, inpatient: 0 };
  for (const p of patients) beds[p.careLevel] += 1;
  return beds;
};

/** The first problem with a request (the API's 400, naming the field), or null. */
export function requestProblem(r: Omit<TransferRequest, 'by'>, regions: readonly string[]): Refusal | null {
  const bad = (field: string, message: string) => refuse('invalid_input', message, { field });
  if (!regions.includes(r.sendingRegion)) return bad('sendingRegion', 'the request must come from a region');
  if (!Array.isArray(r.patients) || r.patients.length < 1 || r.patients.length > MAX_PATIENTS) return bad('patients', `a request has 1 to ${MAX_PATIENTS} patients`);
  const seen = new Set<string>();
  for (const [i, p] of r.patients.entries()) {
    const problem = textProblem(p.reference, { kind: 'plain', max: 40, min: 1 });
    if (problem) return bad(`patients[${i}].reference`, `patients[${i}].reference ${problem}`);
    if (looksLikePersonnummer(p.reference)) return bad(`patients[${i}].reference`, `patients[${i}].reference must be the region's own reference, never a personnummer`);
    if (seen.has(p.reference)) return bad(`patients[${i}].reference`, `patients[${i}].reference is given twice`);
    seen.add(p.reference);
    if (!CARE_LEVELS.includes(p.careLevel)) return bad(`patients[${i}].careLevel`, `patients[${i}].careLevel must be one of ${CARE_LEVELS.join(', ')}`);
    if (!INFECTION_STATUSES.includes(p.infection)) return bad(`patients[${i}].infection`, `patients[${i}].infection must be one of ${INFECTION_STATUSES.join(', ')}`);
  }
  return null;
}

export function openTransfer(requestId: string, r: TransferRequest, now: string): Transfer {
  return {
    requestId,
    sendingRegion: r.sendingRegion,
    patients: r.patients,
    earliestDeparture: r.earliestDeparture,
    requested: actionOf(r.by, now),
    status: 'matching',
    round: 1,
    proposal: [],
    offers: [],
    offeredRegions: [],
    receivingRegion: null,
  };
}

/**
 * The proposal: every other region, those of the sending region's healthcare region first (distance class), then
 * those whose declared free beds fit the request, then by free beds of the needed levels, then by the latest
 * picture's free intensive-care beds, then by code.
 */
export function rankCandidates(candidates: Candidate[], needed: Beds): Candidate[] {
  const freeOfNeeded = (c: Candidate) => CARE_LEVELS.reduce((n, l) => n + (needed[l] > 0 ? c.free[l] : 0), 0);
  return [...candidates].sort(
    (a, b) =>
      Number(b.sameHealthcareRegion) - Number(a.sameHealthcareRegion) ||
      Number(b.fits) - Number(a.fits) ||
      freeOfNeeded(b) - freeOfNeeded(a) ||
      (b.pictureIcuFree ?? -1) - (a.pictureIcuFree ?? -1) ||
      a.region.localeCompare(b.region),
  );
}

/** Socialstyrelsen approves the proposal, reordered or shortened as it sees fit. */
export function approveProposal(s: Transfer, order: string[], regions: readonly string[], by: Actor, now: string): Decision<Transfer> {
  if (s.status !== 'matching') return refuse('conflict', `the request is ${s.status}`);
  if (by.organisationCode !== COORDINATOR_ORG) return refuse('forbidden', 'Socialstyrelsen approves the proposal');
  if (order.length === 0) return refuse('invalid_decision', 'decision.order must name at least one region');
  for (const [i, r] of order.entries()) {
    if (!regions.includes(r) || r === s.sendingRegion) return refuse('invalid_input', `decision.order[${i}] must be a region other than the sending region`, { field: `decision.order[${i}]` });
  }
  if (new Set(order).size !== order.length) return refuse('invalid_input', 'decision.order names a region twice', { field: 'decision.order' });
  return outcome({ ...s, status: 'offering', proposal: order, offers: [] }, 'proposal_approved', by, { round: s.round, order, at: now });
}

/** The regions to offer now: the next ones in the proposal, up to `atOnce` open offers. */
export function nextRegions(s: Transfer, atOnce: number): string[] {
  if (s.status !== 'offering') return [];
  const offered = new Set(s.offers.map((o) => o.region));
  const open = s.offers.filter((o) => o.status === 'open').length;
  return s.proposal.filter((r) => !offered.has(r)).slice(0, Math.max(0, atOnce - open));
}

export function openOffers(s: Transfer, regions: string[], now: string, dueAt: string): Decision<Transfer> {
  if (regions.length === 0) return { state: s, events: [] };
  return {
    state: {
      ...s,
      offers: [...s.offers, ...regions.map((region) => ({ region, status: 'open' as const, openedAt: now, dueAt }))],
      offeredRegions: [...new Set([...s.offeredRegions, ...regions])],
    },
    events: regions.map((region) => ({ type: 'offer_sent', by: SYSTEM, detail: { region, round: s.round, dueAt } })),
  };
}

const openOffer = (s: Transfer, region: string) => s.offers.find((o) => o.region === region && o.status === 'open');

/**
 * The first acceptance wins: the beds are reserved with the step (under PostgreSQL's constraint: a region's last
 * bed goes to one request only), and every other open offer is withdrawn.
 */
export function acceptOffer(s: Transfer, region: string, by: Actor, now: string): Decision<Transfer> {
  if (s.status !== 'offering' || !openOffer(s, region)) return refuse('conflict', 'the offer is no longer open');
  if (by.organisationCode !== region) return refuse('forbidden', 'only the region offered accepts');
  const offers = s.offers.map((o) =>
    o.region === region && o.status === 'open' ? { ...o, status: 'accepted' as const, closedAt: now } : o.status === 'open' ? { ...o, status: 'withdrawn' as const, closedAt: now, reason: `${region} accepted` } : o,
  );
  const effects: CaseEffect[] = [{ type: 'transfer.reserve', requestId: s.requestId, region, round: s.round, beds: bedsOf(s.patients) }];
  const withdrawn = offers.filter((o) => o.status === 'withdrawn' && s.offers.find((x) => x.region === o.region)?.status === 'open').map((o) => o.region);
  return {
    state: { ...s, status: 'transport', offers, receivingRegion: region, accepted: actionOf(by, now) },
    events: [{ type: 'offer_accepted', by, detail: { region, round: s.round } }, ...withdrawn.map((r) => ({ type: 'offer_withdrawn', by: SYSTEM, detail: { region: r, round: s.round } }))],
    effects,
  };
}

/** A declined or expired offer: the next region gets one (the workflow asks nextRegions). */
export function closeOffer(s: Transfer, region: string, how: 'declined' | 'expired', by: Actor | typeof SYSTEM, now: string, reason?: string): Decision<Transfer> {
  if (s.status !== 'offering' || !openOffer(s, region)) return refuse('conflict', 'the offer is no longer open');
  if (how === 'declined' && by.organisationCode !== region) return refuse('forbidden', 'only the region offered declines');
  const offers = s.offers.map((o) => (o.region === region && o.status === 'open' ? { ...o, status: how, closedAt: now, ...(reason ? { reason } : {}) } : o));
  return outcome({ ...s, offers }, how === 'declined' ? 'offer_declined' : 'offer_expired', by, { region, round: s.round, ...(reason ? { reason } : {}) });
}

/** No open offer and nobody left in the proposal: the request goes to Socialstyrelsen's duty officer. */
export function exhausted(s: Transfer): boolean {
  return s.status === 'offering' && !s.offers.some((o) => o.status === 'open') && nextRegions(s, 1).length === 0;
}

export function escalate(s: Transfer): Decision<Transfer> {
  return outcome({ ...s, status: 'escalated' }, 'offers_exhausted', SYSTEM, { round: s.round, offered: s.offers.map((o) => o.region) });
}

/** Back to matching: a new round (the duty officer's choice, or after a failed transport). */
function rematch(s: Transfer, by: Actor, type: string, reason: string): Decision<Transfer> {
  return outcome({ ...s, status: 'matching', round: s.round + 1, proposal: [], offers: [], receivingRegion: null }, type, by, { reason, round: s.round + 1 });
}

function close(s: Transfer, by: Actor, reason: string, now: string, status: 'closed' | 'cancelled' = 'closed', effects: CaseEffect[] = []): Decision<Transfer> {
  return outcome({ ...s, status, closed: { ...actionOf(by, now), reason } }, status === 'cancelled' ? 'request_cancelled' : 'request_closed', by, { reason }, effects);
}

const release = (s: Transfer): CaseEffect[] => (s.receivingRegion ? [{ type: 'transfer.release', requestId: s.requestId, region: s.receivingRegion, round: s.round }] : []);

/** The duty officer's decision on an exhausted request: match again, or close it with a reason. */
export function dutyOfficerDecision(s: Transfer, d: { decision: 'rematch' | 'close'; reason: string }, by: Actor, now: string): Decision<Transfer> {
  if (s.status !== 'escalated') return refuse('conflict', `the request is ${s.status}`);
  return d.decision === 'rematch' ? rematch(s, by, 'rematch_ordered', d.reason) : close(s, by, d.reason, now);
}

/**
 * The sending region's transport: arranged, or not (cancelled, or the patient cannot travel): then the bed is
 * released and the request goes back to matching or is closed, as the region says.
 */
export function transportOutcome(
  s: Transfer,
  d: { outcome: 'arranged' | 'cancelled' | 'cannot_travel'; next?: 'rematch' | 'close'; reason?: string; plannedDepartureAt?: string },
  by: Actor,
  now: string,
  stage: 'transport' | 'departure',
): Decision<Transfer> {
  if (s.status !== 'transport') return refuse('conflict', `the request is ${s.status}`);
  if (d.outcome === 'arranged') {
    if (stage === 'departure') return refuse('invalid_input', 'decision.outcome at departure is departed, cancelled or cannot_travel', { field: 'decision.outcome' });
    return outcome(s, 'transport_arranged', by, { ...(d.plannedDepartureAt ? { plannedDepartureAt: d.plannedDepartureAt } : {}) });
  }
  if (!d.next) return refuse('invalid_input', 'decision.next is required when the transport does not go: rematch or close', { field: 'decision.next' });
  const reason = d.reason ?? (d.outcome === 'cancelled' ? 'the transport was cancelled' : 'the patient cannot travel');
  const released = { ...s, status: 'transport' as const };
  if (d.next === 'close') return close(released, by, reason, now, 'closed', release(s));
  const back = rematch(released, by, 'transport_failed', reason);
  return 'refused' in back ? back : { ...back, effects: release(s) };
}

export function depart(s: Transfer, departedAt: string, by: Actor): Decision<Transfer> {
  if (s.status !== 'transport') return refuse('conflict', `the request is ${s.status}`);
  return outcome({ ...s, status: 'departed', departedAt }, 'departed', by, { departedAt });
}

export function arrive(s: Transfer, arrivedAt: string, by: Actor): Decision<Transfer> {
  if (s.status !== 'departed') return refuse('conflict', `the request is ${s.status}`);
  if (Date.parse(arrivedAt) < Date.parse(s.departedAt as string)) return refuse('invalid_input', 'decision.arrivedAt must not be before the departure', { field: 'decision.arrivedAt' });
  return outcome({ ...s, status: 'arrived', arrivedAt }, 'arrived', by, { arrivedAt });
}

/** The receiving region admits the patients: the transfer is complete, and the reserved beds are occupied. */
export function admit(s: Transfer, admittedAt: string, by: Actor): Decision<Transfer> {
  if (s.status !== 'arrived') return refuse('conflict', `the request is ${s.status}`);
  if (Date.parse(admittedAt) < Date.parse(s.arrivedAt as string)) return refuse('invalid_input', 'decision.admittedAt must not be before the arrival', { field: 'decision.admittedAt' });
  return outcome({ ...s, status: 'admitted', admittedAt }, 'admitted', by, { admittedAt }, [
    { type: 'transfer.admit', requestId: s.requestId, region: s.receivingRegion as string, round: s.round },
  ]);
}

/** The patient died or recovered before departure: the request is cancelled and everything is released. */
export function cancel(s: Transfer, d: { reason: CancelReason; comment?: string; by: Actor }, now: string): Decision<Transfer> {
  if (d.by.organisationCode !== s.sendingRegion) return refuse('forbidden', 'only the sending region cancels its request');
  if (!['matching', 'offering', 'escalated', 'transport'].includes(s.status)) return refuse('conflict', `the request is ${s.status}: too late to cancel`);
  return close(s, d.by, d.comment ? `${d.reason}: ${d.comment}` : d.reason, now, 'cancelled', release(s));
}

export const ENDED: readonly string[] = ['admitted', 'cancelled', 'closed'];

/** The parties: the sending region, Socialstyrelsen, and every region that received an offer. */
export const transferParties = (s: Transfer): string[] => [s.sendingRegion, COORDINATOR_ORG, ...s.offeredRegions];

/** The list row: counts and codes only; patient references stay in the case. */
export function transferSummary(s: Transfer): Record<string, unknown> {
  return { sendingRegion: s.sendingRegion, receivingRegion: s.receivingRegion, patients: s.patients.length, beds: bedsOf(s.patients), round: s.round, earliestDeparture: s.earliestDeparture };
}
