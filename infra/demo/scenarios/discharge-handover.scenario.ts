import { randomUUID } from 'node:crypto';
import type { Actor, DemoClient } from '../demo-client';

interface State {
  caseId: string;
  status: string;
  estimatedDischargeDate: string;
  version: number;
  lateNotice: { late: boolean; delayMinutes: number };
  acknowledgements: Record<string, { organisationCode: string } | undefined>;
}
interface TaskSummary {
  id: string;
  kind: string;
  caseId: string;
  dueAt: string;
}

export interface DischargeActors {
  hospital: Actor;
  municipality: Actor;
  otherMunicipality: Actor;
  vardcentral: Actor;
}

/** The discharge handover so far, end to end through the API, each organisation acting from its own inbox. */
export async function dischargeHandoverScenario(api: DemoClient, who: DischargeActors): Promise<void> {
  console.log('\n== Discharge handover: open, acknowledge from the inboxes, change the date, declare ready ==');
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const key = `demo-${randomUUID()}`;
  const notice = {
    personnummer: '19121212-1212',
    patientName: 'Tolvan Tolvansson',
    municipalityCode: '0125',
    vardcentralCode: 'VC-EKERO',
    admittedAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
    estimatedDischargeDate: day(3),
    careType: 'somatic',
    needs: { municipal: ['home_care'], region: ['primary_care_home_health_care'] },
  };

  const opened = await api.call<{ caseId: string }>(who.hospital, 'sends the inskrivningsmeddelande (opens the case)', 'POST', '/discharge-handovers', {
    body: notice,
    headers: { 'Idempotency-Key': key },
    expect: 201,
  });
  const caseId = opened.caseId;
  api.note(`case ${caseId}`);

  const again = await api.call<{ caseId: string; replayed: boolean }>(who.hospital, 'sends the same notice again (a retry)', 'POST', '/discharge-handovers', {
    body: notice,
    headers: { 'Idempotency-Key': key },
    expect: 200,
  });
  api.check(again.caseId === caseId && again.replayed, 'the retry returned the same case, not a second one');

  await api.call(who.otherMunicipality, 'tries to look at the case', 'GET', `/cases/${caseId}`, { expect: 404 });
  api.note('not a party: the case does not exist for Huddinge');

  for (const [party, actor] of [['municipality', who.municipality], ['vårdcentral', who.vardcentral]] as const) {
    const inbox = await api.waitFor<{ items: TaskSummary[] }>(actor, `the ${party}'s task`, `/tasks?caseId=${caseId}`, (b) => b.items.length > 0);
    const task = inbox.items[0];
    await api.call(actor, `finds "${task.kind}" in the inbox (due ${task.dueAt})`, 'GET', `/tasks/${task.id}`, { expect: 200 });
    await api.call(actor, 'claims it', 'POST', `/tasks/${task.id}/claim`, { expect: 200 });
    await api.call(actor, 'refuses to acknowledge with a wrong answer (demonstrating the validator)', 'POST', `/tasks/${task.id}/complete`, {
      body: { decision: { acknowledged: false } },
      expect: 422,
    });
    await api.call(actor, 'acknowledges the notice and starts planning', 'POST', `/tasks/${task.id}/complete`, {
      body: { decision: { acknowledged: true, comment: 'Planering påbörjad' } },
      expect: 200,
    });
  }

  const state = await api.call<State>(who.hospital, 'looks at the case (workflow query)', 'GET', `/discharge-handovers/${caseId}`, { expect: 200 });
  api.check(
    state.acknowledgements.municipality?.organisationCode === '0125' && state.acknowledgements.primaryCare?.organisationCode === 'VC-EKERO',
    'both the municipality and the vårdcentral have acknowledged',
  );

  const changed = await api.call<State>(who.hospital, 'changes the estimated discharge date', 'PUT', `/discharge-handovers/${caseId}/estimated-discharge-date`, {
    body: { estimatedDischargeDate: day(4) },
    expect: 200,
  });
  api.check(changed.estimatedDischargeDate === day(4), `estimated discharge date is now ${day(4)}`);

  await api.call(who.municipality, 'tries to declare the patient ready (only the hospital may)', 'POST', `/discharge-handovers/${caseId}/ready-for-discharge`, {
    body: { declaredAt: new Date().toISOString() },
    expect: 403,
  });
  const ready = await api.call<State>(who.hospital, 'declares the patient ready for discharge (utskrivningsklar)', 'POST', `/discharge-handovers/${caseId}/ready-for-discharge`, {
    body: { declaredAt: new Date().toISOString() },
    expect: 200,
  });
  api.check(ready.status === 'ready_for_discharge', 'status is ready_for_discharge');

  const projected = await api.call<{ status: string; timeline: { type: string; organisationCode: string }[] }>(
    who.municipality, 'reads the case and its timeline', 'GET', `/cases/${caseId}`, { expect: 200 });
  api.check(projected.status === 'ready_for_discharge', 'the PostgreSQL projection matches the workflow');
  for (const e of projected.timeline) api.note(`timeline: ${e.type} (${e.organisationCode})`);
}
