import { randomUUID } from 'node:crypto';
import type { DemoClient } from '../demo-client';

const hospital = { label: 'case handler, Karolinska Solna (KS)' };

interface State {
  caseId: string;
  status: string;
  estimatedDischargeDate: string;
  version: number;
  lateNotice: { late: boolean; delayMinutes: number };
}

/** The first slice of a discharge handover, end to end through the API. */
export async function dischargeHandoverScenario(api: DemoClient): Promise<void> {
  console.log('\n== Discharge handover (first slice): open, re-send, change the date, declare ready ==');
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const key = `demo-${randomUUID()}`;
  const notice = {
    personnummer: '19121212-1212',
    patientName: 'Tolvan Tolvansson',
    hospitalCode: 'KS',
    municipalityCode: '0125',
    vardcentralCode: 'VC-EKERO',
    admittedAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
    estimatedDischargeDate: day(3),
    careType: 'somatic',
    needs: { municipal: ['home_care'], region: ['primary_care_home_health_care'] },
  };

  const opened = await api.call<{ caseId: string; replayed: boolean }>(hospital, 'sends the inskrivningsmeddelande (opens the case)', 'POST', '/discharge-handovers', {
    body: notice,
    headers: { 'Idempotency-Key': key },
    expect: 201,
  });
  api.note(`case ${opened.caseId}`);

  const again = await api.call<{ caseId: string; replayed: boolean }>(hospital, 'sends the same notice again (a retry)', 'POST', '/discharge-handovers', {
    body: notice,
    headers: { 'Idempotency-Key': key },
    expect: 200,
  });
  api.check(again.caseId === opened.caseId && again.replayed, 'the retry returned the same case, not a second one');

  const state = await api.call<State>(hospital, 'looks at the case (workflow query)', 'GET', `/discharge-handovers/${opened.caseId}`, { expect: 200 });
  api.check(state.status === 'planning', `status is planning; notice ${state.lateNotice.late ? 'late' : 'on time'}`);

  const changed = await api.call<State>(hospital, 'changes the estimated discharge date', 'PUT', `/discharge-handovers/${opened.caseId}/estimated-discharge-date`, {
    body: { estimatedDischargeDate: day(4) },
    expect: 200,
  });
  api.check(changed.estimatedDischargeDate === day(4), `estimated discharge date is now ${day(4)}`);

  const ready = await api.call<State>(hospital, 'declares the patient ready for discharge (utskrivningsklar)', 'POST', `/discharge-handovers/${opened.caseId}/ready-for-discharge`, {
    body: { declaredAt: new Date().toISOString() },
    expect: 200,
  });
  api.check(ready.status === 'ready_for_discharge', 'status is ready_for_discharge');

  await api.call(hospital, 'declares it again', 'POST', `/discharge-handovers/${opened.caseId}/ready-for-discharge`, {
    body: { declaredAt: new Date().toISOString() },
    expect: 409,
  });
  api.note('refused by the workflow: the patient is already declared ready');

  const projected = await api.call<{ status: string; timeline: { type: string; actor: string; organisationCode: string }[] }>(
    hospital, 'reads the case from the PostgreSQL projection', 'GET', `/cases/${opened.caseId}`, { expect: 200 });
  api.check(projected.status === 'ready_for_discharge', 'the projection matches the workflow');
  for (const e of projected.timeline) api.note(`timeline: ${e.type} (${e.organisationCode})`);
}
