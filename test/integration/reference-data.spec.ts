/**
 * The reference data (organisations, daily amounts, mandates, coordination areas, the signing delegation) comes
 * from a re-runnable seed, not from the schema migrations: on a new database, on one the seed already filled, and
 * on one the earlier data-carrying migrations filled, running it again adds nothing and changes nothing.
 */
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { CoordinationAreaEntity } from '../../libs/persistence/src/entities/coordination-area.entity';
import { DailyAmountEntity } from '../../libs/persistence/src/entities/daily-amount.entity';
import { MandateEntity } from '../../libs/persistence/src/entities/mandate.entity';
import { OrganisationEntity } from '../../libs/persistence/src/entities/organisation.entity';
import { SigningDelegationEntity } from '../../libs/persistence/src/entities/signing-delegation.entity';
import { HealthcareRegionEntity } from '../../libs/persistence/src/entities/transfer.entity';
import { migrateAndSeed } from '../../libs/persistence/src/migrate';
import { ORGANISATIONS, SeedCounts, seedReferenceData } from '../../libs/persistence/src/seed/reference-data';
import { testConfig } from '../support/test-app';

const TABLES: Record<Exclude<keyof SeedCounts, 'dated'>, EntityTarget<ObjectLiteral>> = {
  organisations: OrganisationEntity,
  coordinationAreas: CoordinationAreaEntity,
  dailyAmounts: DailyAmountEntity,
  mandates: MandateEntity,
  signingDelegations: SigningDelegationEntity,
  healthcareRegions: HealthcareRegionEntity,
};
const EXPECTED: SeedCounts = { organisations: 106, coordinationAreas: 40, dailyAmounts: 3, mandates: 2, signingDelegations: 1, healthcareRegions: 21, dated: 0 };
const NOTHING: SeedCounts = { organisations: 0, coordinationAreas: 0, dailyAmounts: 0, mandates: 0, signingDelegations: 0, healthcareRegions: 0, dated: 0 };
/** Stockholm's districts from 2023-07-01: not in a database seeded before areas were dated. */
const NEW_DISTRICTS = ['0180-JARVA', '0180-NORRA-INNERSTADEN'];
/** The situation reports' parties (issue 14): the 21 regions, 21 county boards and SKR, none in those databases. */
const NATIONAL_KINDS: string[] = ['region', 'county_board', 'association'];

async function freshDatabase(): Promise<DataSource> {
  const config = await testConfig();
  if (!config.DATABASE_URL) throw new Error('testConfig gave no DATABASE_URL');
  const ds = new DataSource(dataSourceOptions(config.DATABASE_URL, 2));
  return ds.initialize();
}

async function rowCounts(ds: DataSource): Promise<SeedCounts> {
  const counts = { ...NOTHING };
  for (const [table, entity] of Object.entries(TABLES) as [keyof SeedCounts, EntityTarget<ObjectLiteral>][]) {
    counts[table] = await ds.getRepository(entity).count();
  }
  return counts;
}

describe('reference data seed (real PostgreSQL)', () => {
  const open: DataSource[] = [];
  afterAll(async () => {
    for (const ds of open) await ds.destroy();
  });

  it('fills a new database once: the migrations insert nothing, a second and third seed add nothing', async () => {
    const ds = await freshDatabase();
    open.push(ds);
    await ds.runMigrations({ transaction: 'each' });
    expect(await rowCounts(ds)).toEqual(NOTHING);

    expect(await seedReferenceData(ds)).toEqual(EXPECTED);
    expect(await rowCounts(ds)).toEqual(EXPECTED);
    const mandateIds = (await ds.getRepository(MandateEntity).find({ order: { reference: 'ASC' } })).map((m) => m.id);

    expect(await seedReferenceData(ds)).toEqual(NOTHING);
    expect(await rowCounts(ds)).toEqual(EXPECTED);
    // As every start of the API and the worker runs it:
    expect(await migrateAndSeed(ds)).toEqual({ migrations: [], seeded: NOTHING });
    expect(await rowCounts(ds)).toEqual(EXPECTED);
    // Workflows are keyed by mandate id (the support agreement): a re-run must not replace a row.
    expect((await ds.getRepository(MandateEntity).find({ order: { reference: 'ASC' } })).map((m) => m.id)).toEqual(mandateIds);
  });

  it('keeps what was changed after seeding: a deactivated organisation stays deactivated', async () => {
    const ds = await freshDatabase();
    open.push(ds);
    await migrateAndSeed(ds);
    await ds.getRepository(OrganisationEntity).update({ code: 'SOCIALSTYRELSEN' }, { active: false });
    expect(await seedReferenceData(ds)).toEqual(NOTHING);
    expect(await ds.getRepository(OrganisationEntity).findOneByOrFail({ code: 'SOCIALSTYRELSEN' })).toMatchObject({ active: false });
  });

  it('on a database that the earlier data-carrying migrations filled, adds only the district reform and the national parties, once', async () => {
    const ds = await freshDatabase();
    open.push(ds);
    await ds.runMigrations({ transaction: 'each' });
    // What those migrations inserted, statement for statement.
    for (const o of ORGANISATIONS.filter((x) => !NEW_DISTRICTS.includes(x.code) && !NATIONAL_KINDS.includes(x.kind))) {
      await ds.query('INSERT INTO organisations (code, kind, name) VALUES ($1, $2, $3)', [o.code, o.kind, o.name]);
    }
    await ds.query(`
      INSERT INTO payment_liability_daily_amounts (year, amount_ore, registered_by) VALUES
        (2019, 780000, 'seed: Socialstyrelsen'), (2020, 820000, 'seed: Socialstyrelsen'), (2022, 930000, 'seed: Socialstyrelsen')`);
    await ds.query(`
      INSERT INTO mandates (reference, title, decided_on, valid_from, valid_to, payer_org, payee_org)
      VALUES ('HDIR 20348', 'Operativ samordningsfunktion under pandemin (delegationsbeslut)', '2020-11-02', '2020-11-02', '2021-01-31', 'HSF', 'SLSO')`);
    await ds.query(`
      INSERT INTO coordination_areas (code, name)
      SELECT code, name FROM organisations
      WHERE (kind = 'municipality' AND code <> '0180') OR kind = 'city_district'`);
    await ds.query(`
      INSERT INTO signing_delegations (reference, holder, scope, valid_from, registered_by)
      VALUES ('HSN-DEL-2021-01', 'Avdelningschef, avdelningen för lokal hälso- och sjukvård', 'HSN 2020-1821', '2021-01-01', 'seed')`);
    await ds.query(`
      INSERT INTO mandates (reference, title, decided_on, valid_from, valid_to, payer_org, payee_org)
      VALUES ('HSN 2020-1821', 'Överenskommelse HSN–SLSO: stöd till samordnande vårdcentraler', '2021-03-01', '2021-03-01', '2099-12-31', 'HSF', 'SLSO')`);
    expect(await rowCounts(ds)).toEqual({ ...EXPECTED, organisations: 61, coordinationAreas: 38, healthcareRegions: 0, dated: 0 });

    // The district reform of 2023-07-01: the two new districts are added, and the four old ones (organisation and
    // area) are dated to 2023-06-30 and name their successor. And the 43 parties of the situation reports.
    expect(await seedReferenceData(ds)).toEqual({ ...NOTHING, organisations: 2 + 43, coordinationAreas: 2, healthcareRegions: 21, dated: 8 });
    const areas = await ds.getRepository(CoordinationAreaEntity).find({ where: [{ code: '0180-NORRMALM' }, { code: '0180-JARVA' }, { code: '0125' }], order: { code: 'ASC' } });
    expect(areas.map(({ code, validFrom, validTo, successorCode }) => ({ code, validFrom, validTo, successorCode }))).toEqual([
      { code: '0125', validFrom: null, validTo: null, successorCode: null },
      { code: '0180-JARVA', validFrom: '2023-07-01', validTo: null, successorCode: null },
      { code: '0180-NORRMALM', validFrom: null, validTo: '2023-06-30', successorCode: '0180-NORRA-INNERSTADEN' },
    ]);
    expect(await ds.getRepository(OrganisationEntity).findOneByOrFail({ code: '0180-OSTERMALM' })).toMatchObject({ validFrom: null, validTo: '2023-06-30' });
    expect(await rowCounts(ds)).toEqual(EXPECTED);

    expect(await seedReferenceData(ds)).toEqual(NOTHING);
    expect(await migrateAndSeed(ds)).toEqual({ migrations: [], seeded: NOTHING });
    expect(await rowCounts(ds)).toEqual(EXPECTED);
  });
});
