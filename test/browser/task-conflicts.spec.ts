/**
 * Two case handlers of one municipality on the same tasks: the app says plainly when a colleague has claimed a task,
 * and when the task was answered by someone else meanwhile (the case moved on). And the hospital's inskrivnings-
 * meddelande refused by the API shows the refusal at its field.
 */
import { HISTORIC_STAYS } from '../support/test-app';
import { expectNoSeriousA11yViolations, useBrowserStack } from './support/browser';
import { ARRIVAL_MS, openTask, sendAnswer } from './support/discharge-app';

describe('conflicts on a task, said plainly', () => {
  const stack = useBrowserStack({ overrides: HISTORIC_STAYS });

  it('a colleague claimed the task; a colleague answered it first; an API refusal lands at its field', async () => {
    const hospital = await stack.newPerson('Henrik Sjukhus', { org: 'KS', roles: ['case_handler'] });
    const first = await stack.newPerson('Karin Kommun', { org: '0187', roles: ['case_handler'] });
    const second = await stack.newPerson('Kalle Kommun', { org: '0187', roles: ['case_handler'] });
    for (const person of [hospital, first, second]) await person.signIn();

    // The API refuses an estimated discharge before the admission: the message is at that field, nothing is opened.
    const h = hospital.page;
    await h.getByRole('link', { name: 'Ny utskrivning' }).click();
    await h.getByLabel('Personnummer').fill('19121212-1212');
    await h.getByLabel('Patientens namn').fill('Tolvan Tolvansson');
    await h.getByLabel('Kommun', { exact: true }).selectOption({ label: 'Vaxholm kommun' });
    await h.getByLabel('Vårdcentral', { exact: true }).selectOption({ label: 'Täby centrum vårdcentral' });
    await h.getByLabel('Inskriven').fill('2025-06-10T08:00');
    await h.getByLabel('Beräknat utskrivningsdatum').fill('2025-06-01');
    await h.getByRole('radio', { name: 'Somatisk vård' }).check();
    await h.getByRole('button', { name: 'Skicka inskrivningsmeddelande' }).click();
    await h.getByText('Datumet ligger före inskrivningen.').waitFor();
    await h.getByLabel('Beräknat utskrivningsdatum').and(h.locator('[aria-invalid="true"]')).waitFor();
    await expectNoSeriousA11yViolations(h);
    expect(h.url()).toMatch(/\/ny-utskrivning$/);

    // Corrected, the same form opens the case (its Idempotency-Key made no case on the refusal).
    await h.getByLabel('Beräknat utskrivningsdatum').fill('2025-06-17');
    await h.getByRole('checkbox', { name: 'Hemtjänst' }).check();
    await h.getByRole('button', { name: 'Skicka inskrivningsmeddelande' }).click();
    await h.waitForURL(/\/arenden\/[0-9a-f-]{36}$/, { timeout: ARRIVAL_MS });

    // Both open the kvittens; Karin takes it, then Kalle tries to.
    const a = first.page;
    const b = second.page;
    await openTask(a, 'Kvittera inskrivningsmeddelande');
    await openTask(b, 'Kvittera inskrivningsmeddelande');
    await a.getByRole('button', { name: 'Ta uppgiften' }).click();
    await a.getByText('Du har tagit uppgiften.').waitFor();
    await b.getByRole('button', { name: 'Ta uppgiften' }).click();
    await b.getByText('En kollega har redan tagit uppgiften.', { exact: false }).waitFor();
    await b.getByText('En kollega har tagit uppgiften.').waitFor(); // read again: the form is gone for Kalle
    expect(await b.getByRole('button', { name: 'Skicka svaret' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(b);
    await a.getByRole('checkbox', { name: 'Jag kvitterar' }).check();
    await sendAnswer(a);

    // Both open the needs assessment; Karin answers first, Kalle's answer finds the case moved on.
    await openTask(a, 'Bedöm behov');
    await openTask(b, 'Bedöm behov');
    await a.getByRole('radio', { name: 'Inga insatser behövs' }).check();
    await sendAnswer(a);
    await b.getByRole('radio', { name: 'Begär mer information från sjukhuset' }).check();
    await b.getByLabel('Fråga till sjukhuset').fill('Behöver patienten hjälp med läkemedel?');
    await b.getByRole('button', { name: 'Skicka svaret' }).click();
    await b.getByText('Uppgiften är redan besvarad av någon annan. Ärendet har gått vidare.').waitFor({ timeout: ARRIVAL_MS });
    await b.getByText('Klar', { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(b);
  }, 180_000);
});
