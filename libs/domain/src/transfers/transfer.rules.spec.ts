import { isRefusal } from '../case/case';
import { looksLikePersonnummer } from '../personnummer';
import * as rules from './transfer.rules';
import type { Candidate, Transfer } from './transfer.types';

const NOW = '2021-03-01T08:00:00.000Z';
const sos = { actor: 'sos', organisationCode: 'SOCIALSTYRELSEN' };
const by = (org: string) => ({ actor: `${org}-c`, organisationCode: org });
const REGIONS = ['01', '05', '06', '08', '12'];
const opened = (): Transfer =>
  rules.openTransfer('r1', { sendingRegion: '06', patients: [{ reference: 'A', careLevel: 'icu', infection: 'none' }, { reference: 'B', careLevel: 'inpatient', infection: 'none' }], earliestDeparture: NOW, by: by('06') }, NOW);
const state = <S>(d: unknown): S => {
  if (isRefusal(d)) throw new Error(`refused: ${d.message}`);
  return (d as { state: S }).state;
};
const candidate = (region: string, free: Partial<Candidate['free']>, same: boolean, picture: number | null = null): Candidate => {
  const beds = { icu_ventilator: 0, icu: 0, inpatient: 0, ...free };
  return { region, name: region, healthcareRegion: null, sameHealthcareRegion: same, free: beds, fits: beds.icu >= 1 && beds.inpatient >= 1, pictureIcuFree: picture };
};

describe('a transfer request', () => {
  it('refuses a personnummer anywhere in a reference, with or without its century and separator', () => {
    expect(looksLikePersonnummer('pat 19121212-1212')).toBe(true);
    expect(looksLikePersonnummer('1212121212')).toBe(true);
    expect(looksLikePersonnummer('IVA-2021-117')).toBe(false);
    expect(looksLikePersonnummer('1212121213')).toBe(false); // wrong check digit: not one
    const r = rules.requestProblem({ sendingRegion: '06', patients: [{ reference: 'x 121212-1212', careLevel: 'icu', infection: 'none' }], earliestDeparture: NOW }, REGIONS);
    expect(r).toMatchObject({ refused: 'invalid_input', field: 'patients[0].reference' });
    expect(rules.requestProblem({ sendingRegion: '0180', patients: [], earliestDeparture: NOW }, REGIONS)).toMatchObject({ field: 'sendingRegion' });
  });

  it('ranks the same healthcare region first, then those that fit, then by free beds of the needed levels, then the picture', () => {
    const ranked = rules.rankCandidates(
      [candidate('12', { icu: 9, inpatient: 9 }, false), candidate('08', { icu: 1, inpatient: 1 }, true), candidate('05', { icu: 0 }, true, 7), candidate('01', { icu: 0 }, true, 9), candidate('03', { icu_ventilator: 50 }, false)],
      { icu_ventilator: 0, icu: 1, inpatient: 1 },
    );
    expect(ranked.map((c) => c.region)).toEqual(['08', '01', '05', '12', '03']);
  });
});

describe('offers', () => {
  const approved = () => state<Transfer>(rules.approveProposal(opened(), ['05', '08', '12'], REGIONS, sos, NOW));

  it('only Socialstyrelsen approves, with regions other than the sender, each once', () => {
    expect(rules.approveProposal(opened(), ['05'], REGIONS, by('05'), NOW)).toMatchObject({ refused: 'forbidden' });
    expect(rules.approveProposal(opened(), ['06'], REGIONS, sos, NOW)).toMatchObject({ field: 'decision.order[0]' });
    expect(rules.approveProposal(opened(), ['05', '05'], REGIONS, sos, NOW)).toMatchObject({ field: 'decision.order' });
  });

  it('go out N at a time; the first acceptance reserves both patients\' beds and withdraws the other open offers', () => {
    let s = approved();
    expect(rules.nextRegions(s, 2)).toEqual(['05', '08']);
    s = state(rules.openOffers(s, ['05', '08'], NOW, NOW));
    expect(rules.nextRegions(s, 2)).toEqual([]);
    const accepted = rules.acceptOffer(s, '08', by('08'), NOW);
    expect(accepted).toMatchObject({ effects: [{ type: 'transfer.reserve', region: '08', beds: { icu_ventilator: 0, icu: 1, inpatient: 1 } }] });
    const after = state<Transfer>(accepted);
    expect(after.offers.map((o) => [o.region, o.status])).toEqual([['05', 'withdrawn'], ['08', 'accepted']]);
    expect(after.status).toBe('transport');
    expect(rules.acceptOffer(after, '05', by('05'), NOW)).toMatchObject({ refused: 'conflict' });
  });

  it('a decline moves on; when nobody is left the request is exhausted', () => {
    let s = state<Transfer>(rules.openOffers(approved(), ['05'], NOW, NOW));
    expect(rules.closeOffer(s, '05', 'declined', by('08'), NOW)).toMatchObject({ refused: 'forbidden' });
    s = state(rules.closeOffer(s, '05', 'declined', by('05'), NOW, 'fullt'));
    expect(rules.nextRegions(s, 1)).toEqual(['08']);
    s = state(rules.openOffers(s, ['08', '12'], NOW, NOW));
    s = state(rules.closeOffer(s, '08', 'expired', { actor: 'system', organisationCode: null }, NOW));
    expect(rules.exhausted(s)).toBe(false);
    s = state(rules.closeOffer(s, '12', 'expired', { actor: 'system', organisationCode: null }, NOW));
    expect(rules.exhausted(s)).toBe(true);
  });
});

describe('after acceptance', () => {
  const accepted = () => {
    const s = state<Transfer>(rules.openOffers(state(rules.approveProposal(opened(), ['08'], REGIONS, sos, NOW)), ['08'], NOW, NOW));
    return state<Transfer>(rules.acceptOffer(s, '08', by('08'), NOW));
  };

  it('a transport that does not go releases the beds, and goes back to matching in a new round', () => {
    const d = rules.transportOutcome(accepted(), { outcome: 'cannot_travel', next: 'rematch' }, by('06'), NOW, 'transport');
    expect(d).toMatchObject({ state: { status: 'matching', round: 2, receivingRegion: null }, effects: [{ type: 'transfer.release', region: '08', round: 1 }] });
    expect(rules.transportOutcome(accepted(), { outcome: 'cancelled' }, by('06'), NOW, 'transport')).toMatchObject({ field: 'decision.next' });
  });

  it('a cancellation before departure releases everything; after departure it is too late', () => {
    expect(rules.cancel(accepted(), { reason: 'died', by: by('06') }, NOW)).toMatchObject({ state: { status: 'cancelled' }, effects: [{ type: 'transfer.release' }] });
    expect(rules.cancel(accepted(), { reason: 'died', by: by('08') }, NOW)).toMatchObject({ refused: 'forbidden' });
    const departed = state<Transfer>(rules.depart(accepted(), NOW, by('06')));
    expect(rules.cancel(departed, { reason: 'recovered', by: by('06') }, NOW)).toMatchObject({ refused: 'conflict' });
  });

  it('admission follows arrival, never before it, and books the beds as occupied', () => {
    const arrived = state<Transfer>(rules.arrive(state(rules.depart(accepted(), '2021-03-01T09:00:00Z', by('06'))), '2021-03-01T11:00:00Z', by('08')));
    expect(rules.admit(arrived, '2021-03-01T10:00:00Z', by('08'))).toMatchObject({ field: 'decision.admittedAt' });
    expect(rules.admit(arrived, '2021-03-01T11:30:00Z', by('08'))).toMatchObject({ state: { status: 'admitted' }, effects: [{ type: 'transfer.admit', region: '08' }] });
  });
});
