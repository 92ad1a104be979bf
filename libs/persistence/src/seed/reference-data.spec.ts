/**
 * What the seed says against its sources (seeds 000 and 001, Swedish originals in ../shared/seeds/), and that every
 * value no source gives is marked as example data, in the seed and in README.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGREEMENT_EARLIEST_START } from '../../../domain/src/coordination/support-agreement';
import { MANDATES, SEED_EXAMPLE_DATA, SIGNING_DELEGATIONS } from './reference-data';

const README = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
const EXAMPLE_SECTION = README.slice(README.indexOf('### Example data in the seed'));

describe('reference data seed against its sources', () => {
  it('the signing delegation goes from the director of health care to the head of the närsjukvårdsavdelningen (seed 001, HSN 2020-1821 point 3)', () => {
    expect(SIGNING_DELEGATIONS).toHaveLength(1);
    const [d] = SIGNING_DELEGATIONS;
    expect(d.holder).toBe('Avdelningschef, närsjukvårdsavdelningen (delegerat av hälso- och sjukvårdsdirektören)');
    expect(d.scope).toBe('HSN 2020-1821');
    // No delegation before the tjänsteutlåtande of 2021-01-28 that proposes the director's mandate to delegate.
    expect(d.validFrom >= '2021-01-28').toBe(true);
    expect(d.registeredBy).toBe('seed (exempeldata)');
  });

  it('HDIR 20348 (seed 000): decided 2020-11-02, valid to 31 January 2021, HSF reimburses SLSO', () => {
    expect(MANDATES.find((m) => m.reference === 'HDIR 20348')).toMatchObject({ decidedOn: '2020-11-02', validFrom: '2020-11-02', validTo: '2021-01-31', payerOrg: 'HSF', payeeOrg: 'SLSO' });
  });

  it('HSN 2020-1821 (seed 001): valid from 1 March 2021, the earliest day it takes effect', () => {
    expect(MANDATES.find((m) => m.reference === 'HSN 2020-1821')).toMatchObject({ validFrom: AGREEMENT_EARLIEST_START, payeeOrg: 'SLSO' });
  });

  it('marks what no source gives as example data: the delegation reference and start, the agreement mandate decision and end dates', () => {
    expect(SEED_EXAMPLE_DATA.find((e) => e.table === 'signing_delegations')).toMatchObject({ key: 'HSN-DEL-2021-01', fields: ['reference', 'validFrom'] });
    expect(SEED_EXAMPLE_DATA.find((e) => e.table === 'mandates')).toMatchObject({ key: 'HSN 2020-1821', fields: ['decidedOn', 'validTo'] });
  });

  it.each(SEED_EXAMPLE_DATA.map((e) => [e.table, e]))('README.md lists the example data of %s', (_table, e) => {
    expect(EXAMPLE_SECTION).toContain(`\`${e.table}\``);
    for (const key of e.key.split(', ')) expect(EXAMPLE_SECTION).toContain(key);
    for (const field of e.fields) expect(EXAMPLE_SECTION).toContain(`\`${field}\``);
  });
});
