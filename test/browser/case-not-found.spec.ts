/**
 * Issue 12: a person of an organisation that is no party to a case types the case's address and is told it does
 * not exist, exactly as for an address of no case at all (the API answers 404 to both: nothing leaks).
 */
import { randomUUID } from 'node:crypto';
import { HISTORIC_STAYS } from '../support/test-app';
import { expectNoSeriousA11yViolations, useBrowserStack } from './support/browser';
import { fileDischargeNotice } from './support/discharge-app';

describe("a case's address typed by a non-party", () => {
  const stack = useBrowserStack({ overrides: HISTORIC_STAYS });

  it('shows "Ärendet finns inte" to Täby kommun for Ekerö\'s case, as for a case that does not exist', async () => {
    const hospital = await stack.newPerson('Hanna Sjukhus', { org: 'KS', roles: ['case_handler'] });
    const outsider = await stack.newPerson('Tove Täby', { org: '0160', roles: ['case_handler'] });
    await hospital.signIn();
    const caseId = await fileDischargeNotice(hospital.page, {
      municipality: 'Ekerö kommun',
      vardcentral: 'Ekerö vårdcentral',
      admittedAt: '2025-09-01T08:00',
      estimatedDischargeDate: '2025-09-08',
      municipalNeeds: ['Hemtjänst'],
      regionNeeds: [],
    });
    await hospital.page.getByRole('heading', { name: 'Händelser' }).waitFor();

    // Typed into the address bar: the app loads at the case's address, the person signs in there (the session lives
    // in memory only), and the app then shows that address's screen.
    await outsider.signIn(`/arenden/${caseId}`);
    expect(outsider.page.url()).toContain(`/arenden/${caseId}`);
    await outsider.page.getByRole('heading', { name: 'Ärendet finns inte' }).waitFor();
    await expectNoSeriousA11yViolations(outsider.page);
    // Nothing of the case shows: not its parties, not the patient.
    expect(await outsider.page.getByText('Tolvan').count()).toBe(0);
    expect(await outsider.page.getByText('Parter').count()).toBe(0);

    // The same words for an address of no case at all.
    await outsider.signIn(`/arenden/${randomUUID()}`);
    await outsider.page.getByRole('heading', { name: 'Ärendet finns inte' }).waitFor();
  });
});
