/**
 * A situation-report round through the app (issue 14): Socialstyrelsen starts an extra round with short times (by the
 * API); Haninge's case handler answers the report task in Uppgift, a percentage with a decimal comma; Region Uppsala
 * answers by the API; Tyresö does not report. After the cut-off Haninge opens Lägesbild and finds the published
 * picture with Tyresö named as not reported, its own report with the shortage sent to Länsstyrelsen, and Region
 * Uppsala's intensive care. axe on every screen reached. The workflow moves the round (tasks and the picture come
 * from the worker).
 */
import { expectNoSeriousA11yViolations, useBrowserStack, type Person } from './support/browser';
import { ARRIVAL_MS, openTask, sendAnswer } from './support/discharge-app';

/** A week of its own (the round's id is new either way); the times are relative to now, not a date. */
const WEEK = '2026-W47';

async function api(stack: { baseUrl: string }, who: Person, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json', ...init.headers },
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

describe('a situation-report round through the app', () => {
  const stack = useBrowserStack();

  it('Haninge reports in Uppgift with a decimal comma and, after the cut-off, sees the picture with Tyresö named as missing', async () => {
    const socialstyrelsen = await stack.newPerson('socialstyrelsen', { org: 'SOCIALSTYRELSEN', roles: ['coordinator'], name: 'Sofia Samordnare' });
    const haninge = await stack.newPerson('haninge', { org: '0136', roles: ['case_handler'], name: 'Hanna Handläggare' });
    const uppsala = await stack.newPerson('uppsala', { org: '03', roles: ['case_handler'], name: 'Ulf Uppsala' });

    // Socialstyrelsen: an extra round for three organisations, due in 60 s, closing 5 s later.
    const now = Date.now();
    const started = await api(stack, socialstyrelsen, '/situation-reports/rounds', {
      method: 'POST',
      headers: { 'Idempotency-Key': `browser-round-${now}` },
      body: { week: WEEK, participants: ['0136', '0138', '03'], remindAt: new Date(now + 40_000).toISOString(), dueAt: new Date(now + 60_000).toISOString(), cutoffAt: new Date(now + 65_000).toISOString() },
    });
    expect(started.status).toBe(201);
    const roundId = started.body.roundId as string;
    const cutoffAt = Date.parse(started.body.cutoffAt as string);

    // Haninge: the report task arrives in its inbox; answered in the Uppgift form, absence "9,5" with a decimal comma.
    await haninge.signIn();
    await haninge.page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Lägesbild' }).waitFor();
    await openTask(haninge.page, 'Rapportera lägesbild');
    const form = haninge.page.locator('form');
    const absence = form.getByRole('group', { name: 'Personalfrånvaro (procent, en decimal)' });
    await absence.getByRole('textbox', { name: 'Sjuksköterskor' }).fill('9,55');
    await absence.getByRole('textbox', { name: 'Undersköterskor och vårdbiträden' }).fill('12');
    await absence.getByRole('textbox', { name: 'Övrig personal' }).fill('3,5');
    const stock = form.getByRole('group', { name: 'Lager av skyddsutrustning (dagar)' });
    const days: [string, string][] = [
      ['Nitrilhandskar', '4'],
      ['Andra handskar', '30'],
      ['Munskydd', '21'],
      ['FFP2/FFP3-andningsskydd', '14'],
      ['Visir', '60'],
      ['Förkläden', '30'],
      ['Handdesinfektion', '45'],
    ];
    for (const [label, value] of days) await stock.getByRole('textbox', { name: label, exact: true }).fill(value);
    // Two decimals are refused at the field, in Swedish, before anything is sent.
    await haninge.page.getByRole('button', { name: 'Skicka svaret' }).click();
    await absence.getByText('Högst en decimal, till exempel 9,5.').waitFor();
    await expectNoSeriousA11yViolations(haninge.page);
    await absence.getByRole('textbox', { name: 'Sjuksköterskor' }).fill('9,5');
    await sendAnswer(haninge.page);
    await haninge.page.getByText('Sjuksköterskor 9,5').waitFor();

    // The answer reached the round as the number 9.5.
    const own = await api(stack, haninge, `/situation-reports/rounds/${roundId}/reports/0136`);
    const revisions = own.body.revisions as { figures: { staffAbsencePercent: Record<string, number> } }[];
    expect(revisions.map((r) => r.figures.staffAbsencePercent)).toEqual([{ nurses: 9.5, care_staff: 12, other_staff: 3.5 }]);

    // Region Uppsala answers by the API.
    const task = await until('Region Uppsala\'s report task', async () => {
      const { body } = await api(stack, uppsala, '/tasks?kind=situation_report.report&status=open');
      const items = (body?.items ?? []) as { id: string }[];
      return items[0] ?? null;
    });
    const answered = await api(stack, uppsala, `/tasks/${task.id}/complete`, {
      method: 'POST',
      body: { decision: { covidInpatients: 12, icuBeds: 40, icuBedsOccupied: 30, staffAbsencePercent: { nurses: 4.5, care_staff: 6, other_staff: 2 } } },
    });
    expect(answered.status).toBe(200);

    // After the cut-off the picture is published (the workflow's step).
    await new Promise((r) => setTimeout(r, Math.max(0, cutoffAt - Date.now())));
    await until('the published picture', async () => ((await api(stack, haninge, `/situation-reports/rounds/${roundId}/picture`)).status === 200 ? true : null));

    // Haninge opens Lägesbild from the menu: the round in the list, then its picture.
    await haninge.page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Lägesbild' }).click();
    await haninge.page.getByRole('heading', { name: 'Lägesbild', level: 1 }).waitFor();
    const row = haninge.page.getByRole('row', { name: /v\. 47 2026/ });
    await row.getByText('rapporterat 2 av 3').waitFor();
    await expectNoSeriousA11yViolations(haninge.page);
    await row.getByRole('link', { name: 'v. 47 2026' }).click();
    await haninge.page.waitForURL(new RegExp(`/lagesbild/${roundId}$`));
    await haninge.page.getByRole('heading', { name: 'Lägesbild v. 47 2026', level: 1 }).waitFor();
    const notReported = haninge.page.locator('.facts > div', { has: haninge.page.getByText('Har inte rapporterat', { exact: true }) });
    await notReported.getByText('Tyresö kommun').waitFor();
    expect(await notReported.locator('dd').textContent()).toBe('Tyresö kommun');
    // Its own report, with the nitrile gloves' shortage sent to Länsstyrelsen i Stockholms län.
    const shortage = haninge.page.getByRole('table', { name: 'Rapporterad brist och länsstyrelsens svar' }).getByRole('row', { name: /Nitrilhandskar/ });
    await shortage.getByText('Inte besvarad än').waitFor();
    // Stock per consumable (a chart and its table): one municipality reported, below the threshold for gloves.
    const stockSection = haninge.page.getByRole('region', { name: 'Lager av skyddsutrustning, hela landet' });
    await stockSection.getByRole('img', { name: /Lager i dagar per skyddsutrustning/ }).waitFor();
    await stockSection.getByRole('button', { name: 'Visa som tabell' }).click();
    const stockTable = stockSection.getByRole('table', { name: /Lager i dagar per skyddsutrustning, hela landet/ });
    expect(await stockTable.getByRole('row', { name: /Nitrilhandskar/ }).getByRole('cell').allTextContents()).toEqual(['4', '4', '1', '1']);
    // Intensive care per region: Region Uppsala's 30 of 40 beds.
    const icuSection = haninge.page.getByRole('region', { name: 'Intensivvård per region' });
    await icuSection.getByRole('button', { name: 'Visa som tabell' }).click();
    const icu = icuSection.getByRole('table', { name: 'Intensivvård per region' });
    expect(await icu.getByRole('row', { name: /Region Uppsala/ }).getByRole('cell').allTextContents()).toEqual(['40', '30', '10', expect.stringMatching(/^75\s%$/), '12']);
    // Uppsala län picked: its own figures.
    await haninge.page.getByRole('combobox', { name: 'Område' }).selectOption({ label: 'Uppsala län' });
    await haninge.page.getByRole('heading', { name: 'Personalfrånvaro denna vecka, Uppsala län' }).waitFor();
    await haninge.page.getByRole('region', { name: 'Personalfrånvaro över tid, Uppsala län' }).getByRole('img').waitFor();
    await expectNoSeriousA11yViolations(haninge.page);

    // A revision after the cut-off, in Lägesbild's own form (a decimal comma again): version 2, and the picture,
    // computed again, names Haninge as revised.
    await haninge.page.getByRole('button', { name: 'Revidera rapporten' }).click();
    const revise = haninge.page.getByRole('form', { name: 'Revidera rapporten' });
    await revise.getByRole('group', { name: 'Personalfrånvaro (procent, en decimal)' }).getByRole('textbox', { name: 'Sjuksköterskor' }).fill('10,5');
    await expectNoSeriousA11yViolations(haninge.page);
    await revise.getByRole('button', { name: 'Revidera rapporten' }).click();
    await haninge.page.getByText('Revisionen är sparad. Lägesbilden räknas om.').waitFor();
    const versions = haninge.page.getByRole('table', { name: 'Versioner av er rapport' });
    expect(await versions.getByRole('row', { name: /^2 / }).getByRole('cell').last().textContent()).toBe('Ja');
    const revised = haninge.page.locator('.facts > div', { has: haninge.page.getByText('Reviderade efter stoppdagen', { exact: true }) });
    await revised.getByText('Haninge kommun').waitFor({ timeout: 15_000 });
    const latest = await api(stack, haninge, `/situation-reports/rounds/${roundId}/reports/0136`);
    expect((latest.body.revisions as { figures: { staffAbsencePercent: Record<string, number> } }[]).at(-1)?.figures.staffAbsencePercent.nurses).toBe(10.5);
  }, 180_000);
});
