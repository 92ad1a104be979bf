import { randomUUID } from 'node:crypto';
import type { Actor, DemoClient } from '../demo-client';

export interface ReimbursementActors {
  slso: Actor;
  approver: Actor;
  finance: Actor;
  admin: Actor;
}

interface Task {
  id: string;
  kind: string;
}

const kr = (ore: number) => `${(ore / 100).toLocaleString('sv-SE')} kr`;

async function answer(api: DemoClient, actor: Actor, claimId: string, kind: string, what: string, decision: Record<string, unknown>) {
  const inbox = await api.waitFor<{ items: Task[] }>(actor, `"${kind}" in the inbox`, `/tasks?caseId=${claimId}&kind=${kind}`, (b) => b.items.length > 0);
  const task = inbox.items[0];
  const detail = await api.call<{ input: Record<string, unknown> }>(actor, `opens "${kind}" from the inbox`, 'GET', `/tasks/${task.id}`, { expect: 200 });
  await api.call(actor, what, 'POST', `/tasks/${task.id}/complete`, { body: { decision }, expect: 200 });
  return detail.input;
}

/** A claim under HDIR 20348 from submission to payment, as SLSO, HSF and HSF finance. */
export async function reimbursementScenario(api: DemoClient, who: ReimbursementActors): Promise<void> {
  console.log('\n== Reimbursement of SLSO’s extra costs under HDIR 20348: claim, review, payment ==');
  const mandates = await api.call<{ id: string; reference: string; validFrom: string; validTo: string }[]>(who.admin, 'lists the mandates', 'GET', '/mandates', { expect: 200 });
  const mandate = mandates.find((m) => m.reference === 'HDIR 20348');
  api.check(!!mandate, `HDIR 20348 is registered, valid ${mandate?.validFrom} – ${mandate?.validTo}`);

  const lines = [
    { date: '2020-11-09', category: 'staff', description: 'Operativ samordnare, 80 timmar', amountOre: 6_400_000, documentRef: 'SLSO-UND-2020-101' },
    { date: '2020-11-18', category: 'protective_equipment', description: 'Nitrilhandskar till lokala vårdgivare', amountOre: 1_250_000, documentRef: 'SLSO-UND-2020-117' },
    { date: '2020-12-03', category: 'it_and_communication', description: 'Lägesbildsverktyg, licenser', amountOre: 480_000, documentRef: 'SLSO-UND-2020-130' },
  ];
  const outside = await api.call<{ message: string }>(who.slso, 'tries a cost line dated after the mandate ended', 'POST', '/claims', {
    headers: { 'Idempotency-Key': `demo-claim-${randomUUID()}` },
    body: { mandateId: mandate?.id, periodFrom: '2020-11-02', periodTo: '2021-01-31', lines: [...lines, { ...lines[0], date: '2021-02-02' }] },
    expect: 400,
  });
  api.note(`refused: ${outside.message.split(';')[0]}`);

  const opened = await api.call<{ claimId: string }>(who.slso, 'opens a draft claim for November–December 2020', 'POST', '/claims', {
    headers: { 'Idempotency-Key': `demo-claim-${randomUUID()}` },
    body: { mandateId: mandate?.id, periodFrom: '2020-11-02', periodTo: '2020-12-31', lines },
    expect: 201,
  });
  const claimId = opened.claimId;
  api.note(`claim ${claimId}, ${lines.length} lines, ${kr(lines.reduce((n, l) => n + l.amountOre, 0))}`);
  await api.call(who.slso, 'submits it (this revision is now frozen)', 'POST', `/claims/${claimId}/submit`, { expect: 200 });

  const review = await answer(api, who.approver, claimId, 'reimbursement.review', 'approves in part, with a reason for the reduction', {
    decision: 'approve_in_part',
    lines: [
      { lineNo: 1, approvedOre: 6_400_000 },
      { lineNo: 2, approvedOre: 1_000_000, reason: 'En del av handskarna gick till egen verksamhet' },
      { lineNo: 3, approvedOre: 480_000 },
    ],
  });
  const before = review.alreadyReimbursedUnderMandate as { approvedOre: number };
  api.note(`the review showed ${kr(before.approvedOre)} already approved under the mandate`);

  const payment = await answer(api, who.finance, claimId, 'reimbursement.payment', 'pays SLSO and records the payment reference', {
    paymentReference: `BET-${new Date().getFullYear()}-${Math.floor(Math.random() * 9000 + 1000)}`,
    paidOn: new Date().toISOString().slice(0, 10),
  });
  api.note(`payment of ${kr(payment.amountOre as number)} to ${payment.payee}`);

  const state = await api.call<{ status: string; approval: { totalOre: number }; payment: { amountOre: number } }>(who.slso, 'looks at the claim', 'GET', `/claims/${claimId}`, { expect: 200 });
  api.check(state.status === 'paid' && state.payment.amountOre === state.approval.totalOre, `paid ${kr(state.payment.amountOre)}, as approved`);
  const summary = await api.call<{ total: Record<string, number>; categories: { category: string; claimedOre: number; approvedOre: number; paidOre: number }[] }>(
    who.approver, 'reads the mandate summary', 'GET', `/mandates/${mandate?.id}/summary`, { expect: 200 });
  for (const c of summary.categories) api.note(`${c.category}: claimed ${kr(c.claimedOre)}, approved ${kr(c.approvedOre)}, paid ${kr(c.paidOre)}`);
  api.check(summary.total.outstandingOre === summary.total.approvedOre - summary.total.paidOre, `outstanding under HDIR 20348: ${kr(summary.total.outstandingOre)}`);
}
