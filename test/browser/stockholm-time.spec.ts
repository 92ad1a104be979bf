/**
 * Dates and times typed into the app are Stockholm time, whatever the computer's own time zone: a ward nurse whose
 * laptop is still on New York time files an admission and declares the patient ready across the night Sweden goes
 * back to winter time (26 October 2025), and the API receives the instants Stockholm's clocks meant. The times the
 * case shows are Stockholm's too. A time the clocks skip (02:30 on 30 March 2025) is refused at the field.
 */
import type { Page, Request } from 'playwright-core';
import { HISTORIC_STAYS } from '../support/test-app';
import { expectNoSeriousA11yViolations, useBrowserStack } from './support/browser';
import { ARRIVAL_MS, fileDischargeNotice } from './support/discharge-app';

/** The JSON body of the app's next POST to `path` (the request as it leaves the browser). */
function nextPost(page: Page, path: RegExp): Promise<Record<string, unknown>> {
  return page
    .waitForRequest((r: Request) => r.method() === 'POST' && path.test(new URL(r.url()).pathname), { timeout: ARRIVAL_MS })
    .then((r) => r.postDataJSON() as Record<string, unknown>);
}

describe('typed times are Stockholm time on a computer in New York', () => {
  const stack = useBrowserStack({ overrides: HISTORIC_STAYS });

  it('admission and readiness arrive as the instants Stockholm meant, across the change to winter time', async () => {
    const nurse = await stack.newPerson('Nora New York', { org: 'KS', roles: ['case_handler'], timezoneId: 'America/New_York' });
    await nurse.signIn();
    const page = nurse.page;
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');

    // Saturday 25 October 2025, 22:00 in Stockholm is still summer time (+02:00).
    const admission = nextPost(page, /^\/discharge-handovers$/);
    await fileDischargeNotice(page, {
      municipality: 'Nacka kommun',
      vardcentral: 'Nacka vårdcentral',
      admittedAt: '2025-10-25T22:00',
      estimatedDischargeDate: '2025-10-27',
      municipalNeeds: ['Hemtjänst'],
      regionNeeds: [],
    });
    expect((await admission).admittedAt).toBe('2025-10-25T20:00:00.000Z');

    // 02:30 on 30 March 2025 never happened in Stockholm (03:00 came straight after 01:59): said at the field, nothing sent.
    const sent: string[] = [];
    const watch = (r: Request) => r.method() === 'POST' && sent.push(new URL(r.url()).pathname);
    page.on('request', watch);
    await page.getByLabel('Bedömd utskrivningsklar').fill('2025-03-30T02:30');
    await page.getByRole('button', { name: 'Meddela utskrivningsklar' }).click();
    await page.getByText('Den tiden finns inte i svensk tid (klockan ställs fram en timme den natten).').waitFor();
    await expectNoSeriousA11yViolations(page);
    page.off('request', watch);
    expect(sent).toEqual([]);

    // Sunday 26 October 2025, 08:00 and 14:00 in Stockholm are winter time (+01:00).
    const ready = nextPost(page, /\/ready-for-discharge$/);
    await page.getByLabel('Bedömd utskrivningsklar').fill('2025-10-26T08:00');
    await page.getByLabel('Planerad utskrivning (valfri)').fill('2025-10-26T14:00');
    await page.getByRole('button', { name: 'Meddela utskrivningsklar' }).click();
    expect(await ready).toEqual({ declaredAt: '2025-10-26T07:00:00.000Z', plannedDischargeAt: '2025-10-26T13:00:00.000Z' });

    // The case shows the planned discharge in Stockholm time, not New York's (09:00).
    await page.getByRole('heading', { name: 'Utskrivning', level: 2 }).waitFor({ timeout: ARRIVAL_MS });
    await page.getByText('26 okt. 2025 14:00').first().waitFor();
    await expectNoSeriousA11yViolations(page);
  });
});
