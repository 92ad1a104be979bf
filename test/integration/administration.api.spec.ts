/**
 * Issue 10, findings 1, 2 and 4 and the need-to-know table, through the HTTP API on a real Temporal and PostgreSQL:
 * administration is held within one's own organisation (platform-wide data by the platform roles of HSF, which
 * owns it), audit reads are scoped, each person's answer to a task is their own, and within a party only the roles
 * with a need to know read a case.
 */
import type { Role } from '../../libs/auth/src/principal';
import { Caller, callerFor, dischargeNotice, sql, useTestStack, waitForTask } from '../support/test-app';

const ACK = 'discharge.acknowledge_notice';

describe('administration within one’s own organisation, scoped audit reads, one answer per person', () => {
  const stack = useTestStack();
  const as = (org: string, roles: Role[], person?: string): Promise<Caller> => callerFor(stack.app, stack.config, org, roles, person);
  let seq = 0;
  const openCase = async () => {
    const res = await (await as('KS', ['case_handler']))
      .post('/discharge-handovers')
      .set('Idempotency-Key', `administration-${(seq += 1)}-${process.pid}`)
      .send(dischargeNotice())
      .expect(201);
    return res.body.caseId as string;
  };
  const mandate = (reference: string) => ({
    reference,
    title: 'Låst mandat',
    decidedOn: '2026-01-10',
    validFrom: '2026-01-10',
    validTo: '2026-12-31',
    payerOrg: 'HSF',
    payeeOrg: '0126',
  });

  describe('1. platform-wide data is administered by its owner’s platform roles, never by any admin', () => {
    it.each([
      ['Huddinge’s admin', '0126', ['admin']],
      ['HSF’s own organisation admin', 'HSF', ['admin']],
      ['platform roles claimed at Huddinge', '0126', ['register_admin', 'reference_admin', 'platform_auditor', 'operator']],
    ] as const)('%s: 403 on the register, mandates and reference data, and nothing is written', async (_who, org, roles) => {
      const admin = await as(org, [...roles]);
      expect((await admin.post('/organisations').send({ code: 'VC-KAPAD', kind: 'vardcentral', name: 'Kapad' }).expect(403)).body.code).toBe('FORBIDDEN');
      await admin.post('/organisations/VC-NACKA/deactivate').expect(403);
      await admin.put('/payment-liability/daily-amounts/2031').send({ amountOre: 1 }).expect(403);
      await admin.post('/payment-liability/daily-amounts/2022/corrections').send({ amountOre: 1, reason: 'x' }).expect(403);
      await admin.put('/indices/lpik/2031').send({ percent: 0.01 }).expect(403);
      await admin.post('/mandates').send(mandate(`LOCK-${org}-${roles.length}`)).expect(403);

      expect(await sql(stack.config, `SELECT code FROM organisations WHERE code = 'VC-KAPAD'`)).toEqual([]);
      expect(await sql(stack.config, `SELECT active FROM organisations WHERE code = 'VC-NACKA'`)).toEqual([{ active: true }]);
      expect(await sql(stack.config, 'SELECT year FROM payment_liability_daily_amounts WHERE year = 2031')).toEqual([]);
      expect(await sql(stack.config, `SELECT amount_ore FROM payment_liability_daily_amounts WHERE year = 2022`)).toEqual([{ amount_ore: '930000' }]);
      expect(await sql(stack.config, 'SELECT year FROM lpik_indices WHERE year = 2031')).toEqual([]);
      expect(await sql(stack.config, `SELECT id FROM mandates WHERE reference LIKE 'LOCK-%'`)).toEqual([]);
    });

    it('HSF’s register admin keeps the register and the mandates', async () => {
      const keeper = await as('HSF', ['register_admin']);
      await keeper.post('/organisations').send({ code: 'VC-NYTT', kind: 'vardcentral', name: 'Nya vårdcentralen' }).expect(201);
      const created = await keeper.post('/mandates').send(mandate('HSF-REG-1')).expect(201);
      expect((await keeper.get('/mandates').expect(200)).body.map((m: { id: string }) => m.id)).toContain(created.body.id);
      // Other organisations see the mandates they are party to, and only those.
      const huddinge = (await (await as('0126', ['approver'])).get('/mandates').expect(200)).body;
      expect(huddinge.map((m: { reference: string }) => m.reference)).toEqual(['HSF-REG-1']);
      expect((await (await as('0125', ['approver'])).get('/mandates').expect(200)).body).toEqual([]);
    });

    it('a registered daily amount is corrected only through an audited correction by HSF’s reference admin', async () => {
      const owner = await as('HSF', ['reference_admin'], 'rut.hsf');
      await owner.put('/payment-liability/daily-amounts/2033').send({ amountOre: 930_000 }).expect(200);
      const again = await owner.put('/payment-liability/daily-amounts/2033').send({ amountOre: 940_000 }).expect(409);
      expect(again.body.message).toContain('corrected');

      const corrected = await owner
        .post('/payment-liability/daily-amounts/2033/corrections')
        .send({ amountOre: 940_000, reason: 'Socialstyrelsens beslut anger 9 400 kr' })
        .expect(200);
      expect(corrected.body).toMatchObject({ year: 2033, amountOre: 940_000, registeredBy: 'rut.hsf', correctedBy: 'rut.hsf' });
      expect((await owner.get('/payment-liability/daily-amounts').expect(200)).body.find((a: { year: number }) => a.year === 2033)).toMatchObject({ amountOre: 940_000 });
      const [row] = await sql<{ actor: string; organisation_code: string; detail: unknown }>(
        stack.config,
        `SELECT actor, organisation_code, detail FROM audit_log WHERE action = 'daily_amount.correct'`,
      );
      expect(row).toEqual({ actor: 'rut.hsf', organisation_code: 'HSF', detail: { year: 2033, fromOre: 930_000, toOre: 940_000, reason: 'Socialstyrelsens beslut anger 9 400 kr' } });

      await owner.post('/payment-liability/daily-amounts/2033/corrections').send({ amountOre: 940_000, reason: 'igen' }).expect(409);
      expect((await owner.post('/payment-liability/daily-amounts/2034/corrections').send({ amountOre: 1, reason: 'x' }).expect(404)).body.field).toBe('year');
      await owner.post('/payment-liability/daily-amounts/2033/corrections').send({ amountOre: 950_000 }).expect(400);
    });

    it('so is a registered LPIK', async () => {
      const owner = await as('HSF', ['reference_admin'], 'rut.hsf');
      await owner.put('/indices/lpik/2035').send({ percent: 2.6 }).expect(200);
      await owner.put('/indices/lpik/2035').send({ percent: 2.7 }).expect(409);
      const corrected = await owner.post('/indices/lpik/2035/corrections').send({ percent: 2.7, reason: 'Utfall i stället för prognos' }).expect(200);
      expect(corrected.body).toMatchObject({ year: 2035, percent: 2.7, correctedBy: 'rut.hsf' });
      const [row] = await sql<{ detail: unknown }>(stack.config, `SELECT detail FROM audit_log WHERE action = 'lpik.correct'`);
      expect(row.detail).toEqual({ year: 2035, fromHundredths: 260, toHundredths: 270, reason: 'Utfall i stället för prognos' });
    });
  });

  describe('2. audit reads are scoped to one’s organisation; the platform auditor reads all, audited', () => {
    it('another organisation’s admin sees none of a case it is not party to; a party’s admin sees all of it', async () => {
      const caseId = await openCase();
      await waitForTask(await as('0125', ['case_handler']), caseId, ACK);

      const huddinge = await as('0126', ['admin'], 'hugo.admin');
      expect((await huddinge.get(`/audit?caseId=${caseId}`).expect(200)).body.items).toEqual([]);
      const all = (await huddinge.get('/audit?limit=200').expect(200)).body.items as { organisationCode: string; caseId: string | null }[];
      expect(all.length).toBeGreaterThan(0); // its own reads, at least
      expect(all.filter((r) => r.organisationCode !== '0126')).toEqual([]);

      const ekero = (await (await as('0125', ['admin'])).get(`/audit?caseId=${caseId}`).expect(200)).body.items;
      expect(ekero.map((r: { action: string; organisationCode: string }) => `${r.action} ${r.organisationCode}`)).toContain('discharge.open KS');
    });

    it('the platform auditor at HSF reads every organisation’s rows, and the read is itself audited', async () => {
      const caseId = await openCase();
      const auditor = await as('HSF', ['platform_auditor'], 'ida.revisor');
      const rows = (await auditor.get(`/audit?caseId=${caseId}`).expect(200)).body.items;
      expect(rows.map((r: { action: string }) => r.action)).toContain('discharge.open');
      const reads = await sql<{ actor: string; outcome: string; detail: unknown }>(stack.config, `SELECT actor, outcome, detail FROM audit_log WHERE action = 'audit.read' AND actor = 'ida.revisor'`);
      expect(reads).toEqual([{ actor: 'ida.revisor', outcome: 'success', detail: { scope: 'platform', caseId } }]);
      await (await as('0126', ['platform_auditor'])).get('/audit').expect(403);
    });
  });

  describe('4. one answer per person: two people’s identical answers are never merged', () => {
    const completions = (taskId: string) =>
      sql<{ actor: string; outcome: string }>(stack.config, `SELECT actor, outcome FROM audit_log WHERE task_id = $1 AND action = 'task.complete' ORDER BY id`, [taskId]);

    it('a second person sending the same answer after the first gets 409 naming who completed it, with a row of their own', async () => {
      const caseId = await openCase();
      const task = await waitForTask(await as('0125', ['case_handler'], 'anna'), caseId, ACK);
      const done = await (await as('0125', ['case_handler'], 'anna')).post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true } }).expect(200);
      expect(done.body.task.completedBy).toBe('anna');
      const other = await (await as('0125', ['case_handler'], 'bertil')).post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true } }).expect(409);
      expect(other.body).toMatchObject({ code: 'CONFLICT', completedBy: 'anna' });
      expect(await completions(task.id)).toEqual([
        { actor: 'anna', outcome: 'success' },
        { actor: 'bertil', outcome: 'refused:409' },
      ]);
    });

    it('at the same moment: one of them completes it, under their own name; each gets their own answer and audit row', async () => {
      const caseId = await openCase();
      const task = await waitForTask(await as('0125', ['case_handler'], 'anna'), caseId, ACK);
      const [anna, bertil] = [await as('0125', ['case_handler'], 'anna'), await as('0125', ['case_handler'], 'bertil')];
      const answers = await Promise.all(
        [anna, bertil].map((who) => who.post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true } }).then((r) => r)),
      );
      const statuses = answers.map((a) => a.status);
      expect([...statuses].sort()).toEqual([200, 409]);
      const winner = statuses[0] === 200 ? 'anna' : 'bertil';
      const loser = winner === 'anna' ? 'bertil' : 'anna';
      expect(answers.find((a) => a.status === 200)!.body.task.completedBy).toBe(winner);
      const rows = await completions(task.id);
      expect(rows).toHaveLength(2);
      expect(rows).toEqual(expect.arrayContaining([{ actor: winner, outcome: 'success' }, { actor: loser, outcome: 'refused:409' }]));
      const [stored] = await sql<{ completed_by: string }>(stack.config, 'SELECT completed_by FROM tasks WHERE id = $1', [task.id]);
      expect(stored.completed_by).toBe(winner);
    });

    it('the same person sending it twice at once gets the one result twice, with an audit row for each attempt', async () => {
      const caseId = await openCase();
      const anna = await as('0125', ['case_handler'], 'anna');
      const task = await waitForTask(anna, caseId, ACK);
      const answers = await Promise.all([1, 2].map(() => anna.post(`/tasks/${task.id}/complete`).send({ decision: { acknowledged: true } }).then((r) => r)));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(answers.map((a) => a.body.replayed).sort()).toEqual([false, true]);
      expect((await completions(task.id)).map((r) => r.outcome).sort()).toEqual(['replayed', 'success']);
    });
  });

  describe('need to know: within a party, only the roles that need a case read it', () => {
    it('the municipality’s finance staff and admin neither read nor list its discharge cases; its coordinator does', async () => {
      const caseId = await openCase();
      for (const role of ['finance', 'admin', 'approver'] as const) {
        const who = await as('0125', [role]);
        expect((await who.get(`/cases/${caseId}`).expect(403)).body.message).toContain('case_handler or coordinator');
        await who.get(`/discharge-handovers/${caseId}`).expect(403);
        expect((await who.get('/cases?limit=200').expect(200)).body.items).toEqual([]);
      }
      await (await as('0125', ['coordinator'])).get(`/cases/${caseId}`).expect(200);
      const listed = (await (await as('0125', ['coordinator'])).get('/cases?limit=200').expect(200)).body.items.map((c: { id: string }) => c.id);
      expect(listed).toContain(caseId);
    });
  });
});
