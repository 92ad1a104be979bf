import { randomUUID } from 'node:crypto';
import type { Actor, DemoClient } from '../demo-client';

interface State {
  caseId: string;
  status: string;
  takeover?: { receiver: string; organisationCode: string };
  discharge?: { daysFromReady: number; sameDay: boolean; paymentLiability: unknown };
}
interface TaskSummary {
  id: string;
  kind: string;
  dueAt: string;
}

export interface DischargeActors {
  hospital: Actor;
  municipality: Actor;
  otherMunicipality: Actor;
  vardcentral: Actor;
  asih: Actor;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** `actor` finds the case's task of `kind` in its inbox, opens it and answers it. */
async function answerTask(api: DemoClient, actor: Actor, caseId: string, kind: string, what: string, decision: Record<string, unknown>) {
  const inbox = await api.waitFor<{ items: TaskSummary[] }>(actor, `"${kind}" in the inbox`, `/tasks?caseId=${caseId}&kind=${kind}`, (b) => b.items.length > 0);
  const task = inbox.items[0];
  await api.call(actor, `opens "${kind}" from the inbox (due ${task.dueAt})`, 'GET', `/tasks/${task.id}`, { expect: 200 });
  await api.call(actor, what, 'POST', `/tasks/${task.id}/complete`, { body: { decision }, expect: 200 });
}

/** One discharge handover end to end: notice, planning, utskrivningsklar, SIP, takeover, discharge, summary. */
async function dischargeCase(api: DemoClient, who: DischargeActors, title: string, plannedDischargeAt: string, takeoverBy: Actor, takeoverOrg: string) {
  console.log(`\n== ${title} ==`);
  const key = `demo-${randomUUID()}`;
  const notice = {
    personnummer: '19121212-1212',
    patientName: 'Tolvan Tolvansson',
    municipalityCode: '0125',
    vardcentralCode: 'VC-EKERO',
    asihCode: 'ASIH-NORR',
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
  const { waitingFor } = await api.call<{ waitingFor: { description: string; until: string } }>(who.municipality, 'looks at the new case', 'GET', `/cases/${caseId}`, { expect: 200 });
  api.note(`case ${caseId} waits for ${waitingFor.description}, the first due ${waitingFor.until}`);
  const again = await api.call<{ caseId: string; replayed: boolean }>(who.hospital, 'sends the same notice again (a network retry)', 'POST', '/discharge-handovers', {
    body: notice,
    headers: { 'Idempotency-Key': key },
    expect: 200,
  });
  api.check(again.caseId === caseId && again.replayed, 'the retry returned the same case, not a second one');
  await api.call(who.otherMunicipality, 'tries to look at the case', 'GET', `/cases/${caseId}`, { expect: 404 });
  api.note('Huddinge is not a party: for it the case does not exist');

  // Planning.
  await answerTask(api, who.municipality, caseId, 'discharge.acknowledge_notice', 'acknowledges the notice and starts planning', { acknowledged: true });
  await answerTask(api, who.vardcentral, caseId, 'discharge.acknowledge_notice', 'acknowledges the notice and starts planning', { acknowledged: true });
  await answerTask(api, who.vardcentral, caseId, 'discharge.appoint_fast_vardkontakt', 'appoints the fast vårdkontakt', {
    name: 'Sara Sjöström, distriktssköterska',
    phone: '08-123 456 78',
  });
  await answerTask(api, who.municipality, caseId, 'discharge.needs_assessment', 'decides on home care from tomorrow (biståndsbeslut)', {
    outcome: 'granted',
    services: ['home_care'],
    startDate: day(1),
  });

  // Utskrivningsklar.
  const ready = await api.call<State>(who.hospital, `declares the patient ready, discharge planned ${plannedDischargeAt}`, 'POST', `/discharge-handovers/${caseId}/ready-for-discharge`, {
    body: { declaredAt: new Date().toISOString(), plannedDischargeAt },
    expect: 200,
  });
  api.check(ready.takeover?.organisationCode === takeoverOrg, `medical responsibility goes to ${takeoverOrg} (${ready.takeover?.receiver})`);
  const early = await api.call<{ missingSteps: string[] }>(who.hospital, 'tries to discharge before the discharge checklist is done', 'POST', `/discharge-handovers/${caseId}/discharge`, {
    body: { dischargedAt: new Date().toISOString() },
    expect: 409,
  });
  api.note(`refused, missing: ${early.missingSteps.join(', ')}`);
  await answerTask(api, who.municipality, caseId, 'discharge.acknowledge_ready', 'acknowledges (kvitterar) the utskrivningsklar notice', { acknowledged: true });
  await answerTask(api, who.vardcentral, caseId, 'discharge.acknowledge_ready', 'acknowledges (kvitterar) the utskrivningsklar notice', { acknowledged: true });
  await answerTask(api, who.vardcentral, caseId, 'discharge.call_sip', 'calls to a SIP (samordnad individuell plan)', { plannedSipDate: day(2) });
  await answerTask(api, takeoverBy, caseId, 'discharge.takeover_medical_responsibility', 'acknowledges the takeover of medical responsibility', {
    acknowledged: true,
  });

  // Discharge.
  const done = await api.call<State>(who.hospital, 'records the discharge', 'POST', `/discharge-handovers/${caseId}/discharge`, {
    body: { dischargedAt: new Date().toISOString() },
    expect: 200,
  });
  api.check(done.status === 'discharged' && done.discharge?.sameDay === true, 'discharged the same day as declared ready (the target); no payment liability');
  const summary = await api.call<{ fastVardkontakt: { name: string; phone: string }; plannedSipDate: string; contacts: { role: string; organisationName: string }[] }>(
    who.hospital, "prints the patient's written summary", 'GET', `/discharge-handovers/${caseId}/summary`, { expect: 200 });
  api.note(`fast vårdkontakt: ${summary.fastVardkontakt.name}, ${summary.fastVardkontakt.phone}; SIP planned ${summary.plannedSipDate}`);
  for (const c of summary.contacts) api.note(`call: ${c.role}: ${c.organisationName}`);
  const projected = await api.call<{ timeline: { type: string; organisationCode: string }[] }>(who.municipality, 'reads the case timeline', 'GET', `/cases/${caseId}`, { expect: 200 });
  api.note(`timeline: ${projected.timeline.map((e) => `${e.type} (${e.organisationCode})`).join(' → ')}`);
}

/** A weekday discharge taken over by the vårdcentral, and a holiday one taken over by ASIH. */
export async function dischargeHandoverScenario(api: DemoClient, who: DischargeActors): Promise<void> {
  await dischargeCase(api, who, 'Weekday discharge (Tuesday 23 November 2027, 10:00): the vårdcentral takes over', '2027-11-23T10:00:00+01:00', who.vardcentral, 'VC-EKERO');
  await dischargeCase(api, who, 'Holiday discharge (Kristi himmelsfärdsdag, 6 May 2027, 10:00): ASIH takes over', '2027-05-06T10:00:00+02:00', who.asih, 'ASIH-NORR');
}
