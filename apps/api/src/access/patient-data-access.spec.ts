import { patientDataReadEntry, showsPatientData } from './patient-data-access';

describe('showsPatientData', () => {
  it("finds the patient in a task's input, a written summary and a case's subject", () => {
    expect(showsPatientData({ id: 't', input: { patient: { personnummer: '191212121212', name: 'Tolvan Tolvansson' } } })).toBe(true);
    expect(showsPatientData({ caseId: 'c', patientName: 'Tolvan Tolvansson' })).toBe(true);
    expect(showsPatientData({ task: { input: { subject: { name: 'x' } } } })).toBe(true);
    expect(showsPatientData({ items: [{ id: 1 }, { personnummer: '191212121212' }] })).toBe(true);
  });

  it('does not count an erased or absent patient, or an answer without one', () => {
    expect(showsPatientData({ id: 'c', patient: null, patientName: '', subject: undefined })).toBe(false);
    expect(showsPatientData({ items: [{ id: 'c', summary: { careType: 'somatic' } }], nextCursor: null })).toBe(false);
    expect(showsPatientData(null)).toBe(false);
    expect(showsPatientData('patientName')).toBe(false);
  });

  it('stops at a bounded depth', () => {
    let deep: Record<string, unknown> = { patientName: 'x' };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    expect(showsPatientData(deep)).toBe(false);
  });
});

describe('patientDataReadEntry', () => {
  const principal = { personId: 'p1', name: 'P', organisationCode: '0125', organisationKind: 'municipality', roles: ['case_handler' as const, 'finance' as const] };

  it('records the route template, the roles that gave access, and no URL', () => {
    const entry = patientDataReadEntry(principal, { caseId: 'c1', taskId: 't1', requestId: 'r1', method: 'GET', route: '/tasks/:taskId', roles: ['case_handler'], via: 'task.read' });
    expect(entry).toEqual({
      actor: 'p1',
      organisationCode: '0125',
      action: 'patient_data.read',
      caseId: 'c1',
      taskId: 't1',
      requestId: 'r1',
      outcome: 'success',
      detail: { endpoint: 'GET /tasks/:taskId', roles: ['case_handler'], via: 'task.read' },
    });
  });

  it("falls back to the person's roles when the access service noted none", () => {
    const entry = patientDataReadEntry(principal, { caseId: 'c1', taskId: null, requestId: null, method: 'GET', route: '/x', via: 'GET /x' });
    expect(entry.detail?.roles).toEqual(['case_handler', 'finance']);
  });
});
