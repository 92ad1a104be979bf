/**
 * Issue 12: an expired session leads back to sign-in without losing a half-filled form. A nurse at Karolinska
 * starts the inskrivningsmeddelande, her token runs out (dev tokens of 10 s here, no clock tolerance), she fills in
 * the rest and sends: the API answers 401, the app shows the sign-in with a Swedish message, she signs in again
 * (the same person) and finds Ny utskrivning as she left it, every value there; the send then opens the case.
 * The values are kept in memory only (the session's draft store), never in storage or the address.
 *
 * The page's clock is Playwright's, paused at a fixed instant until the 401: the header's task count (a timer) does
 * not poll, so the 401 comes from her own send, and nothing depends on the time of day. Then it runs again (axe
 * needs timers). Only the token's lifetime is real time.
 */
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { HISTORIC_STAYS } from '../support/test-app';
import { expectNoSeriousA11yViolations, useBrowserStack } from './support/browser';
import { expectNoPersonnummerIn, TOLVAN, watchAddresses } from './support/discharge-app';

/** Long enough for the steps after the second sign-in (the count polls again then), short for the wait. */
const TOKEN_LIFETIME_S = 10;
/** Monday 3 March 2025, 09:00 in Stockholm: the page's paused clock. */
const PAGE_NOW = new Date('2025-03-03T08:00:00Z');

/** What the form shows, field by field. */
async function formValues(page: Page) {
  return {
    personnummer: await page.getByLabel('Personnummer').inputValue(),
    patientName: await page.getByLabel('Patientens namn').inputValue(),
    municipality: await page.getByLabel('Kommun', { exact: true }).inputValue(),
    vardcentral: await page.getByLabel('Vårdcentral', { exact: true }).inputValue(),
    admittedAt: await page.getByLabel('Inskriven').inputValue(),
    estimatedDischargeDate: await page.getByLabel('Beräknat utskrivningsdatum').inputValue(),
    somatic: await page.getByRole('radio', { name: 'Somatisk vård' }).isChecked(),
    hemtjanst: await page.getByRole('checkbox', { name: 'Hemtjänst' }).isChecked(),
  };
}

describe('an expired session', () => {
  const stack = useBrowserStack({
    overrides: { ...HISTORIC_STAYS, AUTH_DEV_TOKEN_LIFETIME: `${TOKEN_LIFETIME_S}s`, AUTH_CLOCK_TOLERANCE_SECONDS: '0' },
  });

  it('leads back to sign-in, and after signing in again the half-filled Ny utskrivning is there as it was', async () => {
    const nurse = await stack.newPerson('Helena Sjukhus', { org: 'KS', roles: ['case_handler'] });
    const page = nurse.page;
    const addresses = watchAddresses(page);
    await page.clock.install({ time: PAGE_NOW });
    await page.clock.pauseAt(PAGE_NOW);
    await nurse.signIn();
    const signedInAt = Date.now();

    // Half the form.
    await page.getByRole('link', { name: 'Ny utskrivning' }).click();
    await page.getByRole('heading', { name: 'Ny utskrivning', level: 1 }).waitFor();
    await page.getByLabel('Personnummer').fill(TOLVAN.personnummer);
    await page.getByLabel('Patientens namn').fill(TOLVAN.name);
    await page.getByLabel('Kommun', { exact: true }).selectOption({ label: 'Solna kommun' });
    await page.getByLabel('Vårdcentral', { exact: true }).selectOption({ label: 'Solna vårdcentral' });
    const formUrl = page.url();

    // The token runs out while she works (real time: the API's clock decides).
    const left = signedInAt + (TOKEN_LIFETIME_S + 1) * 1000 - Date.now();
    if (left > 0) await new Promise((r) => setTimeout(r, left));

    // She fills in the rest and sends: the API says 401, and the app asks her to sign in again.
    await page.getByLabel('Inskriven').fill('2025-03-03T08:00');
    await page.getByLabel('Beräknat utskrivningsdatum').fill('2025-03-10');
    await page.getByRole('radio', { name: 'Somatisk vård' }).check();
    await page.getByRole('checkbox', { name: 'Hemtjänst' }).check();
    const filled = await formValues(page);
    const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/discharge-handovers');
    await page.getByRole('button', { name: 'Skicka inskrivningsmeddelande' }).click();
    expect((await refused).status()).toBe(401);
    await page.getByRole('heading', { name: 'Logga in', level: 1 }).waitFor();
    await page.getByText('Din session har gått ut. Logga in igen, så kommer du tillbaka dit du var.').waitFor();
    expect(page.url()).toBe(formUrl);
    await page.clock.resume();
    await expectNoSeriousA11yViolations(page);
    // Kept in memory only: nothing in the browser's storage.
    expect(await page.evaluate('[localStorage.length, sessionStorage.length]')).toEqual([0, 0]);

    // The same person signs in again (without reloading the page) and is back on the form, every value there.
    await page.getByRole('combobox', { name: 'Organisation', exact: true }).selectOption('KS');
    await page.getByRole('textbox', { name: 'Namn', exact: true }).fill(nurse.name);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Ny utskrivning', level: 1 }).waitFor();
    await page.getByRole('option', { name: 'Solna kommun' }).waitFor({ state: 'attached' });
    expect(await formValues(page)).toEqual(filled);
    expect(filled).toMatchObject({ personnummer: TOLVAN.personnummer, patientName: TOLVAN.name, somatic: true, hemtjanst: true });
    await expectNoSeriousA11yViolations(page);

    // Nothing was lost: the send now opens the case.
    await page.getByRole('button', { name: 'Skicka inskrivningsmeddelande' }).click();
    await page.waitForURL(/\/arenden\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /Utskrivning/, level: 1 }).waitFor();
    expectNoPersonnummerIn(addresses);
  });

  it('gives the drafts to no one else: another person signing in on the same page finds an empty form', async () => {
    const nurse = await stack.newPerson('Helena Sjukhus', { org: 'KS', roles: ['case_handler'] });
    const page = nurse.page;
    await page.clock.install({ time: PAGE_NOW });
    await page.clock.pauseAt(PAGE_NOW);
    await nurse.signIn();
    const signedInAt = Date.now();
    await page.getByRole('link', { name: 'Ny utskrivning' }).click();
    await page.getByLabel('Personnummer').fill(TOLVAN.personnummer);
    await page.getByLabel('Patientens namn').fill(TOLVAN.name);
    const left = signedInAt + (TOKEN_LIFETIME_S + 1) * 1000 - Date.now();
    if (left > 0) await new Promise((r) => setTimeout(r, left));
    // The header's count polls once the page's clock moves on: the 401 sends her to the sign-in.
    await page.clock.runFor(5_000);
    await page.getByText(/Din session har gått ut/).waitFor();

    // A colleague signs in at the same computer: the form is empty for her.
    await page.getByRole('combobox', { name: 'Organisation', exact: true }).selectOption('KS');
    await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Kollega Annan');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Ny utskrivning', level: 1 }).waitFor();
    expect(await page.getByLabel('Personnummer').inputValue()).toBe('');
    expect(await page.getByLabel('Patientens namn').inputValue()).toBe('');
  });
});
