/**
 * An inter-regional transfer through the app (issue 15): Region Kalmar län declares a free intensive-care bed on the
 * Överflyttning screen; Region Jönköpings län asks for a transfer in the form (a personnummer as the patient's
 * reference is refused at the field first); Socialstyrelsen approves the proposal in Uppgift, ticking Region
 * Östergötland and moving it above Kalmar; Östergötland declines and Kalmar accepts, each in its own inbox, and Kalmar
 * sees the request without Jönköping's reference. Transport, departure, arrival and admission go through the API;
 * Socialstyrelsen's "Rapport till regeringen" then shows the transfer in its table and chart and downloads it as CSV.
 * axe on every screen reached. The workflow moves the request (tasks come from the worker).
 */
import { readFile } from 'node:fs/promises';
import { expectNoSeriousA11yViolations, useBrowserStack, type Person } from './support/browser';
import { ARRIVAL_MS, openTask, sendAnswer, watchAddresses } from './support/discharge-app';

const REFERENCE = 'IVA-RJL-117';
const OFFER = 'Erbjudande: ta emot patienter från annan region';

async function api(stack: { baseUrl: string }, who: Person, path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = ARRIVAL_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Answers the open task `kind` of the request by the API, as `who`. */
async function answer(stack: { baseUrl: string }, who: Person, requestId: string, kind: string, decision: Record<string, unknown>) {
  const task = await until(`${kind} for ${who.label}`, async () => {
    const { body } = await api(stack, who, `/tasks?caseId=${requestId}&status=open`);
    return ((body?.items ?? []) as { id: string; kind: string }[]).find((t) => t.kind === kind) ?? null;
  });
  const res = await api(stack, who, `/tasks/${task.id}/complete`, { method: 'POST', body: { decision } });
  expect(res).toMatchObject({ status: 200 });
}

describe('an inter-regional transfer through the app', () => {
  const stack = useBrowserStack();

  it('Jönköping asks, Socialstyrelsen reorders the proposal, Östergötland declines, Kalmar accepts, and the report shows it', async () => {
    // Jönköping's computer runs on New York time: what it types is still read as Stockholm time.
    const jonkoping = await stack.newPerson('jonkoping', { org: '06', roles: ['coordinator'], name: 'Johanna Samordnare', timezoneId: 'America/New_York' });
    const sos = await stack.newPerson('socialstyrelsen', { org: 'SOCIALSTYRELSEN', roles: ['coordinator'], name: 'Sofia Samordnare' });
    const ostergotland = await stack.newPerson('ostergotland', { org: '05', roles: ['coordinator'], name: 'Östen Samordnare' });
    const kalmar = await stack.newPerson('kalmar', { org: '08', roles: ['coordinator'], name: 'Karin Samordnare' });
    const menu = (who: Person) => who.page.getByRole('navigation', { name: 'Huvudmeny' });

    // Kalmar declares one free intensive-care bed on the Överflyttning screen.
    await kalmar.signIn();
    await menu(kalmar).getByRole('link', { name: 'Överflyttning' }).click();
    await kalmar.page.getByRole('heading', { name: 'Överflyttning', level: 1 }).waitFor();
    const beds = kalmar.page.getByRole('textbox', { name: 'Lediga platser, intensivvård', exact: true });
    await expect(beds.inputValue()).resolves.toBe('0');
    await beds.fill('1');
    await kalmar.page.getByRole('button', { name: 'Spara lediga platser' }).click();
    await kalmar.page.getByText('Lediga platser sparade.').waitFor();
    const icuRow = kalmar.page.getByRole('table', { name: 'Lediga platser per vårdnivå' }).getByRole('row', { name: /^Intensivvård\b(?! med)/ });
    expect((await icuRow.getByRole('cell').allTextContents()).slice(1, 3)).toEqual(['0', '1']);
    await expectNoSeriousA11yViolations(kalmar.page);

    // Jönköping asks for a transfer: a personnummer as the reference is refused at the field, nothing is sent.
    const addresses = watchAddresses(jonkoping.page);
    await jonkoping.signIn();
    await menu(jonkoping).getByRole('link', { name: 'Överflyttning' }).click();
    await jonkoping.page.getByRole('button', { name: 'Begär överflyttning' }).click();
    await jonkoping.page.getByRole('heading', { name: 'Begär överflyttning', level: 1 }).waitFor();
    const form = jonkoping.page.getByRole('form', { name: 'Begär överflyttning' });
    const patient = form.getByRole('group', { name: 'Patient 1' });
    await patient.getByRole('textbox', { name: 'Regionens referens' }).fill('19121212-1212');
    await patient.getByRole('combobox', { name: 'Vårdnivå' }).selectOption({ label: 'Intensivvård' });
    await patient.getByRole('combobox', { name: 'Smittstatus' }).selectOption({ label: 'Covid-19' });
    await form.getByLabel('Tidigast avresa').fill('2026-12-01T08:00');
    await form.getByRole('button', { name: 'Skicka begäran' }).click();
    await patient.getByText(/aldrig ett personnummer/).waitFor();
    await expectNoSeriousA11yViolations(jonkoping.page);
    expect((await api(stack, jonkoping, '/cases?type=patient_transfer')).body.items).toEqual([]);
    await patient.getByRole('textbox', { name: 'Regionens referens' }).fill(REFERENCE);
    await form.getByRole('button', { name: 'Skicka begäran' }).click();
    await jonkoping.page.waitForURL(/\/overflyttning\/[0-9a-f-]{36}$/, { timeout: ARRIVAL_MS });
    const requestId = /\/overflyttning\/([0-9a-f-]{36})$/.exec(jonkoping.page.url())?.[1] as string;
    await jonkoping.page.getByRole('heading', { name: `Överflyttning ${requestId.slice(0, 8)}`, level: 1 }).waitFor();
    await jonkoping.page.getByText('Socialstyrelsen matchar').first().waitFor();
    expect(await jonkoping.page.getByRole('table', { name: 'Patienterna med er referens' }).getByRole('row', { name: /IVA-RJL-117/ }).getByRole('cell').allTextContents()).toEqual([
      REFERENCE,
      'Intensivvård',
      'Covid-19',
    ]);
    // The earliest departure was read as Stockholm time (08:00 on 1 December is 07:00 UTC), and is shown as such.
    expect((await api(stack, jonkoping, `/transfers/${requestId}`)).body.earliestDeparture).toBe('2026-12-01T07:00:00.000Z');
    await jonkoping.page.locator('.facts > div', { has: jonkoping.page.getByText('Tidigast avresa', { exact: true }) }).getByText('1 dec. 2026 08:00').waitFor();
    await expectNoSeriousA11yViolations(jonkoping.page);

    // Socialstyrelsen: the proposal in Uppgift, Kalmar first (it fits, and ticked), Östergötland second. Östergötland is
    // ticked and moved above Kalmar: the answer is ['05', '08'].
    await sos.signIn();
    await openTask(sos.page, 'Godkänn förslag på mottagande regioner');
    const proposal = sos.page.getByRole('group', { name: 'Regioner som får erbjudande, i ordning' });
    const kalmarBox = proposal.getByRole('checkbox', { name: /Region Kalmar län$/ });
    const ostergotlandBox = proposal.getByRole('checkbox', { name: /Region Östergötland$/ });
    await expect(kalmarBox.isChecked()).resolves.toBe(true);
    await expect(ostergotlandBox.isChecked()).resolves.toBe(false);
    expect(await proposal.getByRole('checkbox').evaluateAll((boxes) => boxes.slice(0, 2).map((b) => (b as unknown as { labels: { textContent: string | null }[] | null }).labels?.[0]?.textContent))).toEqual([
      '1. Region Kalmar län',
      '2. Region Östergötland',
    ]);
    await ostergotlandBox.check();
    await proposal.getByRole('button', { name: 'Flytta upp Region Östergötland' }).click();
    await proposal.getByRole('checkbox', { name: '1. Region Östergötland' }).waitFor();
    await expectNoSeriousA11yViolations(sos.page);
    await sendAnswer(sos.page);
    await sos.page.getByText('1. Region Östergötland, 2. Region Kalmar län').waitFor();

    // Östergötland declines in its inbox, with a reason.
    await ostergotland.signIn();
    await openTask(ostergotland.page, OFFER);
    await ostergotland.page.getByText(/Intensivvård, Covid-19/).first().waitFor();
    expect(await ostergotland.page.getByText(REFERENCE).count()).toBe(0);
    await ostergotland.page.getByRole('radio', { name: 'Vi kan inte ta emot' }).check();
    await ostergotland.page.getByRole('textbox', { name: 'Skäl (valfritt)' }).fill('Fullt på IVA');
    await expectNoSeriousA11yViolations(ostergotland.page);
    await sendAnswer(ostergotland.page);

    // Kalmar accepts, then opens the request: without Jönköping's reference, the offers and their outcomes.
    await openTask(kalmar.page, OFFER);
    await kalmar.page.getByRole('radio', { name: 'Vi tar emot patienterna' }).check();
    await expect(kalmar.page.getByRole('textbox', { name: 'Skäl (valfritt)' }).count()).resolves.toBe(0);
    await sendAnswer(kalmar.page);
    await kalmar.page.getByRole('link', { name: 'Till ärendet' }).click();
    await kalmar.page.waitForURL(new RegExp(`/overflyttning/${requestId}$`));
    await kalmar.page.getByText('Transport ordnas').first().waitFor();
    const offers = kalmar.page.getByRole('table', { name: /Erbjudanden i ordning/ });
    expect(await offers.getByRole('row').evaluateAll((rows) => rows.slice(1).map((r) => [r.children[0].textContent, r.children[1].textContent, r.children[5].textContent]))).toEqual([
      ['Region Östergötland', 'Avböjt', 'Fullt på IVA'],
      ['Region Kalmar län', 'Accepterat', '–'],
    ]);
    expect(await kalmar.page.getByText(REFERENCE).count()).toBe(0);
    await kalmar.page.getByText('Erbjudandet accepterat, platsen reserverad').waitFor();
    await expectNoSeriousA11yViolations(kalmar.page);

    // Transport, departure, arrival and admission by the API.
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    await answer(stack, jonkoping, requestId, 'transfer.transport', { outcome: 'arranged', plannedDepartureAt: at(0) });
    await answer(stack, jonkoping, requestId, 'transfer.departure', { outcome: 'departed', departedAt: at(0) });
    await answer(stack, kalmar, requestId, 'transfer.arrival', { arrivedAt: at(1) });
    await answer(stack, kalmar, requestId, 'transfer.admission', { admittedAt: at(2) });
    await until('admission', async () => ((await api(stack, jonkoping, `/transfers/${requestId}`)).body.status === 'admitted' ? true : null));

    // Socialstyrelsen's report to the Ministry: the transfer in the table and the chart, and as CSV.
    await menu(sos).getByRole('link', { name: 'Överflyttning' }).click();
    await sos.page.getByRole('heading', { name: 'Överflyttning', level: 1 }).waitFor();
    await sos.page.getByRole('table', { name: 'Överflyttningar, nyaste först' }).getByRole('link', { name: requestId.slice(0, 8) }).waitFor();
    await expectNoSeriousA11yViolations(sos.page);
    await sos.page.getByRole('button', { name: 'Rapport till regeringen' }).click();
    await sos.page.getByRole('heading', { name: 'Rapport till regeringen', level: 1 }).waitFor();
    await sos.page.getByLabel('Från och med').fill('2026-12-31');
    await sos.page.getByLabel('Till och med').fill('2020-01-01');
    await sos.page.getByRole('button', { name: 'Visa rapporten' }).click();
    await sos.page.getByText('Slutdatum kan inte vara före startdatum.').waitFor();
    await sos.page.getByLabel('Från och med').fill('2020-01-01');
    await sos.page.getByLabel('Till och med').fill('2099-12-31');
    await sos.page.getByRole('button', { name: 'Visa rapporten' }).click();
    const section = sos.page.getByRole('region', { name: 'Överflyttningar per region' });
    await section.getByRole('img', { name: /Patienter per sändande och mottagande region/ }).waitFor();
    const row = section.getByRole('table').getByRole('row', { name: /Region Jönköpings län/ });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['Region Kalmar län', '1', '1', '1']);
    expect(cells[4]).toMatch(/^\d+ min$|^\d+ tim/);
    await expectNoSeriousA11yViolations(sos.page);
    const [download] = await Promise.all([sos.page.waitForEvent('download'), sos.page.getByRole('button', { name: 'Ladda ner som CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('overflyttningar-2020-01-01-2099-12-31.csv');
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv).toContain('\r\n06,08,1,1,1,');

    // Jönköping's page says the transfer is done; no address ever carried the reference or a personnummer.
    await jonkoping.page.getByText('Inskriven, klar').first().waitFor({ timeout: 10_000 });
    for (const address of addresses) expect(address).not.toMatch(/IVA-RJL|19121212/);
  }, 180_000);

  it('Gotland asks for reinforcement, Socialstyrelsen fills the pool and allocates in part, and Gotland sees the allocation', async () => {
    const gotland = await stack.newPerson('gotland', { org: '09', roles: ['coordinator'], name: 'Gunnar Samordnare' });
    const sos = await stack.newPerson('socialstyrelsen-pool', { org: 'SOCIALSTYRELSEN', roles: ['coordinator'], name: 'Sofia Samordnare' });
    const menu = (who: Person) => who.page.getByRole('navigation', { name: 'Huvudmeny' });

    // Socialstyrelsen puts ten intensive-care nurses in the national pool.
    await sos.signIn();
    await menu(sos).getByRole('link', { name: 'Förstärkning' }).click();
    const pool = sos.page.getByRole('table', { name: 'Nationell pool per kategori' });
    const nurses = pool.getByRole('textbox', { name: 'Nytt antal, intensivvårdssjuksköterskor' });
    await nurses.fill('tio');
    await pool.getByRole('button', { name: 'Spara intensivvårdssjuksköterskor' }).click();
    await pool.getByText('Ange ett heltal från 0 till 1 000 000.').waitFor();
    await nurses.fill('10');
    await pool.getByRole('button', { name: 'Spara intensivvårdssjuksköterskor' }).click();
    await sos.page.getByText('Intensivvårdssjuksköterskor: sparat.').waitFor();
    expect(await pool.getByRole('row', { name: /^Intensivvårdssjuksköterskor/ }).getByRole('cell').first().textContent()).toBe('10');
    await expectNoSeriousA11yViolations(sos.page);

    // Gotland asks for twelve: the quantity is checked at the field first.
    await gotland.signIn();
    await menu(gotland).getByRole('link', { name: 'Förstärkning' }).click();
    const form = gotland.page.getByRole('form', { name: 'Begär förstärkning' });
    await form.getByRole('combobox', { name: 'Vad behöver ni?' }).selectOption({ label: 'Intensivvårdssjuksköterskor' });
    await form.getByRole('textbox', { name: 'Antal' }).fill('0');
    await form.getByRole('button', { name: 'Skicka begäran' }).click();
    await form.getByText('Ange ett heltal från 1 till 10 000.').waitFor();
    await expectNoSeriousA11yViolations(gotland.page);
    await form.getByRole('textbox', { name: 'Antal' }).fill('12');
    await form.getByRole('button', { name: 'Skicka begäran' }).click();
    await gotland.page.waitForURL(/\/forstarkning\/[0-9a-f-]{36}$/, { timeout: ARRIVAL_MS });
    await gotland.page.getByText('Begärd, väntar på Socialstyrelsen').waitFor();

    // Socialstyrelsen allocates four in Uppgift: more than asked is refused at the field.
    await openTask(sos.page, 'Fördela nationell förstärkning');
    await sos.page.getByText('Intensivvårdssjuksköterskor', { exact: true }).waitFor();
    await sos.page.getByRole('textbox', { name: 'Fördelat antal (0 om ni avslår)' }).fill('13');
    await sos.page.getByRole('textbox', { name: 'Skäl' }).fill('Fyra sjuksköterskor i fyra veckor');
    await sos.page.getByRole('button', { name: 'Skicka svaret' }).click();
    await sos.page.getByText('Högst 12, så många som regionen begärde.').first().waitFor();
    await sos.page.getByRole('textbox', { name: 'Fördelat antal (0 om ni avslår)' }).fill('4');
    await sendAnswer(sos.page);

    // Gotland's page shows the allocation and the reason without a reload.
    await gotland.page.getByText('Fördelad', { exact: true }).waitFor({ timeout: 15_000 });
    const facts = await gotland.page.locator('.facts > div').evaluateAll((rows) => rows.map((r) => [r.querySelector('dt')?.textContent, r.querySelector('dd')?.textContent]));
    expect(facts).toEqual(
      expect.arrayContaining([
        ['Begärt antal', '12'],
        ['Fördelat antal', '4'],
        ['Socialstyrelsens skäl', 'Fyra sjuksköterskor i fyra veckor'],
      ]),
    );
    await expectNoSeriousA11yViolations(gotland.page);
  }, 120_000);
});
