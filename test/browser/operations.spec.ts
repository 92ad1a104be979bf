/**
 * Drift (issue 17): an operator at HSF finds the cases that have stopped moving, filters by problem and reaches each
 * workflow in the Temporal UI; nobody else has the menu entry. Two discharges are opened through the API as
 * Karolinska and then made stalled in PostgreSQL (their tasks fell due hours ago, their projections older still), as
 * if the worker had been away.
 */
import { randomUUID } from 'node:crypto';
import { dischargeNotice, sql, tokenFor } from '../support/test-app';
import { expectNoSeriousA11yViolations, useBrowserStack } from './support/browser';

describe('the Drift screen', () => {
  const stack = useBrowserStack({ overrides: { TEMPORAL_UI_ORIGIN: 'https://temporal.example.se' } });

  it("lists an operator's stalled cases with a link to each workflow, filters by problem, and shows only to operators", async () => {
    const token = await tokenFor(stack.config, 'KS', ['case_handler']);
    const caseIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${stack.baseUrl}/discharge-handovers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify(dischargeNotice()),
      });
      expect(res.status).toBe(201);
      caseIds.push(((await res.json()) as { caseId: string }).caseId);
    }
    // The workflow may still be writing the case's first steps: set the clock back until the list holds both.
    const operatorToken = await tokenFor(stack.config, 'HSF', ['operator']);
    for (let tries = 0; ; tries++) {
      for (const caseId of caseIds) {
        await sql(stack.config, `UPDATE tasks SET due_at = now() - interval '3 hours' WHERE case_id = $1 AND status = 'open'`, [caseId]);
        await sql(stack.config, `UPDATE cases SET updated_at = now() - interval '4 hours' WHERE id = $1`, [caseId]);
      }
      const listed = (await (await fetch(`${stack.baseUrl}/operations/cases?problem=stalled`, { headers: { authorization: `Bearer ${operatorToken}` } })).json()) as { items: { caseId: string }[] };
      if (caseIds.every((id) => listed.items.some((r) => r.caseId === id))) break;
      if (tries > 40) throw new Error(`the two cases never showed as stalled: ${JSON.stringify(listed)}`);
      await new Promise((r) => setTimeout(r, 250));
    }

    // Fifty older stalled cases ahead of them (projection rows only, as a long outage would leave): the list pages.
    await sql(stack.config, `
      WITH c AS (
        INSERT INTO cases (id, case_type, workflow_id, status, parties, version, summary, updated_at)
        SELECT gen_random_uuid(), 'discharge_handover', 'drift-' || g, 'notified', ARRAY['KS'], 1, '{}', now() - interval '1 day' FROM generate_series(1, 50) g
        RETURNING id, case_type, workflow_id)
      INSERT INTO tasks (id, case_id, case_type, workflow_id, kind, assigned_org, required_role, status, due_at, input, answer_schema)
      SELECT gen_random_uuid(), id, case_type, workflow_id, 'discharge.acknowledge_notice', 'KS', 'case_handler', 'open', now() - interval '5 hours', '{}', '{}' FROM c`);

    const operator = await stack.newPerson('drift', { org: 'HSF', roles: ['operator'], name: 'Olle Operatör' });
    await operator.signIn();
    await operator.page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Drift' }).click();
    const table = operator.page.getByRole('table', { name: 'Ärenden som fastnat, äldst först' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(50);
    expect(await table.textContent()).not.toContain(caseIds[0]);
    await operator.page.getByRole('button', { name: 'Visa fler' }).click();
    await rows.nth(51).waitFor();
    expect(await rows.count()).toBe(52);
    await operator.page.getByRole('button', { name: 'Visa fler' }).waitFor({ state: 'detached' });
    for (const caseId of caseIds) {
      const row = rows.filter({ hasText: caseId });
      expect(await row.textContent()).toMatch(/Utskrivning.*Står still.*task_overdue:discharge\./);
      expect(await row.getByRole('link', { name: /Öppna arbetsflödet/ }).getAttribute('href')).toBe(
        `https://temporal.example.se/namespaces/default/workflows/discharge-handover-${caseId}`,
      );
    }
    await expectNoSeriousA11yViolations(operator.page);

    // Only failing activities: none here, said in words; the filter stands in the address (a code, no personal data).
    await operator.page.getByLabel('Problem').selectOption('failing_activity');
    await operator.page.getByText('Inga ärenden har fastnat (aktivitet misslyckas).').waitFor();
    expect(new URL(operator.page.url()).search).toBe('?problem=failing_activity');
    await expectNoSeriousA11yViolations(operator.page);

    // A case handler at Karolinska has no Drift in the menu.
    const handler = await stack.newPerson('sjukhuset', { org: 'KS', roles: ['case_handler'] });
    await handler.signIn();
    const menu = handler.page.getByRole('navigation', { name: 'Huvudmeny' });
    await menu.getByRole('link', { name: /Inkorg/ }).waitFor();
    expect(await menu.getByRole('link', { name: 'Drift' }).count()).toBe(0);
  });
});
