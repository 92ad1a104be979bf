/**
 * An inter-regional patient transfer (seed 003), one workflow per request:
 *
 * 1. Socialstyrelsen's coordination function gets a proposal of receiving regions (same healthcare region first,
 *    then by free beds of the needed care levels) and approves it, reordered or shortened.
 * 2. Offers go to the regions in that order, `offersAtOnce` at a time, each with its deadline. The first acceptance
 *    reserves the beds (in PostgreSQL, under its constraint) and withdraws every other open offer in the same step.
 *    A declined or expired offer moves on; when the list runs out, Socialstyrelsen's duty officer decides.
 * 3. Transport (the sending region, or a national transport resource), departure, arrival, admission. A transport
 *    that does not go releases the beds and goes back to matching or closes; the sending region may cancel before
 *    departure (the patient died or recovered), and everything is released.
 *
 * Rules: libs/domain/src/transfers. Deadlines, tasks, projection: the shared runtime.
 */
import { AnswerSchema, object, text } from '../../libs/contracts/src/answer-schema';
import {
  cancelTransferUpdate,
  TRANSFER_CASE_TYPE,
  TRANSFER_TASK_KINDS as KIND,
  TransferInput,
  transferOpenedUpdate,
  transferStateQuery,
} from '../../libs/contracts/src/transfer.contract';
import { SYSTEM } from '../../libs/domain/src/case/case';
import * as rules from '../../libs/domain/src/transfers/transfer.rules';
import type { Transfer } from '../../libs/domain/src/transfers/transfer.types';
import { CaseRuntime, reads } from '../shared/case-runtime';

const INSTANT: AnswerSchema = { type: 'string', format: 'date-time' };
const NEXT: AnswerSchema = { type: 'string', enum: ['rematch', 'close'] };
const SCHEMAS = {
  matching: object({ order: { type: 'array', minItems: 1, maxItems: 21, uniqueItems: true, items: { type: 'string', minLength: 2, maxLength: 2 } } }, ['order']),
  offer: object({ decision: { type: 'string', enum: ['accept', 'decline'] }, reason: text(1000) }, ['decision']),
  dutyOfficer: object({ decision: NEXT, reason: text(1000) }, ['decision', 'reason']),
  transport: object({ outcome: { type: 'string', enum: ['arranged', 'cancelled', 'cannot_travel'] }, plannedDepartureAt: INSTANT, next: NEXT, reason: text(1000) }, ['outcome']),
  departure: object({ outcome: { type: 'string', enum: ['departed', 'cancelled', 'cannot_travel'] }, departedAt: INSTANT, next: NEXT, reason: text(1000) }, ['outcome']),
  arrival: object({ arrivedAt: INSTANT }, ['arrivedAt']),
  admission: object({ admittedAt: INSTANT }, ['admittedAt']),
};

type Outcome = { outcome: string; next?: 'rematch' | 'close'; reason?: string; plannedDepartureAt?: string; departedAt?: string };

export async function patientTransfer(input: TransferInput): Promise<Transfer> {
  const { policy, request } = input;
  const beds = rules.bedsOf(request.patients);
  const rt = new CaseRuntime<Transfer>({
    caseType: TRANSFER_CASE_TYPE,
    caseId: input.requestId,
    initial: rules.openTransfer(input.requestId, request, new Date().toISOString()),
    carried: input.carried,
    continueWith: (carried) => ({ ...input, carried }),
    status: (s) => s.status,
    parties: rules.transferParties,
    summary: rules.transferSummary,
    processProjections: (s, version) => [{ kind: 'transfer', transfer: { ...s, version } }],
    ended: (s) => rules.ENDED.includes(s.status),
  });
  /** What Socialstyrelsen and a receiving region see of the patients: care level and infection, not the reference. */
  const needs = () => request.patients.map((p) => ({ careLevel: p.careLevel, infection: p.infection }));
  const about = () => ({ requestId: input.requestId, sendingRegion: request.sendingRegion, earliestDeparture: request.earliestDeparture, patients: needs(), beds });
  const offerScope = (region: string) => `offer:${rt.state.round}:${region}`;

  const openMatching = async () => {
    const proposal = rules.rankCandidates(await reads.transferCandidates({ sendingRegion: request.sendingRegion, beds }), beds);
    rt.openTask(KIND.matching, { proposal, round: rt.state.round });
  };
  /** The next offers, or the duty officer when nobody is left. */
  const sendOffers = () => {
    const regions = rules.nextRegions(rt.state, policy.offersAtOnce);
    const dueAt = new Date(Date.now() + policy.offerDueMs).toISOString();
    rt.apply(rules.openOffers(rt.state, regions, rt.now(), dueAt));
    for (const region of regions) {
      rt.openTask(KIND.offer, { region, dueAt, round: rt.state.round });
      rt.schedule('offer_expires', dueAt, { region, round: rt.state.round }, offerScope(region));
    }
    if (rules.exhausted(rt.state)) {
      rt.apply(rules.escalate(rt.state));
      rt.openTask(KIND.dutyOfficer, { round: rt.state.round });
    }
  };
  const afterTransport = async (d: Outcome, next: () => void) => {
    if (rt.state.status === 'matching') await openMatching();
    else if (d.outcome === 'arranged' || d.outcome === 'departed') next();
  };

  rt.tasks({
    [KIND.matching]: ({ proposal, round }: { proposal: unknown[]; round: number }) => ({
      assignedOrg: rules.COORDINATOR_ORG,
      requiredRole: 'coordinator',
      dueInMs: policy.matchingDueMs,
      input: { ...about(), round, proposal },
      answerSchema: SCHEMAS.matching,
      decide: (s, d: { order: string[] }, by, now) => rules.approveProposal(s, d.order, input.regions, by, now),
      then: sendOffers,
    }),
    [KIND.offer]: ({ region, dueAt, round }: { region: string; dueAt: string; round: number }) => ({
      assignedOrg: region,
      requiredRole: 'coordinator',
      dueAt,
      input: { ...about(), round, offerDueAt: dueAt },
      answerSchema: SCHEMAS.offer,
      scope: `offer:${round}:${region}`,
      decide: (s, d: { decision: 'accept' | 'decline'; reason?: string }, by, now) =>
        d.decision === 'accept' ? rules.acceptOffer(s, region, by, now) : rules.closeOffer(s, region, 'declined', by, now, d.reason),
      then: (d: { decision: 'accept' | 'decline' }) => {
        rt.cancelScope(`offer:${round}:${region}`, 'answered'); // its expiry timer
        if (d.decision === 'decline') return sendOffers();
        // The first acceptance withdraws every other open offer, in this same step.
        for (const o of rt.state.offers) if (o.status === 'withdrawn') rt.cancelScope(offerScope(o.region), `withdrawn: ${region} accepted`);
        rt.openTask(KIND.transport, {});
      },
    }),
    [KIND.dutyOfficer]: ({ round }: { round: number }) => ({
      assignedOrg: rules.COORDINATOR_ORG,
      requiredRole: 'coordinator',
      dueInMs: policy.matchingDueMs,
      input: { ...about(), round, offers: rt.state.offers },
      answerSchema: SCHEMAS.dutyOfficer,
      decide: (s, d: { decision: 'rematch' | 'close'; reason: string }, by, now) => rules.dutyOfficerDecision(s, d, by, now),
      then: async () => {
        if (rt.state.status === 'matching') await openMatching();
      },
    }),
    [KIND.transport]: () => ({
      assignedOrg: policy.transportOrg ?? request.sendingRegion,
      requiredRole: 'coordinator',
      dueInMs: policy.stepDueMs,
      input: { ...about(), receivingRegion: rt.state.receivingRegion },
      answerSchema: SCHEMAS.transport,
      decide: (s, d: Outcome, by, now) => rules.transportOutcome(s, d as never, by, now, 'transport'),
      then: (d: Outcome) => afterTransport(d, () => rt.openTask(KIND.departure, {})),
    }),
    [KIND.departure]: () => ({
      assignedOrg: request.sendingRegion,
      requiredRole: 'coordinator',
      dueInMs: policy.stepDueMs,
      input: { ...about(), receivingRegion: rt.state.receivingRegion, patients: request.patients },
      answerSchema: SCHEMAS.departure,
      decide: (s, d: Outcome, by, now) => (d.outcome === 'departed' ? rules.depart(s, d.departedAt ?? now, by) : rules.transportOutcome(s, d as never, by, now, 'departure')),
      then: (d: Outcome) => afterTransport(d, () => rt.openTask(KIND.arrival, {})),
    }),
    [KIND.arrival]: () => ({
      assignedOrg: rt.state.receivingRegion as string,
      requiredRole: 'coordinator',
      dueInMs: policy.stepDueMs,
      input: { ...about(), departedAt: rt.state.departedAt },
      answerSchema: SCHEMAS.arrival,
      decide: (s, d: { arrivedAt: string }, by) => rules.arrive(s, d.arrivedAt, by),
      then: () => rt.openTask(KIND.admission, {}),
    }),
    [KIND.admission]: () => ({
      assignedOrg: rt.state.receivingRegion as string,
      requiredRole: 'coordinator',
      dueInMs: policy.stepDueMs,
      input: { ...about(), arrivedAt: rt.state.arrivedAt },
      answerSchema: SCHEMAS.admission,
      decide: (s, d: { admittedAt: string }, by) => rules.admit(s, d.admittedAt, by),
    }),
  });

  rt.onTimer<{ region: string; round: number }>(
    'offer_expires',
    ({ region, round }) => {
      if (round !== rt.state.round || !rt.state.offers.some((o) => o.region === region && o.status === 'open')) return;
      rt.apply(rules.closeOffer(rt.state, region, 'expired', SYSTEM, rt.now()));
      rt.cancelScope(offerScope(region), 'the offer expired');
      sendOffers();
    },
    ({ region }) => `the deadline of the offer to ${region}`,
  );

  rt.openedUpdate(transferOpenedUpdate, input.auditedRequestId);
  rt.query(transferStateQuery, (view) => view);
  rt.command(cancelTransferUpdate, {
    decide: (s, cmd, now) => rules.cancel(s, cmd, now),
    by: (cmd) => cmd.by,
    audit: 'transfer.cancel',
    then: () => rt.cancelAll('the request was cancelled'),
  });

  return rt.run(async () => {
    rt.record({ type: 'transfer_requested', by: request.by, detail: { sendingRegion: request.sendingRegion, patients: request.patients.length, beds } });
    rt.auditRequest('transfer.request', request.by, input.auditedRequestId);
    await openMatching();
  });
}
