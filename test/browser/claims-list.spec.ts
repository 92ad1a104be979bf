/**
 * Ersättning pages through the organisation's claims like every list: 50 at a time, newest first, "Visa fler
 * anspråk" for the rest, and no button once all are shown. The 51 drafts are opened through the API as SLSO (setup
 * beside the app, as a handler's many earlier claims), then SLSO reads them in the app.
 */
import { randomUUID } from 'node:crypto';
import { expectNoSeriousA11yViolations, useBrowserStack } from './support/browser';

describe('the Ersättning list, a page at a time', () => {
  const stack = useBrowserStack();

  it('shows 50 claims, then the 51st after "Visa fler anspråk"', async () => {
    const slso = await stack.newPerson('slso-lista', { org: 'SLSO', roles: ['case_handler'], name: 'Sara Slso' });
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${stack.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${slso.token}`, 'content-type': 'application/json', ...init.headers } });
    const mandates = (await (await api('/mandates')).json()) as { id: string; reference: string }[];
    const mandateId = mandates.find((m) => m.reference === 'HDIR 20348')?.id;
    // One a day from the mandate's first, 2 November 2020: the 51st (22 December) is the newest, so it heads the list.
    for (let n = 1; n <= 51; n++) {
      const day = new Date(Date.UTC(2020, 10, 1 + n)).toISOString().slice(0, 10);
      const body = { mandateId, periodFrom: day, periodTo: day, lines: [{ date: day, category: 'travel', description: `Resa ${n}`, amountOre: 10_000 + n, documentRef: `LISTA-${n}` }] };
      const res = await api('/claims', { method: 'POST', headers: { 'Idempotency-Key': randomUUID() }, body: JSON.stringify(body) });
      expect({ n, status: res.status }).toEqual({ n, status: 201 });
    }

    await slso.signIn();
    await slso.page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Ersättning' }).click();
    const table = slso.page.getByRole('table', { name: 'Ersättningsanspråk, nyaste först' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(50);
    expect(await rows.first().textContent()).toMatch(/22 december 2020/);
    await expectNoSeriousA11yViolations(slso.page);

    await slso.page.getByRole('button', { name: 'Visa fler anspråk' }).click();
    await rows.nth(50).waitFor();
    expect(await rows.count()).toBe(51);
    expect(await rows.last().textContent()).toMatch(/2 november 2020/);
    await slso.page.getByRole('button', { name: 'Visa fler anspråk' }).waitFor({ state: 'detached' });
    await expectNoSeriousA11yViolations(slso.page);
  });
});
