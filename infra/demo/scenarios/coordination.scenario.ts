import type { WaitingFor } from '../../../libs/contracts/src/case-runtime.contract';
import { Actor, DemoClient, DemoFailure } from '../demo-client';

export interface CoordinationActors {
  hsn: Actor;
  slso: Actor;
  slsoApprover: Actor;
  hsfAdmin: Actor;
  finance: Actor;
  vardcentral: Actor;
  vardcentralCode: string;
  /** A case handler of the area's municipality or district, made once the area is chosen. */
  municipality: (areaCode: string) => Promise<Actor>;
}

interface Task {
  id: string;
  kind: string;
}

const kr = (ore: number) => `${(ore / 100).toLocaleString('sv-SE')} kr`;
/** Illustrative LPIK figures (excl. pharmaceuticals) for the demo; a real deployment registers SKR's outcome. */
const DEMO_LPIK: Record<number, number> = { 2022: 2.6, 2023: 6.4, 2024: 4.0, 2025: 3.0, 2026: 2.5, 2027: 2.0 };

async function answer(api: DemoClient, actor: Actor, caseId: string, kind: string, what: string, decision: Record<string, unknown>) {
  const inbox = await api.waitFor<{ items: Task[] }>(actor, `"${kind}" in the inbox`, `/tasks?caseId=${caseId}&kind=${kind}`, (b) => b.items.length > 0);
  await api.call(actor, what, 'POST', `/tasks/${inbox.items[0].id}/complete`, { body: { decision }, expect: 200 });
}

/** Onboards the first uncovered area to active, then runs the support agreement to its next payment. */
export async function coordinationScenario(api: DemoClient, who: CoordinationActors): Promise<void> {
  console.log('\n== Coordinating vårdcentral: designation and onboarding of an uncovered area ==');
  const coverage = await api.call<{ areaCode: string; areaName: string; status: string; validFrom: string | null }[]>(who.hsn, 'opens the coverage view', 'GET', '/coordination/areas', { expect: 200 });
  const uncovered = coverage.filter((a) => a.status === 'none');
  api.note(`${coverage.length} areas today, ${uncovered.length} without a coordinating vårdcentral (listed first)`);
  const before = await api.call<unknown[]>(who.hsn, "opens the coverage view on 2023-06-30, before Stockholm's district reform", 'GET', '/coordination/areas?date=2023-06-30', { expect: 200 });
  api.check(before.length === coverage.length + 2, `${before.length} areas on 2023-06-30: 13 districts then, 11 from 2023-07-01`);
  const area = uncovered[0];
  if (!area) throw new Error('every area is already covered: nothing left to onboard in this demo data');
  // Not before 1 February 2021, nor before the area began (Järva and Norra innerstaden: 2023-07-01).
  const startDate = area.validFrom && area.validFrom > '2021-02-01' ? area.validFrom : '2021-02-01';
  const designated = await api.call<{ caseId: string }>(who.hsn, `designates ${who.vardcentralCode} for ${area.areaName} from ${startDate}`, 'POST', `/coordination/areas/${area.areaCode}/designations`, {
    body: { vardcentralCode: who.vardcentralCode, startDate },
    expect: 200,
  });
  const caseId = designated.caseId;
  await answer(api, who.vardcentral, caseId, 'coordination.accept_designation', 'accepts the coordinating responsibility', { accept: true });
  await answer(api, who.slso, caseId, 'coordination.assign_slso_support', 'assigns a support contact and a guidance plan', {
    contactName: 'Stina Stödberg, SLSO',
    guidancePlan: 'Uppstartsmöte, därefter månatliga avstämningar',
  });
  await answer(api, who.vardcentral, caseId, 'coordination.name_coordinator', 'names its coordinator', { name: 'Kim Samordnare' });
  await answer(api, who.vardcentral, caseId, 'coordination.confirm_municipal_contact', 'confirms contact with the municipality', { municipalContactName: 'Maja Kontakt' });
  await answer(api, await who.municipality(area.areaCode), caseId, 'coordination.municipality_confirms_contact', 'confirms the contact from its own inbox', { confirmed: true });
  await answer(api, who.vardcentral, caseId, 'coordination.first_local_meeting', 'records the first local cooperation meeting', { heldOn: '2021-03-15' });
  await answer(api, who.slso, caseId, 'coordination.join_subregional', 'records the area in the sub-regional cooperation (SLSO takes part, HSN 2020-1821)', { joinedOn: '2021-03-20' });
  const after = await api.call<{ areaCode: string; status: string; slsoContact: string }[]>(who.hsn, 'opens the coverage view again', 'GET', '/coordination/areas', { expect: 200 });
  const row = after.find((a) => a.areaCode === area.areaCode);
  api.check(row?.status === 'active', `${area.areaName} is active, supported by ${row?.slsoContact}`);

  console.log('\n== The HSN–SLSO support agreement (HSN 2020-1821) to its next payment ==');
  let state = await api.call<{ status: string; effectiveDate?: string; decisions: Record<string, unknown>; mandateId: string }>(
    who.slsoApprover, 'looks for the agreement', 'GET', '/coordination/agreement', { expect: [200, 404] });
  if (!state.decisions) {
    await api.call(who.slsoApprover, "records SLSO's decision (10 February 2021)", 'POST', '/coordination/agreement/decisions', {
      body: { decidedOn: '2021-02-10', reference: 'SLSO styrelse 2021-02-10 § 4' },
      expect: 200,
    });
    state = await api.call(who.hsn, "records HSN's decision, signed by the director of health care", 'POST', '/coordination/agreement/decisions', {
      body: { decidedOn: '2021-01-20', reference: 'HSN 2020-1821', signatory: { name: 'Björn Eriksson', role: 'director_of_health_care' } },
      expect: 200,
    });
  } else {
    api.note('the agreement is already in effect from an earlier run');
  }
  api.check(state.status !== 'awaiting_decisions', `in effect from ${state.effectiveDate}`);

  // Take the agreement to its next payment. It says what it waits for: a missing index is registered; once every
  // year due is paid it waits for a date (the next 1 January), and the demo stops there instead of waiting.
  const ROUNDS = 10;
  for (let round = 1; round <= ROUNDS; round++) {
    const inbox = await fetchPayments(api, who.finance, state.mandateId);
    if (inbox.length > 0) {
      const task = await api.call<{ input: { year: number; amountOre: number; dueOn: string } }>(who.finance, 'opens the payment task', 'GET', `/tasks/${inbox[0].id}`, { expect: 200 });
      await api.call(who.finance, `pays SLSO ${kr(task.input.amountOre)} for ${task.input.year}`, 'POST', `/tasks/${inbox[0].id}/complete`, {
        body: { decision: { paymentReference: `BET-${task.input.year}-SLSO-STOD`, paidOn: task.input.dueOn } },
        expect: 200,
      });
      break;
    }
    const answer = await api.call<{ waitingFor?: WaitingFor | string }>(who.slso, 'checks what the agreement waits for', 'GET', '/coordination/agreement', { expect: 200 });
    // An agreement started before the case runtime (a legacy workflow type) names what it waits for as a string.
    const waitingFor: WaitingFor =
      typeof answer.waitingFor === 'object' ? answer.waitingFor : { what: answer.waitingFor ? 'reference_data' : 'request', description: answer.waitingFor ?? 'nothing named', until: null };
    api.note(`the agreement waits for ${waitingFor.description}${waitingFor.until ? ` (until ${waitingFor.until})` : ''}`);
    const year = Number(waitingFor.description.match(/^LPIK (\d{4})$/)?.[1]);
    if (waitingFor.what === 'reference_data' && year) {
      await api.call(who.hsfAdmin, `registers LPIK ${year} (${DEMO_LPIK[year] ?? 2.0} %, illustrative)`, 'PUT', `/indices/lpik/${year}`, {
        body: { percent: DEMO_LPIK[year] ?? 2.0 },
        expect: 200,
      });
      const named = (w?: WaitingFor | string) => (typeof w === 'object' ? w.description : w);
      await api.waitFor<{ waitingFor?: WaitingFor | string }>(who.slso, `the agreement to go on past LPIK ${year}`, '/coordination/agreement', (b) => named(b.waitingFor) !== `LPIK ${year}`);
    } else if (waitingFor.what === 'date' && waitingFor.until && Date.parse(waitingFor.until) > Date.now()) {
      api.note(`every year due is paid: nothing more falls due before ${waitingFor.until}`);
      break;
    } else {
      // A step under way (e.g. an instalment about to fall due): look again shortly.
      await new Promise((r) => setTimeout(r, 300));
    }
    if (round === ROUNDS) throw new DemoFailure(`the agreement neither asked for a payment nor waited for a date within ${ROUNDS} rounds; last: ${waitingFor.what} ${waitingFor.description}`);
  }
  const final = await api.call<{ years: { year: number; amountKr: number; payments: { paymentReference?: string }[] }[] }>(
    who.slso, 'reads the agreement', 'GET', '/coordination/agreement', { expect: 200 });
  for (const y of final.years) api.note(`${y.year}: ${y.amountKr.toLocaleString('sv-SE')} kr, ${y.payments.filter((p) => p.paymentReference).length} of ${y.payments.length} instalments paid`);
}

async function fetchPayments(api: DemoClient, finance: Actor, caseId: string): Promise<Task[]> {
  const inbox = await api.waitFor<{ items: Task[] }>(finance, 'the finance inbox', `/tasks?caseId=${caseId}&kind=agreement.payment`, () => true);
  return inbox.items;
}
