/**
 * What people do in the app during a discharge, as they would do it: sign in, file the inskrivningsmeddelande, wait
 * for a task to arrive in their own inbox, open it and answer it. Shared by the discharge scenarios.
 */
import { expect } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './browser';

/** Skatteverket's test person: the personnummer that must never show in an address bar. */
export const TOLVAN = { personnummer: '19121212-1212', name: 'Tolvan Tolvansson' };
const PNR_DIGITS = ['19121212', '121212-1212', '1212121212'];

/** How long a person waits for work the workflow makes (the inbox polls its count every 3 s). */
export const ARRIVAL_MS = 30_000;

/** Records every address the page shows (pushState included), to assert none carried the personnummer. */
export function watchAddresses(page: Page): string[] {
  const seen = [page.url()];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) seen.push(frame.url());
  });
  return seen;
}

export function expectNoPersonnummerIn(addresses: string[]): void {
  for (const address of addresses) for (const digits of PNR_DIGITS) expect(address).not.toContain(digits);
}

export interface DischargeNoticeForm {
  municipality: string;
  vardcentral: string;
  /** datetime-local, e.g. 2025-03-03T08:00 (Stockholm) */
  admittedAt: string;
  estimatedDischargeDate: string;
  municipalNeeds: string[];
  regionNeeds: string[];
}

/** The hospital files Ny utskrivning and lands on the new case's page; returns the case id from the address. */
export async function fileDischargeNotice(page: Page, form: DischargeNoticeForm): Promise<string> {
  await page.getByRole('link', { name: 'Ny utskrivning' }).click();
  await page.getByRole('heading', { name: 'Ny utskrivning' }).waitFor();
  // The personnummer is checked while it is typed: a wrong check digit is said at once, before any send.
  const pnr = page.getByLabel('Personnummer');
  await pnr.pressSequentially('19121212-1213');
  await page.getByText(/Personnumret stämmer inte/).waitFor();
  await expectNoSeriousA11yViolations(page);
  await pnr.fill(TOLVAN.personnummer);
  await page.getByText(/Personnumret stämmer inte/).waitFor({ state: 'detached' });
  await page.getByLabel('Patientens namn').fill(TOLVAN.name);
  await page.getByLabel('Kommun', { exact: true }).selectOption({ label: form.municipality });
  await page.getByLabel('Vårdcentral', { exact: true }).selectOption({ label: form.vardcentral });
  // The receivers are municipalities, districts and vårdcentraler: the register's regions, county boards and SKR
  // (the situation reports' parties) are not offered.
  const offered = [
    ...(await page.getByLabel('Kommun', { exact: true }).locator('option').allTextContents()),
    ...(await page.getByLabel('Vårdcentral', { exact: true }).locator('option').allTextContents()),
  ];
  expect(offered).toContain(form.municipality);
  expect(offered.filter((name) => /^Region |regionen$|^Länsstyrelsen|^Sveriges Kommuner och Regioner$/.test(name))).toEqual([]);
  await page.getByLabel('Inskriven').fill(form.admittedAt);
  await page.getByLabel('Beräknat utskrivningsdatum').fill(form.estimatedDischargeDate);
  await page.getByRole('radio', { name: 'Somatisk vård' }).check();
  for (const need of form.municipalNeeds) await page.getByRole('group', { name: 'Förväntade behov av kommunens insatser' }).getByRole('checkbox', { name: need }).check();
  for (const need of form.regionNeeds) await page.getByRole('group', { name: 'Förväntade behov av regionens insatser' }).getByRole('checkbox', { name: need }).check();
  await page.getByRole('button', { name: 'Skicka inskrivningsmeddelande' }).click();
  await page.waitForURL(/\/arenden\/[0-9a-f-]{36}$/, { timeout: ARRIVAL_MS });
  const caseId = /\/arenden\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  if (!caseId) throw new Error(`no case id in ${page.url()}`);
  await page.getByRole('heading', { name: /Utskrivning/, level: 1 }).waitFor();
  return caseId;
}

/** Goes to the inbox (by its link in the header) and waits for a task named `kind` to arrive. */
export async function waitInInbox(page: Page, kind: string): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: /Inkorg/ }).click();
  const link = page.getByRole('table').getByRole('link', { name: kind, exact: true });
  await link.first().waitFor({ timeout: ARRIVAL_MS });
  return link.first();
}

/** Opens the task `kind` from the inbox (waiting for it to arrive) and checks the screen with axe. */
export async function openTask(page: Page, kind: string): Promise<void> {
  await (await waitInInbox(page, kind)).click();
  await page.getByRole('heading', { name: kind, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Skicka svaret' }).waitFor();
  await expectNoSeriousA11yViolations(page);
}

/** Sends the answer and waits for the app to say the task is done. */
export async function sendAnswer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Skicka svaret' }).click();
  await page.getByText('Svaret är skickat och uppgiften är klar.').waitFor();
}

/** Presses Tab until `target` has the focus (at most `max` times), as a keyboard user moves through a page. */
export async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach the element in ${max} presses`);
}
