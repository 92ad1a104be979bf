/**
 * Issue 12: a holiday discharge where ASIH takes over. Karolinska plans the discharge for Kristi himmelsfärdsdag
 * (Thursday 29 May 2025) at 10:00: a public holiday in daytime, so ASIH Stockholm Norr takes over medical
 * responsibility instead of the vårdcentral (libs/domain/src/discharge/takeover-receiver.ts; a real holiday, so
 * DISCHARGE_HOLIDAY_EVES does not come into it). ASIH joins the case by the workflow and can open it from its task.
 * No municipal needs: the municipality (Solna) gets no task; the vårdcentral still kvitterar and names the fast
 * vårdkontakt. Fixed instants; HISTORIC_STAYS allows the 2025 stay.
 */
import { HISTORIC_STAYS } from '../support/test-app';
import { expectNoSeriousA11yViolations, useBrowserStack } from './support/browser';
import { ARRIVAL_MS, expectNoPersonnummerIn, fileDischargeNotice, openTask, sendAnswer, watchAddresses } from './support/discharge-app';

describe('a holiday discharge through the app', () => {
  const stack = useBrowserStack({ overrides: HISTORIC_STAYS });

  it('ASIH takes over on Kristi himmelsfärdsdag, finds its task in its own inbox and can open the case', async () => {
    const hospital = await stack.newPerson('Hugo Sjukhus', { org: 'KS', roles: ['case_handler'] });
    const vardcentral = await stack.newPerson('Siri Vårdcentral', { org: 'VC-SOLNA', roles: ['case_handler'] });
    const asih = await stack.newPerson('Alva Asih', { org: 'ASIH-NORR', roles: ['case_handler'] });
    const addresses = [hospital, vardcentral, asih].map((p) => watchAddresses(p.page));
    for (const person of [hospital, vardcentral]) await person.signIn();

    const caseId = await fileDischargeNotice(hospital.page, {
      municipality: 'Solna kommun',
      vardcentral: 'Solna vårdcentral',
      admittedAt: '2025-05-20T08:00',
      estimatedDischargeDate: '2025-05-29',
      municipalNeeds: [],
      regionNeeds: ['ASIH (avancerad sjukvård i hemmet)'],
    });

    const v = vardcentral.page;
    await openTask(v, 'Kvittera inskrivningsmeddelande');
    await v.getByRole('checkbox', { name: 'Jag kvitterar' }).check();
    await sendAnswer(v);
    await openTask(v, 'Utse fast vårdkontakt');
    await v.getByLabel('Fast vårdkontakt (namn och befattning)').fill('Sara Sjöström');
    await sendAnswer(v);

    // Before the takeover is planned, ASIH is no party: the case's address, typed, shows a case that does not exist.
    const a = asih.page;
    await asih.signIn(`/arenden/${caseId}`);
    await a.getByRole('heading', { name: 'Ärendet finns inte' }).waitFor();
    await expectNoSeriousA11yViolations(a);

    const h = hospital.page;
    await h.getByLabel('Bedömd utskrivningsklar').fill('2025-05-28T09:00');
    await h.getByLabel('Planerad utskrivning (valfri)').fill('2025-05-29T10:00');
    await h.getByRole('button', { name: 'Meddela utskrivningsklar' }).click();
    await h.getByRole('heading', { name: 'Utskrivning', level: 2 }).waitFor({ timeout: ARRIVAL_MS });
    // The case names who takes over: ASIH, as a party now.
    await h.getByText(/Parter: .*ASIH Stockholm Norr/).waitFor({ timeout: ARRIVAL_MS });

    await openTask(v, 'Kvittera utskrivningsklar');
    await v.getByRole('checkbox', { name: 'Jag kvitterar' }).check();
    await sendAnswer(v);

    // ASIH finds the takeover in its own inbox (the vårdcentral gets none), reads it and opens the case from it.
    await openTask(a, 'Ta över medicinskt ansvar');
    await a.getByText('ASIH', { exact: true }).waitFor(); // who takes over, in the task's Underlag
    await a.getByRole('link', { name: /ärende/ }).first().click();
    await a.getByRole('heading', { name: 'Händelser' }).waitFor();
    await a.getByText('Patienten bedömd utskrivningsklar').waitFor();
    await expectNoSeriousA11yViolations(a);
    await a.goBack();
    await a.getByRole('checkbox', { name: 'Vi tar över det medicinska ansvaret' }).check();
    await sendAnswer(a);

    await h.getByLabel('Utskriven').fill('2025-05-29T10:30');
    await h.getByRole('button', { name: 'Registrera utskrivning' }).click();
    await h.getByText('Patienten utskriven').waitFor({ timeout: ARRIVAL_MS });
    await h.getByText('Medicinskt ansvar (ASIH): ASIH Stockholm Norr').waitFor();
    await expectNoSeriousA11yViolations(h);
    // The vårdcentral never had a takeover task.
    await v.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: /Inkorg/ }).click();
    await v.getByRole('heading', { name: 'Inkorg' }).waitFor();
    await v.getByText('Inga öppna uppgifter för dig och din organisation.').waitFor({ timeout: ARRIVAL_MS });

    for (const seen of addresses) expectNoPersonnummerIn(seen);
  }, 240_000);
});
