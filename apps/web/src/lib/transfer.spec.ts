import { swedishProblem } from './answer-validator';
import { candidateText, initialOrder, moveRegion, type Candidate } from './region-order';
import { EVENT_LABELS } from './case-texts';
import { TASK_KIND_LABELS } from './labels';
import { formFieldOf, periodErrors, transferFormErrors } from './transfer-form';
import { bedsText, minutesText, patientText, referenceProblem, routeText, worksWithTransfers } from './transfer-labels';
import { ENUM_LABELS, fieldLabel, TASK_PURPOSE } from './task-texts';

const candidate = (region: string, fits: boolean, extra: Partial<Candidate> = {}): Candidate => ({
  region,
  name: `Region ${region}`,
  healthcareRegion: 'sydostra',
  sameHealthcareRegion: true,
  free: { icu_ventilator: 0, icu: fits ? 1 : 0, inpatient: 0 },
  fits,
  pictureIcuFree: null,
  ...extra,
});

describe('a transfer request in the form', () => {
  const patient = { reference: 'IVA-RJL-117', careLevel: 'icu' as const, infection: 'covid_19' as const };

  it('refuses a personnummer in a patient reference at its field, as the API would', () => {
    expect(referenceProblem('IVA-RJL-117')).toBeNull();
    for (const pnr of ['19121212-1212', 'Pat 191212121212', '121212-1212']) expect(referenceProblem(pnr)).toMatch(/aldrig ett personnummer/);
    // Digits that are no valid personnummer (wrong check digit) are a region's reference like any other.
    expect(referenceProblem('19121212-1213')).toBeNull();
    expect(referenceProblem('  ')).toMatch(/Ange regionens egen referens/);
    expect(referenceProblem('x'.repeat(41))).toBe('Högst 40 tecken.');
    expect(referenceProblem('A-1', ['A-1'])).toBe('Referensen finns redan i begäran.');
  });

  it('names every field at fault by the API’s path, and the earliest departure as Stockholm time', () => {
    const errors = transferFormErrors({
      patients: [patient, { reference: '19121212-1212', careLevel: '', infection: 'none' }, { reference: 'IVA-RJL-117', careLevel: 'inpatient', infection: '' }],
      earliestDeparture: '2026-03-29T02:30', // the hour Stockholm's clocks skip
    });
    expect(Object.keys(errors).sort()).toEqual(['earliestDeparture', 'patients[1].careLevel', 'patients[1].reference', 'patients[2].infection', 'patients[2].reference']);
    expect(errors.earliestDeparture).toMatch(/finns inte i svensk tid/);
    expect(transferFormErrors({ patients: [patient], earliestDeparture: '2026-11-30T09:15' })).toEqual({});
    expect(transferFormErrors({ patients: [patient], earliestDeparture: '' }).earliestDeparture).toBe('Ange dag och tid (svensk tid).');
  });

  it('reads class-validator’s and the rules’ field paths alike', () => {
    expect(formFieldOf('patients.0.reference')).toBe('patients[0].reference');
    expect(formFieldOf('patients[3].careLevel')).toBe('patients[3].careLevel');
    expect(formFieldOf('earliestDeparture')).toBe('earliestDeparture');
  });
});

describe('Socialstyrelsen’s approval of the proposal', () => {
  const proposal = [candidate('08', true, { pictureIcuFree: 3 }), candidate('05', false), candidate('12', true, { sameHealthcareRegion: false, healthcareRegion: 'sodra' })];

  it('starts in the proposal’s order with the regions that fit ticked', () => {
    expect(initialOrder(proposal)).toEqual({ order: ['08', '05', '12'], checked: ['08', '12'] });
    // rjsf starts an array with minItems 1 as [undefined]: no answer either.
    expect(initialOrder(proposal, [undefined])).toEqual({ order: ['08', '05', '12'], checked: ['08', '12'] });
    expect(initialOrder(proposal, [])).toEqual({ order: ['08', '05', '12'], checked: ['08', '12'] });
  });

  it('keeps a draft’s answer first, in its order', () => {
    expect(initialOrder(proposal, ['05', '08'])).toEqual({ order: ['05', '08', '12'], checked: ['05', '08'] });
  });

  it('moves a region one place up or down, and not past either end', () => {
    expect(moveRegion(['08', '05', '12'], '05', -1)).toEqual(['05', '08', '12']);
    expect(moveRegion(['08', '05', '12'], '05', 1)).toEqual(['08', '12', '05']);
    expect(moveRegion(['08', '05', '12'], '08', -1)).toEqual(['08', '05', '12']);
    expect(moveRegion(['08', '05', '12'], '12', 1)).toEqual(['08', '05', '12']);
  });

  it('says what each region has in Swedish', () => {
    expect(candidateText(proposal[0])).toBe(
      'Sjukvårdsregion Sydöstra (samma som den sändande) · lediga: intensivvård med respirator 0, intensivvård 1, annan slutenvård 0 · har plats för alla · lediga IVA-platser i lägesbilden: 3',
    );
    expect(candidateText(proposal[2])).toMatch(/^Sjukvårdsregion Södra · .* · har plats för alla$/);
  });
});

describe('transfers in Swedish', () => {
  it('names the task kinds, their purpose, their answer fields and choices', () => {
    const kinds = ['transfer.matching', 'transfer.offer', 'transfer.duty_officer', 'transfer.transport', 'transfer.departure', 'transfer.arrival', 'transfer.admission', 'reinforcement.allocate'] as const;
    for (const kind of kinds) {
      expect(TASK_KIND_LABELS[kind]).toBeTruthy();
      expect(TASK_PURPOSE[kind].asked.length).toBeGreaterThan(30);
    }
    expect(fieldLabel('transfer.matching', 'order')).toBe('Regioner som får erbjudande, i ordning');
    expect(fieldLabel('transfer.transport', 'plannedDepartureAt')).toBe('Planerad avresa (svensk tid)');
    expect(fieldLabel('reinforcement.allocate', 'allocated')).toBe('Fördelat antal (0 om ni avslår)');
    expect(['accept', 'decline', 'rematch', 'close', 'arranged', 'cancelled', 'cannot_travel', 'departed'].map((v) => ENUM_LABELS[v]).every(Boolean)).toBe(true);
    expect(swedishProblem('decision.arrivedAt must be an ISO 8601 date-time with offset')).toBe('Ange dag och tid (svensk tid).');
    // The workflow's refusals at a field, as the API words them (transfer.rules, reinforcement.rules).
    expect(swedishProblem('decision.next is required when the transport does not go: rematch or close')).toBe('Välj om begäran ska matchas på nytt eller avslutas.');
    expect(swedishProblem('decision.arrivedAt must not be before the departure')).toBe('Kan inte vara före avresan.');
    expect(swedishProblem('decision.admittedAt must not be before the arrival')).toBe('Kan inte vara före ankomsten.');
    expect(swedishProblem('decision.allocated must not be more than the 12 asked for')).toBe('Högst 12, så många som regionen begärde.');
    expect(EVENT_LABELS.offer_accepted).toBe('Erbjudandet accepterat, platsen reserverad');
  });

  it('shows beds, patients, minutes and routes', () => {
    expect(bedsText({ icu_ventilator: 0, icu: 2, inpatient: 1 })).toBe('2 intensivvård, 1 annan slutenvård');
    expect(bedsText({})).toBe('Inga');
    expect(patientText({ careLevel: 'icu_ventilator', infection: 'suspected_covid_19' })).toBe('Intensivvård med respirator, Misstänkt covid-19');
    expect(patientText({ reference: 'B-1', careLevel: 'inpatient', infection: 'none' })).toBe('B-1, Annan slutenvård, Ingen känd smitta');
    expect([minutesText(null), minutesText(12.4), minutesText(60), minutesText(125)]).toEqual(['–', '12 min', '1 tim', '2 tim 5 min']);
    const name = (code: string) => ({ '06': 'Region Jönköpings län', '08': 'Region Kalmar län' })[code] ?? code;
    expect(routeText({ sendingRegion: '06', receivingRegion: '08' }, name)).toBe('Region Jönköpings län → Region Kalmar län');
    expect(routeText({ sendingRegion: '06', receivingRegion: null }, name)).toBe('Region Jönköpings län → ingen mottagare');
  });

  it('gives the menu entries to regions’ and Socialstyrelsen’s coordinators only', () => {
    expect(worksWithTransfers('region', '06', ['coordinator'])).toBe(true);
    expect(worksWithTransfers('national_agency', 'SOCIALSTYRELSEN', ['coordinator'])).toBe(true);
    expect(worksWithTransfers('region', '06', ['case_handler'])).toBe(false);
    expect(worksWithTransfers('municipality', '0125', ['coordinator'])).toBe(false);
  });

  it('checks the report’s period before asking for it', () => {
    expect(periodErrors('2021-02-11', '2021-12-15')).toEqual({});
    expect(periodErrors('2021-12-15', '2021-02-11')).toEqual({ to: 'Slutdatum kan inte vara före startdatum.' });
    expect(periodErrors('2021-02-30', '')).toEqual({ from: 'Ange ett datum (ÅÅÅÅ-MM-DD).', to: 'Ange ett datum (ÅÅÅÅ-MM-DD).' });
  });
});
