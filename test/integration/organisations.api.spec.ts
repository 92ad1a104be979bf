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
