import type { Role } from '../../libs/auth/src/principal';
import { callerFor, sql, useTestStack } from '../support/test-app';

describe('organisations (real PostgreSQL)', () => {
  const stack = useTestStack({}, { worker: false });
  const as = (org: string, roles: Role[]) => callerFor(stack.app, stack.config, org, roles);

  it("seeds Stockholm County's 26 municipalities by official code, the city districts and the region bodies", async () => {
    const res = await (await as('0125', ['case_handler'])).get('/organisations?kind=municipality').expect(200);
    expect(res.body).toHaveLength(26);
    expect(res.body.find((o: { code: string }) => o.code === '0125')).toEqual({ code: '0125', kind: 'municipality', name: 'Ekerö kommun', active: true, validFrom: null, validTo: null });
    const districts = await (await as('0125', ['case_handler'])).get('/organisations?kind=city_district').expect(200);
    expect(districts.body).toHaveLength(15); // the history: 13 districts to 2023-06-30, 11 from 2023-07-01
    const on = async (date: string) => (await (await as('0125', ['case_handler'])).get(`/organisations?kind=city_district&date=${date}`).expect(200)).body;
    expect(await on('2023-06-30')).toHaveLength(13);
    expect(await on('2023-07-01')).toHaveLength(11);
    expect((await on('2023-07-01')).find((o: { code: string }) => o.code === '0180-JARVA')).toMatchObject({ name: 'Järva stadsdelsförvaltning', validFrom: '2023-07-01', validTo: null });
    await (await as('0125', ['case_handler'])).get('/organisations?date=2023-13-01').expect(400);
    const all = (await (await as('0125', ['case_handler'])).get('/organisations').expect(200)).body.map((o: { code: string }) => o.code);
    expect(all).toEqual(expect.arrayContaining(['SLSO', 'HSF', 'HSF-FIN', 'HSN', 'KS', 'VC-EKERO', 'ASIH-NORR']));
    await (await as('0125', ['case_handler'])).get('/organisations?kind=castle').expect(400);
  });

  it('seeds the 21 regions by their county codes, the 21 county boards (LST-), SKR and Socialstyrelsen (issue 14)', async () => {
    const caller = await as('0125', ['case_handler']);
    const byKind = async (kind: string) => (await caller.get(`/organisations?kind=${kind}`).expect(200)).body as { code: string; name: string }[];
    const regions = await byKind('region');
    expect(regions.map((o) => o.code)).toEqual(['01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20', '21', '22', '23', '24', '25']);
    expect(regions[0]).toEqual({ code: '01', kind: 'region', name: 'Region Stockholm', active: true, validFrom: null, validTo: null });
    expect(regions.find((o) => o.code === '14')?.name).toBe('Västra Götalandsregionen');
    const boards = await byKind('county_board');
    expect(boards.map((o) => o.code)).toEqual(regions.map((o) => `LST-${o.code}`));
    expect(boards[0]).toMatchObject({ code: 'LST-01', name: 'Länsstyrelsen i Stockholms län' });
    expect(boards.find((o) => o.code === 'LST-04')?.name).toBe('Länsstyrelsen i Södermanlands län');
    expect(await byKind('association')).toEqual([{ code: 'SKR', kind: 'association', name: 'Sveriges Kommuner och Regioner', active: true, validFrom: null, validTo: null }]);
    expect((await byKind('national_agency')).map((o) => o.code)).toEqual(['SOCIALSTYRELSEN']);
    // Their people can sign in and act: a region's and a county board's inbox is there (empty).
    await (await as('01', ['case_handler'])).get('/tasks').expect(200);
    await (await as('LST-01', ['case_handler'])).get('/tasks').expect(200);
  });

  it('lets HSF’s register admin create an organisation once, with the change and its audit row together', async () => {
    const admin = await as('HSF', ['register_admin']);
    const created = await admin.post('/organisations').send({ code: 'VC-VALLENTUNA', kind: 'vardcentral', name: 'Vallentuna vårdcentral' }).expect(201);
    expect(created.body).toEqual({ code: 'VC-VALLENTUNA', kind: 'vardcentral', name: 'Vallentuna vårdcentral', active: true, validFrom: null, validTo: null });
    const dup = await admin.post('/organisations').send({ code: 'VC-VALLENTUNA', kind: 'vardcentral', name: 'Igen' }).expect(409);
    expect(dup.body.field).toBe('code');
    await admin.post('/organisations').send({ code: 'x', kind: 'vardcentral', name: 'Kort' }).expect(400);
    await admin.post('/organisations').send({ code: 'VC-NY', kind: 'castle', name: 'Slott' }).expect(400);

    const rows = await sql<{ action: string; outcome: string }>(stack.config, `SELECT action, outcome FROM audit_log WHERE action = 'organisation.create' ORDER BY id`);
    expect(rows.map((r) => r.outcome)).toEqual(['success', 'refused:409', 'refused:400', 'refused:400']);
  });

  it("shuts out a deactivated organisation's people until it is activated again", async () => {
    const admin = await as('HSF', ['register_admin']);
    const nacka = await as('0182', ['case_handler']);
    await nacka.get('/tasks').expect(200);
    await admin.post('/organisations/0182/deactivate').expect(200);
    const refused = await nacka.get('/tasks').expect(403);
    expect(refused.body.message).toBe('organisation 0182 is unknown or not active');
    await admin.post('/organisations/0182/activate').expect(200);
    await nacka.get('/tasks').expect(200);
    await admin.post('/organisations/NOPE/deactivate').expect(404);
  });
});
