/**
 * Issue 12: a complete weekday discharge through the app, three people at three computers (Karolinska, Nacka kommun
 * and Nacka vårdcentral), each working only from their own inbox and screens. The workflow moves the case: every
 * task arrives by the worker, never by the test. Fixed instants: admitted Monday 3 March 2025, ready and discharged
 * on Monday 10 March 2025 (a weekday morning, so the vårdcentral takes over), HISTORIC_STAYS allowing the old stay.
 */
import { HISTORIC_STAYS } from '../support/test-app';
import { expectNoSeriousA11yViolations, useBrowserStack } from './support/browser';
import { ARRIVAL_MS, expectNoPersonnummerIn, fileDischargeNotice, openTask, sendAnswer, tabTo, TOLVAN, watchAddresses } from './support/discharge-app';

describe('a weekday discharge through the app', () => {
  const stack = useBrowserStack({ overrides: HISTORIC_STAYS });

  it('hospital, municipality and vårdcentral each work from their own inbox until the patient is discharged', async () => {
    const hospital = await stack.newPerson('Helena Sjukhus', { org: 'KS', roles: ['case_handler'] });
    const municipality = await stack.newPerson('Kim Kommun', { org: '0182', roles: ['case_handler'] });
    const vardcentral = await stack.newPerson('Vera Vårdcentral', { org: 'VC-NACKA', roles: ['case_handler'] });
    const addresses = [hospital, municipality, vardcentral].map((p) => watchAddresses(p.page));
    await hospital.page.goto('/');
    await hospital.page.getByRole('button', { name: 'Logga in' }).waitFor();
    await expectNoSeriousA11yViolations(hospital.page); // the sign-in
    for (const person of [hospital, municipality, vardcentral]) await person.signIn();
    await expectNoSeriousA11yViolations(municipality.page); // the (empty) inbox

    // Karolinska sends the inskrivningsmeddelande and lands on the new case.
    const caseId = await fileDischargeNotice(hospital.page, {
      municipality: 'Nacka kommun',
      vardcentral: 'Nacka vårdcentral',
      admittedAt: '2025-03-03T08:00',
      estimatedDischargeDate: '2025-03-10',
      municipalNeeds: ['Hemtjänst'],
      regionNeeds: ['Hemsjukvård i primärvården'],
    });
    await hospital.page.getByRole('heading', { name: 'Sammanfattning till patienten' }).waitFor();
    await hospital.page.getByText(TOLVAN.name).waitFor();
    await expectNoSeriousA11yViolations(hospital.page);

    // Nacka kommun kvitterar with the keyboard alone: Tab to the task's link, Enter, Tab to the box, Space, Tab to send, Enter.
    const m = municipality.page;
    await m.getByRole('table').getByRole('link', { name: 'Kvittera inskrivningsmeddelande' }).waitFor({ timeout: ARRIVAL_MS });
    await expectNoSeriousA11yViolations(m);
    await tabTo(m, m.getByRole('table').getByRole('link', { name: 'Kvittera inskrivningsmeddelande' }));
    await m.keyboard.press('Enter');
    await m.getByRole('heading', { name: 'Kvittera inskrivningsmeddelande', level: 1 }).waitFor();
    await m.getByText(TOLVAN.personnummer, { exact: false }).waitFor(); // the patient, on the page but not in the address
    await expectNoSeriousA11yViolations(m);
    const box = m.getByRole('checkbox', { name: 'Jag kvitterar' });
    await tabTo(m, box);
    await m.keyboard.press('Space');
    await tabTo(m, m.getByRole('button', { name: 'Skicka svaret' }));
    await m.keyboard.press('Enter');
    await m.getByText('Svaret är skickat och uppgiften är klar.').waitFor();
    await expectNoSeriousA11yViolations(m);

    // The vårdcentral kvitterar and appoints the fast vårdkontakt; a send without the name is stopped at the field.
    const v = vardcentral.page;
    await openTask(v, 'Kvittera inskrivningsmeddelande');
    await v.getByRole('checkbox', { name: 'Jag kvitterar' }).check();
    await sendAnswer(v);
    await openTask(v, 'Utse fast vårdkontakt');
    await v.getByRole('button', { name: 'Ta uppgiften' }).click();
    await v.getByText('Du har tagit uppgiften.').waitFor();
    await v.getByRole('button', { name: 'Skicka svaret' }).click();
    await v.getByLabel('Fast vårdkontakt (namn och befattning)').and(v.locator('[aria-invalid="true"]')).waitFor();
    await expectNoSeriousA11yViolations(v); // with the error shown
    await v.getByLabel('Fast vårdkontakt (namn och befattning)').fill('Sara Sjöström, distriktssköterska');
    await v.getByLabel('Telefon (valfritt)').fill('08-123 456 78');
    await sendAnswer(v);

    // The municipality decides on home care from 11 March.
    await openTask(m, 'Bedöm behov');
    await m.getByRole('radio', { name: 'Insatser beviljas' }).check();
    await m.getByRole('checkbox', { name: 'Hemtjänst' }).check();
    await m.getByLabel('Insatserna börjar').fill('2025-03-11');
    await expectNoSeriousA11yViolations(m);
    await sendAnswer(m);

    // Karolinska declares the patient ready on the weekday morning.
    const h = hospital.page;
    await h.getByLabel('Bedömd utskrivningsklar').fill('2025-03-10T09:00');
    await h.getByLabel('Planerad utskrivning (valfri)').fill('2025-03-10T10:00');
    await h.getByRole('button', { name: 'Meddela utskrivningsklar' }).click();
    await h.getByRole('heading', { name: 'Utskrivning', level: 2 }).waitFor({ timeout: ARRIVAL_MS });
    await expectNoSeriousA11yViolations(h);

    await openTask(m, 'Kvittera utskrivningsklar');
    await m.getByRole('checkbox', { name: 'Jag kvitterar' }).check();
    await sendAnswer(m);

    await openTask(v, 'Kvittera utskrivningsklar');
    await v.getByRole('checkbox', { name: 'Jag kvitterar' }).check();
    await sendAnswer(v);
    await openTask(v, 'Kalla till SIP');
    await v.getByLabel('Planerat datum för SIP').fill('2025-03-12');
    await sendAnswer(v);
    await openTask(v, 'Ta över medicinskt ansvar');
    await v.getByRole('checkbox', { name: 'Vi tar över det medicinska ansvaret' }).check();
    await v.getByLabel('Ansvarig läkare (valfritt)').fill('Dr Eva Ek');
    await sendAnswer(v);
    // From the task to its case: the vårdcentral sees the case, its timeline and the summary.
    await v.getByRole('link', { name: 'Till ärendet' }).click();
    await v.getByRole('heading', { name: 'Händelser' }).waitFor();
    await expectNoSeriousA11yViolations(v);

    // Karolinska records the discharge: the case is done and no task of it is left open.
    await h.getByLabel('Utskriven').fill('2025-03-10T14:00');
    await h.getByRole('button', { name: 'Registrera utskrivning' }).click();
    await h.getByText('Utskriven', { exact: true }).first().waitFor({ timeout: ARRIVAL_MS });
    await h.getByText('Inga öppna uppgifter.').waitFor({ timeout: ARRIVAL_MS });
    await h.getByText('Sara Sjöström, distriktssköterska, 08-123 456 78 (Nacka vårdcentral)').waitFor();
    await h.getByText('Patienten utskriven').waitFor();
    await expectNoSeriousA11yViolations(h);
    expect(h.url()).toMatch(new RegExp(`/arenden/${caseId}$`));

    // Printed, the case is the patient's summary alone, on one A4 page: no header, menu, tasks or timeline.
    await h.emulateMedia({ media: 'print' });
    expect(await h.getByRole('navigation', { name: 'Huvudmeny' }).isVisible()).toBe(false);
    expect(await h.getByRole('heading', { name: 'Händelser' }).isVisible()).toBe(false);
    expect(await h.getByRole('heading', { name: 'Sammanfattning till patienten' }).isVisible()).toBe(true);
    const pdf = (await h.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    const mediaBox = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(pdf);
    expect([Math.round(Number(mediaBox?.[1])), Math.round(Number(mediaBox?.[2]))]).toEqual([595, 842]); // A4 in points
    await h.emulateMedia({ media: 'screen' });

    for (const seen of addresses) expectNoPersonnummerIn(seen);
  }, 240_000);
});
