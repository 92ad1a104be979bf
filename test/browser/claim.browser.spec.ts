/**
 * A reimbursement claim through the app, each person at their own computer working from their own screens: SLSO
 * drafts it (HDIR 20348's costs of November 2020) and submits it; HSF's approver sees the review in the inbox and
 * approves it in part, with a reason for each reduced line; HSF finance sees the payment in the inbox and pays it;
 * SLSO sees it paid. The workflow moves the claim (tasks arrive by the worker; nothing is written behind the app's
 * back). Then Samordning and Uppföljning with that claim's figures. axe on every screen reached.
 */
import type { Locator, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations, useBrowserStack } from './support/browser';

const UUID = /\/ersattning\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Swedish money as the screens print it, whatever space Intl puts between the groups. */
const kr = (text: string) => new RegExp(text.replace(/ /g, '[\\s\\u00a0\\u202f]'));

/** Waits until the element shows the text (the screens follow the workflow, so a figure may come a moment later). */
async function shows(locator: Locator, text: string | RegExp) {
  await locator.filter({ hasText: text }).first().waitFor();
}

async function menu(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name }).click();
}

async function fillLine(page: Page, n: number, line: { date: string; category: string; amount: string; description: string; ref: string }) {
  const fieldset = page.getByRole('group', { name: `Kostnadsrad ${n}` });
  await fieldset.getByRole('textbox', { name: 'Datum' }).fill(line.date);
  await fieldset.getByRole('combobox', { name: 'Kategori' }).selectOption({ label: line.category });
  await fieldset.getByRole('textbox', { name: 'Belopp (kr)' }).fill(line.amount);
  await fieldset.getByRole('textbox', { name: 'Beskrivning' }).fill(line.description);
  await fieldset.getByRole('textbox', { name: 'Underlag (referens)' }).fill(line.ref);
}

async function openClaimFromList(page: Page) {
  await menu(page, 'Ersättning');
  await page.getByRole('heading', { name: 'Ersättning', level: 1 }).waitFor();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: 'HDIR 20348, version 1' }).first().click();
  await page.waitForURL(UUID);
  await page.getByRole('heading', { name: 'Ersättningsanspråk HDIR 20348' }).waitFor();
}

describe('a reimbursement claim through the app', () => {
  const stack = useBrowserStack();

  it('SLSO drafts and submits, HSF approves in part, HSF finance pays, each from their own screens', async () => {
    const slso = await stack.newPerson('slso', { org: 'SLSO', roles: ['case_handler'], name: 'Sara Slso' });
    const approver = await stack.newPerson('hsf-attest', { org: 'HSF', roles: ['approver'], name: 'Harald Hsf' });
    const finance = await stack.newPerson('hsf-ekonomi', { org: 'HSF-FIN', roles: ['finance'], name: 'Fia Ekonomi' });

    // SLSO: a new claim, saved as a draft, then submitted.
    await slso.signIn();
    await menu(slso.page, 'Ersättning');
    await slso.page.getByText('Inga ersättningsanspråk för din organisation.').waitFor();
    await expectNoSeriousA11yViolations(slso.page);
    await slso.page.getByRole('button', { name: 'Nytt ersättningsanspråk' }).click();
    await slso.page.getByRole('heading', { name: 'Nytt ersättningsanspråk' }).waitFor();
    const mandate = slso.page.getByRole('combobox', { name: 'Beslut' });
    const hdir = await mandate.locator('option', { hasText: 'HDIR 20348' }).getAttribute('value');
    await mandate.selectOption(hdir as string);
    await slso.page.getByRole('textbox', { name: 'Period från' }).fill('2020-11-02');
    await slso.page.getByRole('textbox', { name: 'Period till' }).fill('2020-11-30');
    await fillLine(slso.page, 1, { date: '2020-11-10', category: 'Personal', amount: '42 000', description: 'Samordnare, 40 timmar', ref: 'SLSO-UND-2020-117' });
    await slso.page.getByRole('button', { name: 'Lägg till kostnadsrad' }).click();
    await fillLine(slso.page, 2, { date: '2020-11-12', category: 'Skyddsutrustning', amount: '9500', description: 'Visir och förkläden', ref: 'SLSO-UND-2020-118' });
    await slso.page.getByRole('button', { name: 'Lägg till kostnadsrad' }).click();
    // A mistake first: the form says so at the field, and nothing is sent.
    await fillLine(slso.page, 3, { date: '2020-11-20', category: 'Resor', amount: 'tolv hundra', description: 'Resa till Ekerö', ref: 'SLSO-UND-2020-119' });
    await slso.page.getByRole('button', { name: 'Spara utkast' }).click();
    await slso.page.getByText('Ange ett belopp i kronor, till exempel 42 000 eller 950,50.').waitFor();
    await expectNoSeriousA11yViolations(slso.page);
    await slso.page.getByRole('group', { name: 'Kostnadsrad 3' }).getByRole('textbox', { name: 'Belopp (kr)' }).fill('1200');
    await slso.page.getByRole('button', { name: 'Spara utkast' }).click();
    await slso.page.waitForURL(UUID);
    const claimUrl = slso.page.url();
    expect(claimUrl).not.toMatch(/\d{8}-?\d{4}/); // case ids only in the address bar
    await slso.page.getByText('Utkast', { exact: true }).waitFor();
    expect(await slso.page.getByRole('table', { name: 'Kostnadsrader' }).getByRole('row').count()).toBe(4);
    await expectNoSeriousA11yViolations(slso.page);
    // A change to the draft before it goes: line 3's description.
    await slso.page.getByRole('button', { name: 'Ändra utkastet' }).click();
    await slso.page.getByRole('group', { name: 'Kostnadsrad 3' }).getByRole('textbox', { name: 'Beskrivning' }).fill('Resa till Ekerö, med kvitto');
    await expectNoSeriousA11yViolations(slso.page);
    await slso.page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await slso.page.getByRole('table', { name: 'Kostnadsrader' }).getByRole('row', { name: /Resa till Ekerö, med kvitto/ }).waitFor();
    await slso.page.getByRole('button', { name: 'Skicka in anspråket' }).click();
    await slso.page.getByText('Granskas', { exact: true }).waitFor();

    // HSF's approver: the review arrives in the inbox by the workflow; the decision is made on the claim's screen.
    await approver.signIn();
    await approver.page.getByRole('row', { name: /Granska ersättningsanspråk/ }).waitFor({ timeout: 30_000 });
    await expectNoSeriousA11yViolations(approver.page);
    // The task's Uppgift leads to the claim, where the decision is made.
    await approver.page.getByRole('link', { name: 'Granska ersättningsanspråk' }).click();
    await approver.page.getByRole('heading', { name: 'Granska ersättningsanspråk', level: 1 }).waitFor();
    await expectNoSeriousA11yViolations(approver.page);
    await approver.page.getByRole('link', { name: 'Öppna ersättningsanspråket' }).click();
    await approver.page.waitForURL(claimUrl);
    await approver.page.getByRole('heading', { name: 'Ersättningsanspråk HDIR 20348' }).waitFor();
    const review = approver.page.locator('form', { has: approver.page.getByRole('heading', { name: 'Granska anspråket' }) });
    await review.waitFor();
    await review.getByRole('radio', { name: 'Godkänn delvis' }).check();
    await review.getByRole('textbox', { name: 'Godkänt belopp för rad 1 (kr)' }).fill('30 000');
    await review.getByRole('textbox', { name: 'Godkänt belopp för rad 3 (kr)' }).fill('0');
    await review.getByRole('button', { name: 'Skicka beslut' }).click();
    await review.getByText('Ange skälet till att beloppet sänks.').first().waitFor();
    expect(await review.getByText('Ange skälet till att beloppet sänks.').count()).toBe(2);
    await expectNoSeriousA11yViolations(approver.page);
    await review.getByRole('textbox', { name: 'Skäl för rad 1' }).fill('Timmar utanför uppdraget');
    await review.getByRole('textbox', { name: 'Skäl för rad 3' }).fill('Resan gällde annat uppdrag');
    await review.getByRole('button', { name: 'Skicka beslut' }).click();
    await approver.page.getByText('Godkänt', { exact: true }).waitFor();
    const totals = approver.page.getByRole('table', { name: 'Per kategori, mot beslutets tak' });
    await shows(totals.getByRole('row', { name: /Personal/ }), kr('Personal\\s*42 000,00 kr\\s*30 000,00 kr'));
    await shows(totals.getByRole('row', { name: /Resor/ }), kr('Resor\\s*1 200,00 kr\\s*0,00 kr'));
    await expectNoSeriousA11yViolations(approver.page);

    // HSF finance: the payment arrives in its inbox; it pays the approved 39 500 kr.
    await finance.signIn();
    const payment = finance.page.getByRole('row', { name: /Betala ersättning/ });
    await payment.waitFor({ timeout: 30_000 });
    await expectNoSeriousA11yViolations(finance.page);
    // The inbox row's case link goes to the claim's own screen.
    await payment.getByRole('link', { name: /^Ersättning / }).click();
    await finance.page.waitForURL(claimUrl);
    await finance.page.getByRole('heading', { name: 'Ersättningsanspråk HDIR 20348' }).waitFor();
    const pay = finance.page.locator('form', { has: finance.page.getByRole('heading', { name: 'Betala ut' }) });
    await shows(pay, kr('39 500,00 kr'));
    await pay.getByRole('textbox', { name: 'Betalningsreferens' }).fill('BET-2021-0042');
    await pay.getByRole('textbox', { name: 'Betaldag' }).fill('2021-02-15');
    await pay.getByRole('button', { name: 'Registrera utbetalning' }).click();
    await finance.page.getByText('Utbetalt', { exact: true }).waitFor();
    await finance.page.getByText(kr('Utbetalt 39 500,00 kr den 15 februari 2021, referens BET-2021-0042.')).waitFor();
    await expectNoSeriousA11yViolations(finance.page);

    // SLSO's screen follows the claim: paid, with each line's approved amount and reason.
    await slso.page.getByText('Utbetalt', { exact: true }).waitFor({ timeout: 15_000 });
    const lines = slso.page.getByRole('table', { name: 'Kostnadsrader' });
    await shows(lines.getByRole('row', { name: /Samordnare, 40 timmar/ }), 'Timmar utanför uppdraget');
    await shows(lines.getByRole('row', { name: /Resa till Ekerö, med kvitto/ }), 'Resan gällde annat uppdrag');
    await expectNoSeriousA11yViolations(slso.page);
  });

  it('HSF sends a claim back, SLSO completes it from its screen and then withdraws it', async () => {
    const slso = await stack.newPerson('slso-2', { org: 'SLSO', roles: ['case_handler'], name: 'Sara Slso' });
    const approver = await stack.newPerson('hsf-attest-2', { org: 'HSF', roles: ['approver'], name: 'Harald Hsf' });
    await slso.signIn();
    await menu(slso.page, 'Ersättning');
    await slso.page.getByRole('button', { name: 'Nytt ersättningsanspråk' }).click();
    const mandate = slso.page.getByRole('combobox', { name: 'Beslut' });
    await mandate.selectOption((await mandate.locator('option', { hasText: 'HDIR 20348' }).getAttribute('value')) as string);
    await slso.page.getByRole('textbox', { name: 'Period från' }).fill('2020-12-01');
    await slso.page.getByRole('textbox', { name: 'Period till' }).fill('2020-12-31');
    await fillLine(slso.page, 1, { date: '2020-12-03', category: 'Resor', amount: '800', description: 'Resa', ref: 'SLSO-UND-2020-140' });
    await slso.page.getByRole('button', { name: 'Spara utkast' }).click();
    await slso.page.waitForURL(UUID);
    await slso.page.getByRole('button', { name: 'Skicka in anspråket' }).click();
    await slso.page.getByText('Granskas', { exact: true }).waitFor();

    await approver.signIn();
    await approver.page.getByRole('row', { name: /Granska ersättningsanspråk/ }).waitFor({ timeout: 30_000 });
    await openClaimFromList(approver.page);
    const review = approver.page.locator('form', { has: approver.page.getByRole('heading', { name: 'Granska anspråket' }) });
    await review.getByRole('radio', { name: 'Skicka tillbaka för komplettering' }).check();
    await review.getByRole('textbox', { name: 'Vad ska kompletteras' }).fill('Underlag saknas för resan');
    await expectNoSeriousA11yViolations(approver.page);
    await review.getByRole('button', { name: 'Skicka beslut' }).click();
    await approver.page.getByText('Skickat tillbaka', { exact: true }).waitFor();

    // SLSO's screen follows: HSF's comment, and the completion form once the workflow has opened the task.
    await slso.page.getByText('Skickat tillbaka för komplettering: Underlag saknas för resan').waitFor({ timeout: 15_000 });
    const amend = slso.page.locator('form', { has: slso.page.getByRole('heading', { name: 'Komplettera anspråket' }) });
    await amend.waitFor({ timeout: 15_000 });
    await amend.getByRole('group', { name: 'Kostnadsrad 1' }).getByRole('textbox', { name: 'Beskrivning' }).fill('Resa, med kvitto');
    await amend.getByRole('textbox', { name: 'Kommentar till HSF' }).fill('Kvitto bifogat');
    await expectNoSeriousA11yViolations(slso.page);
    await amend.getByRole('button', { name: 'Skicka in kompletteringen' }).click();
    await slso.page.getByText('Granskas', { exact: true }).waitFor();
    await slso.page.getByText('2, inskickad').waitFor();

    await slso.page.getByRole('button', { name: 'Återkalla anspråket' }).click();
    await slso.page.getByRole('button', { name: 'Återkalla', exact: true }).click();
    await slso.page.getByText('Ange skälet till att anspråket återkallas.').waitFor();
    await slso.page.getByRole('textbox', { name: 'Skäl' }).fill('Dubblett');
    await slso.page.getByRole('button', { name: 'Återkalla', exact: true }).click();
    await slso.page.getByText('Återkallat: Dubblett').waitFor();
    await expectNoSeriousA11yViolations(slso.page);
  });

  it('Samordning and Uppföljning, the charts loaded only when Uppföljning is opened', async () => {
    const slso = await stack.newPerson('slso-uppfoljning', { org: 'SLSO', roles: ['case_handler'], name: 'Sara Slso' });
    const chunks: string[] = [];
    const problems: string[] = [];
    slso.page.on('request', (r) => chunks.push(new URL(r.url()).pathname));
    // Console errors (a CSP refusal of the charts' styles would be one), and refused requests but the agreement's 404
    // (no agreement has been started in this stack, which Samordning says in words).
    slso.page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
    slso.page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/coordination/agreement') && problems.push(`${r.status()} ${r.url()}`));
    await slso.signIn();

    await menu(slso.page, 'Samordning');
    await slso.page.getByRole('table', { name: 'Samordningsområden i dag' }).waitFor();
    await slso.page.getByRole('heading', { name: 'Stödavtalet HSN–SLSO' }).waitFor();
    await expectNoSeriousA11yViolations(slso.page);
    expect(chunks.some((p) => /\/assets\/Statistics-.*\.js$/.test(p))).toBe(false);

    await menu(slso.page, 'Uppföljning');
    await slso.page.getByRole('heading', { name: 'Uppföljning', level: 1 }).waitFor();
    const claims = slso.page.getByRole('region', { name: 'Ersättningsanspråk per kategori' });
    await claims.getByRole('img', { name: 'Begärt, godkänt och utbetalt per kostnadskategori' }).locator('canvas').waitFor();
    await claims.getByRole('button', { name: 'Visa som tabell' }).click();
    const table = claims.getByRole('table', { name: 'Ersättningsanspråk per kategori' });
    await shows(table.getByRole('row', { name: /Personal/ }), kr('30 000,00 kr'));
    await shows(table.getByRole('row', { name: /Skyddsutrustning/ }), kr('9 500,00 kr'));
    // SLSO is no party to any discharge here: those views say so rather than fail.
    await slso.page.getByText('Inga utskrivningar under perioden.').nth(2).waitFor();
    expect(chunks.some((p) => /\/assets\/Statistics-.*\.js$/.test(p))).toBe(true);
    await expectNoSeriousA11yViolations(slso.page);
    expect(problems).toEqual([]);
  });
});
