import { randomUUID } from 'node:crypto';
import { TRANSFER_TASK_KINDS as KIND } from '../../../libs/contracts/src/transfer.contract';
import type { Actor, DemoClient } from '../demo-client';

export interface TransferActors {
  socialstyrelsen: Actor;
  /** Region Jönköpings län (06): sends the patient. */
  jonkoping: Actor;
  /** Region Östergötland (05): declines the offer. */
  ostergotland: Actor;
  /** Region Kalmar län (08): accepts. */
  kalmar: Actor;
  /** Region Skåne (12): gets no offer, so the request does not exist for it. */
  skane: Actor;
}

interface Capacity {
  region: string;
  careLevel: string;
  beds: number;
  reserved: number;
  free: number;
}

interface TransferView {
  status: string;
  receivingRegion: string | null;
  patients: { reference?: string; careLevel: string; infection: string }[];
  offers: { region: string; status: string }[];
}

const minutesFrom = (start: number, m: number) => new Date(start + m * 60_000).toISOString();

async function icuOf(api: DemoClient, kalmar: Actor, what: string): Promise<Capacity> {
  const rows = await api.call<Capacity[]>(kalmar, what, 'GET', '/transfers/capacity', { expect: 200 });
  return rows.find((r) => r.careLevel === 'icu') ?? { region: '08', careLevel: 'icu', beds: 0, reserved: 0, free: 0 };
}

/**
 * One inter-regional transfer (issue 15): Jönköping asks for an intensive-care bed, Socialstyrelsen approves the
 * proposal (its own healthcare region, Sydöstra, first), Östergötland declines, Kalmar accepts and the bed is
 * reserved, then transport, departure, arrival and admission. Then a reinforcement request allocated in part from
 * the national pool. Kalmar declares its beds from what it has reserved already, so the demo can run again.
 */
export async function transferScenario(api: DemoClient, who: TransferActors): Promise<void> {
  console.log('\n== Transfer between regions: Jönköping needs an ICU bed, Östergötland declines, Kalmar accepts ==');
  const start = Date.now();
  const before = await icuOf(api, who.kalmar, 'reads its ICU capacity for transfers');
  await api.call(who.kalmar, `declares ${before.reserved + 2} ICU beds free for transfers`, 'PUT', '/transfers/capacity/icu', { body: { beds: before.reserved + 2 }, expect: 200 });

  const reference = `IVA-RJL-${randomUUID().slice(0, 4)}`;
  const { requestId } = await api.call<{ requestId: string }>(who.jonkoping, `requests an ICU bed for a covid-19 patient (its own reference ${reference})`, 'POST', '/transfers', {
    headers: { 'Idempotency-Key': `demo-transfer-${randomUUID()}` },
    body: { patients: [{ reference, careLevel: 'icu', infection: 'covid_19' }], earliestDeparture: minutesFrom(start, 30) },
    expect: 201,
  });
  api.note(`request ${requestId}`);

  const matching = await api.openTask(who.socialstyrelsen, requestId, KIND.matching);
  const detail = await api.call<{ input: { proposal: { region: string; free: Record<string, number> }[] } }>(who.socialstyrelsen, 'opens the matching task: the proposal', 'GET', `/tasks/${matching.id}`, { expect: 200 });
  const proposal = detail.input.proposal.map((c) => c.region);
  api.note(`proposal: ${proposal.slice(0, 5).join(', ')}, … (${proposal.length} regions)`);
  api.check(proposal[0] !== undefined && ['05', '08'].includes(proposal[0]) && ['05', '08'].includes(proposal[1]), 'Sydöstra sjukvårdsregionen (Östergötland and Kalmar) comes first');
  api.check(!JSON.stringify(detail.input).includes(reference), 'Socialstyrelsen sees the care level, not the sending region’s reference');
  await api.call(who.socialstyrelsen, 'approves the proposal, Östergötland then Kalmar', 'POST', `/tasks/${matching.id}/complete`, { body: { decision: { order: ['05', '08'] } }, expect: 200 });

  await api.answerTask(who.ostergotland, requestId, KIND.offer, 'declines the offer: the ICU is full', { decision: 'decline', reason: 'Fullt på IVA' });
  await api.answerTask(who.kalmar, requestId, KIND.offer, 'accepts the offer: the bed is reserved', { decision: 'accept' });
  const reserved = await icuOf(api, who.kalmar, 'reads its ICU capacity');
  api.check(reserved.reserved === before.reserved + 1, `one bed reserved in PostgreSQL (reserved ${reserved.reserved} of ${reserved.beds})`);

  await api.answerTask(who.jonkoping, requestId, KIND.transport, 'arranges the ambulance transport', { outcome: 'arranged', plannedDepartureAt: minutesFrom(start, 60) });
  await api.answerTask(who.jonkoping, requestId, KIND.departure, 'confirms the departure', { outcome: 'departed', departedAt: minutesFrom(start, 70) });
  await api.answerTask(who.kalmar, requestId, KIND.arrival, 'confirms the arrival', { arrivedAt: minutesFrom(start, 220) });
  await api.answerTask(who.kalmar, requestId, KIND.admission, 'admits the patient to its ICU', { admittedAt: minutesFrom(start, 235) });

  const state = await api.call<TransferView>(who.jonkoping, 'follows its request', 'GET', `/transfers/${requestId}`, { expect: 200 });
  api.check(state.status === 'admitted' && state.receivingRegion === '08', `the transfer is ${state.status}, in Kalmar (${state.receivingRegion})`);
  api.check(state.offers.map((o) => `${o.region} ${o.status}`).join(', ') === '05 declined, 08 accepted', `offers: ${state.offers.map((o) => `${o.region} ${o.status}`).join(', ')}`);
  const seen = await api.call<TransferView>(who.ostergotland, 'reads the request it declined', 'GET', `/transfers/${requestId}`, { expect: 200 });
  api.check(seen.patients.every((p) => p.reference === undefined), 'a region offered sees care level and infection, never Jönköping’s reference');
  await api.call(who.skane, 'looks for a request it got no offer for', 'GET', `/transfers/${requestId}`, { expect: 404 });
  const after = await icuOf(api, who.kalmar, 'reads its ICU capacity after the admission');
  api.check(after.reserved === before.reserved && after.beds === before.reserved + 1, `the bed is occupied now: ${after.beds} declared, ${after.reserved} reserved`);

  console.log('\n== National reinforcement: Jönköping asks for 12 ICU nurses, Socialstyrelsen allocates 4 ==');
  await api.call(who.socialstyrelsen, 'sets the national pool: 10 ICU nurses', 'PUT', '/reinforcements/pool/icu_nurses', { body: { available: 10 }, expect: 200 });
  const asked = await api.call<{ requestId: string }>(who.jonkoping, 'requests 12 ICU nurses', 'POST', '/reinforcements', {
    headers: { 'Idempotency-Key': `demo-reinforcement-${randomUUID()}` },
    body: { category: 'icu_nurses', quantity: 12 },
    expect: 201,
  });
  await api.answerTask(who.socialstyrelsen, asked.requestId, KIND.allocate, 'allocates 4 of 12, with a reason', { allocated: 4, reason: 'Fyra sjuksköterskor i fyra veckor; fler behövs i Skåne' });
  const allocation = await api.call<{ status: string; allocated: number }>(who.jonkoping, 'reads the allocation', 'GET', `/reinforcements/${asked.requestId}`, { expect: 200 });
  api.check(allocation.status === 'allocated' && allocation.allocated === 4, `allocated in part: ${allocation.allocated} of 12`);
  const pool = await api.call<{ category: string; available: number }[]>(who.socialstyrelsen, 'reads the national pool', 'GET', '/reinforcements/pool', { expect: 200 });
  api.check(pool.find((p) => p.category === 'icu_nurses')?.available === 6, 'the pool has 6 ICU nurses left');
}
