import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';
import type { OrganisationKind } from '../../../domain/src/organisation-kinds';
import { COUNTIES, countyBoardName, countyBoardOf, SKR } from '../../../domain/src/situation-reports/county';
import { CoordinationAreaEntity } from '../entities/coordination-area.entity';
import { DailyAmountEntity } from '../entities/daily-amount.entity';
import { MandateEntity } from '../entities/mandate.entity';
import { OrganisationEntity } from '../entities/organisation.entity';
import { SigningDelegationEntity } from '../entities/signing-delegation.entity';
import { HealthcareRegionEntity } from '../entities/transfer.entity';
import { DEFAULT_HEALTHCARE_REGION_OF } from '../../../domain/src/transfers/healthcare-regions';
import { rowsWritten } from '../write-result';

/**
 * The reference data every installation starts with. Schema migrations hold only DDL; this seed runs right
 * after them (see migrate.ts) and on every start. Each row is inserted with ON CONFLICT DO NOTHING, so running
 * it again, or on a database that earlier migrations already filled, adds only what is missing and never
 * changes a row that is there (an organisation an admin deactivated stays deactivated, a registered amount
 * stands).
 */

/** Stockholm County's 26 municipalities by their official codes (SCB kommunkod). */
const MUNICIPALITIES: [string, string][] = [
  ['0114', 'Upplands Väsby'], ['0115', 'Vallentuna'], ['0117', 'Österåker'], ['0120', 'Värmdö'],
  ['0123', 'Järfälla'], ['0125', 'Ekerö'], ['0126', 'Huddinge'], ['0127', 'Botkyrka'], ['0128', 'Salem'],
  ['0136', 'Haninge'], ['0138', 'Tyresö'], ['0139', 'Upplands-Bro'], ['0140', 'Nykvarn'], ['0160', 'Täby'],
  ['0162', 'Danderyd'], ['0163', 'Sollentuna'], ['0180', 'Stockholm'], ['0181', 'Södertälje'], ['0182', 'Nacka'],
  ['0183', 'Sundbyberg'], ['0184', 'Solna'], ['0186', 'Lidingö'], ['0187', 'Vaxholm'], ['0188', 'Norrtälje'],
  ['0191', 'Sigtuna'], ['0192', 'Nynäshamn'],
];

/** The last day of the 13 districts and the first of the 11 (DOMAIN.md, "Kommun / stadsdel"). */
const LAST_DAY_OF_13_DISTRICTS = '2023-06-30';
const FIRST_DAY_OF_11_DISTRICTS = '2023-07-01';

/**
 * Stockholm city acts through its district administrations (stadsdelsförvaltningar): 13 from 2020, 11 from
 * 1 July 2023, when Rinkeby-Kista and Spånga-Tensta formed Järva, and Östermalm and Norrmalm formed Norra
 * innerstaden. The history is kept: the four old districts end on 2023-06-30 (and name their successor), the two
 * new ones start on 2023-07-01. The other districts are undated (null: in force throughout).
 *
 * The district codes (`0180-` and the name) are this project's own: no official code list for Stockholm's
 * district administrations is used here. Only the municipalities' four-digit codes are official (SCB).
 */
const STOCKHOLM_DISTRICTS: { code: string; name: string; validFrom?: string; validTo?: string; successorCode?: string }[] = [
  { code: '0180-RINKEBY-KISTA', name: 'Rinkeby-Kista', validTo: LAST_DAY_OF_13_DISTRICTS, successorCode: '0180-JARVA' },
  { code: '0180-SPANGA-TENSTA', name: 'Spånga-Tensta', validTo: LAST_DAY_OF_13_DISTRICTS, successorCode: '0180-JARVA' },
  { code: '0180-JARVA', name: 'Järva', validFrom: FIRST_DAY_OF_11_DISTRICTS },
  { code: '0180-HASSELBY-VALLINGBY', name: 'Hässelby-Vällingby' },
  { code: '0180-BROMMA', name: 'Bromma' },
  { code: '0180-KUNGSHOLMEN', name: 'Kungsholmen' },
  { code: '0180-NORRMALM', name: 'Norrmalm', validTo: LAST_DAY_OF_13_DISTRICTS, successorCode: '0180-NORRA-INNERSTADEN' },
  { code: '0180-OSTERMALM', name: 'Östermalm', validTo: LAST_DAY_OF_13_DISTRICTS, successorCode: '0180-NORRA-INNERSTADEN' },
  { code: '0180-NORRA-INNERSTADEN', name: 'Norra innerstaden', validFrom: FIRST_DAY_OF_11_DISTRICTS },
  { code: '0180-SODERMALM', name: 'Södermalm' },
  { code: '0180-ENSKEDE-ARSTA-VANTOR', name: 'Enskede-Årsta-Vantör' },
  { code: '0180-SKARPNACK', name: 'Skarpnäck' },
  { code: '0180-FARSTA', name: 'Farsta' },
  { code: '0180-HAGERSTEN-ALVSJO', name: 'Hägersten-Älvsjö' },
  { code: '0180-SKARHOLMEN', name: 'Skärholmen' },
];

/**
 * Region bodies and a handful of named units so the demo and tests have counterparts. The region bodies (SLSO, HSF,
 * HSN) and the acute hospitals are real; the vårdcentraler, ASIH units, SPSV and geriatric unit, and every code
 * here other than the SCB kommunkoder, are EXAMPLE DATA (see SEED_EXAMPLE_DATA).
 */
const OTHERS: [string, OrganisationKind, string][] = [
  ['SLSO', 'slso', 'Stockholms läns sjukvårdsområde'],
  ['HSF', 'hsf', 'Hälso- och sjukvårdsförvaltningen'],
  ['HSF-FIN', 'hsf_finance', 'Hälso- och sjukvårdsförvaltningen, ekonomi'],
  ['HSN', 'hsn', 'Hälso- och sjukvårdsnämnden'],
  ['KS', 'acute_hospital', 'Karolinska Universitetssjukhuset Solna'],
  ['KH', 'acute_hospital', 'Karolinska Universitetssjukhuset Huddinge'],
  ['SOS', 'acute_hospital', 'Södersjukhuset'],
  ['DS', 'acute_hospital', 'Danderyds sjukhus'],
  ['SGS', 'acute_hospital', 'S:t Görans sjukhus'],
  ['STS', 'acute_hospital', 'Södertälje sjukhus'],
  ['NTS', 'acute_hospital', 'Norrtälje sjukhus'],
  ['VC-EKERO', 'vardcentral', 'Ekerö vårdcentral'],
  ['VC-HUDDINGE', 'vardcentral', 'Huddinge vårdcentral'],
  ['VC-NACKA', 'vardcentral', 'Nacka vårdcentral'],
  ['VC-SOLNA', 'vardcentral', 'Solna vårdcentral'],
  ['VC-TABY', 'vardcentral', 'Täby centrum vårdcentral'],
  ['VC-BROMMA', 'vardcentral', 'Bromma vårdcentral'],
  ['ASIH-NORR', 'asih', 'ASIH Stockholm Norr'],
  ['ASIH-SYD', 'asih', 'ASIH Stockholm Syd'],
  ['SPSV-STHLM', 'spsv', 'Stockholms sjukhem (SPSV)'],
  ['GER-HUDDINGE', 'geriatric_care', 'Geriatriken Huddinge'],
  ['SOCIALSTYRELSEN', 'national_agency', 'Socialstyrelsen'],
];

/**
 * The parties of the situation reports (issue 14), for the whole country, from the one county list in
 * libs/domain/src/situation-reports/county.ts:
 * - the 21 regions, coded by their county code. OFFICIAL: the codes (SCB länskoder) and the names;
 * - the 21 county administrative boards (länsstyrelser). OFFICIAL: the names. THE PROJECT'S OWN: the codes, `LST-`
 *   and the county code (`LST-01` Länsstyrelsen i Stockholms län);
 * - SKR, Sveriges Kommuner och Regioner (the code 'SKR' is the association's own abbreviation).
 * Socialstyrelsen is in OTHERS. Region Stockholm's bodies (SLSO, HSF, HSN) stay organisations of their own beside '01'.
 */
const NATIONAL: [string, OrganisationKind, string][] = [
  ...COUNTIES.map((c): [string, OrganisationKind, string] => [c.code, 'region', c.region]),
  ...COUNTIES.map((c): [string, OrganisationKind, string] => [countyBoardOf(c.code), 'county_board', countyBoardName(c.code)]),
  [SKR.code, 'association', SKR.name],
];

export const ORGANISATIONS: Pick<OrganisationEntity, 'code' | 'kind' | 'name' | 'validFrom' | 'validTo'>[] = [
  ...MUNICIPALITIES.map(([code, name]) => ({ code, kind: 'municipality' as const, name: `${name} kommun`, validFrom: null, validTo: null })),
  ...STOCKHOLM_DISTRICTS.map((d) => ({ code: d.code, kind: 'city_district' as const, name: `${d.name} stadsdelsförvaltning`, validFrom: d.validFrom ?? null, validTo: d.validTo ?? null })),
  ...[...OTHERS, ...NATIONAL].map(([code, kind, name]) => ({ code, kind, name, validFrom: null, validTo: null })),
];

/**
 * Coordinating vårdcentraler (HSN 2020-0222): every municipality but Stockholm, and Stockholm city's districts,
 * one area each, named and dated as the organisation: 38 areas on 2023-06-30 (25 + 13), 36 from 2023-07-01 (25 + 11).
 */
export const COORDINATION_AREAS: Pick<CoordinationAreaEntity, 'code' | 'name' | 'validFrom' | 'validTo' | 'successorCode'>[] = ORGANISATIONS.filter(
  (o) => (o.kind === 'municipality' && o.code !== '0180') || o.kind === 'city_district',
).map(({ code, name, validFrom, validTo }) => ({ code, name, validFrom, validTo, successorCode: STOCKHOLM_DISTRICTS.find((d) => d.code === code)?.successorCode ?? null }));

/** Socialstyrelsen's daily amounts for payment liability (förordning 2017:617), in öre. Other years: registered by HSF. */
export const DAILY_AMOUNTS: Pick<DailyAmountEntity, 'year' | 'amountOre' | 'registeredBy'>[] = [
  { year: 2019, amountOre: 780_000, registeredBy: 'seed: Socialstyrelsen' },
  { year: 2020, amountOre: 820_000, registeredBy: 'seed: Socialstyrelsen' },
  { year: 2022, amountOre: 930_000, registeredBy: 'seed: Socialstyrelsen' },
];

export const MANDATES: Omit<MandateEntity, 'id' | 'createdAt'>[] = [
  // HSF reimburses SLSO's extra costs for the operational coordination function: delegation decision HDIR 20348
  // (seed 000) of 2 November 2020, "Beslutet gäller tom 31 januari 2021". Every value is from the source.
  {
    reference: 'HDIR 20348',
    title: 'Operativ samordningsfunktion under pandemin (delegationsbeslut)',
    decidedOn: '2020-11-02',
    validFrom: '2020-11-02',
    validTo: '2021-01-31',
    payerOrg: 'HSF',
    payeeOrg: 'SLSO',
    ceilingOre: null,
  },
  // The HSN–SLSO support agreement's payments are booked in the reimbursement ledger under a mandate of their own.
  // From seed 001: the reference and the earliest start, 1 March 2021. EXAMPLE DATA: decidedOn (HSN's decision date
  // is in no source; the tjänsteutlåtande is of 2021-01-28) and validTo (the agreement runs until notice; no source
  // gives an end, and the column needs a date: 2099-12-31 stands for "open-ended").
  {
    reference: 'HSN 2020-1821',
    title: 'Överenskommelse HSN–SLSO: stöd till samordnande vårdcentraler',
    decidedOn: '2021-03-01', // example data
    validFrom: '2021-03-01',
    validTo: '2099-12-31', // example data: open-ended
    payerOrg: 'HSF',
    payeeOrg: 'SLSO',
    ceilingOre: null,
  },
];

/**
 * Who may sign the agreement for HSN besides the director of health care. HSN 2020-1821 (seed 001), decision point 3:
 * "Hälso- och sjukvårdsdirektören får i uppdrag att teckna överenskommelsen med möjlighet att delegera uppdraget
 * till avdelningschefen för närsjukvårdsavdelningen". So the delegation goes from the director to the head of the
 * närsjukvårdsavdelningen. EXAMPLE DATA: its reference and its start (no source gives them; the start is set no
 * earlier than the tjänsteutlåtande of 2021-01-28). Register the real delegation's.
 */
export const SIGNING_DELEGATIONS: Omit<SigningDelegationEntity, 'registeredAt'>[] = [
  {
    reference: 'HSN-DEL-2021-01', // example data
    holder: 'Avdelningschef, närsjukvårdsavdelningen (delegerat av hälso- och sjukvårdsdirektören)',
    scope: 'HSN 2020-1821',
    validFrom: '2021-01-28', // example data
    validTo: null,
    registeredBy: 'seed (exempeldata)',
  },
];

/**
 * Seeded values that no source gives: example data, so a demo and the tests have something to work with. README.md
 * ("Example data in the seed") lists each; replace them with the real ones before production use.
 */
export const SEED_EXAMPLE_DATA: { table: string; key: string; fields: string[]; why: string }[] = [
  { table: 'signing_delegations', key: 'HSN-DEL-2021-01', fields: ['reference', 'validFrom'], why: "the director's delegation is allowed by HSN 2020-1821; its reference and date are in no source" },
  { table: 'mandates', key: 'HSN 2020-1821', fields: ['decidedOn', 'validTo'], why: "HSN's decision date is in no source; the agreement has no end date (2099-12-31 = open-ended)" },
  {
    table: 'organisations',
    key: 'VC-EKERO, VC-HUDDINGE, VC-NACKA, VC-SOLNA, VC-TABY, VC-BROMMA, ASIH-NORR, ASIH-SYD, SPSV-STHLM, GER-HUDDINGE',
    fields: ['code', 'name'],
    why: 'named units for the demo and tests; the codes of all organisations but the municipalities and regions are the project\'s own',
  },
];

/** Rows the seed added, per table (0 everywhere when everything was already there). */
export interface SeedCounts {
  organisations: number;
  coordinationAreas: number;
  dailyAmounts: number;
  mandates: number;
  signingDelegations: number;
  healthcareRegions: number;
  /** Rows already there (organisations and areas) that the seed dated: a database from before dated areas. */
  dated: number;
}

/** Which healthcare region each region belongs to (transfers' distance classes); an admin corrects it after. */
export const HEALTHCARE_REGION_ROWS = Object.entries(DEFAULT_HEALTHCARE_REGION_OF).map(([region, healthcareRegion]) => ({ region, healthcareRegion, updatedBy: 'seed' }));

/** Inserts `rows` that are not there yet (ON CONFLICT DO NOTHING); returns how many it added. */
async function insertMissing<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
  key: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await em.createQueryBuilder().insert().into(entity).values(rows).orIgnore().returning([key]).updateEntity(false).execute();
  return rowsWritten(result);
}

/**
 * Dates the rows already there that have no dates yet (a database seeded before areas were dated): the seed's
 * validity, and an area's successor, are written only where the row has none, so a re-run changes nothing.
 */
async function dateExisting(em: EntityManager): Promise<number> {
  let dated = 0;
  const undated = 'valid_from IS NULL AND valid_to IS NULL';
  for (const o of ORGANISATIONS.filter((r) => r.validFrom !== null || r.validTo !== null)) {
    const result = await em.createQueryBuilder().update(OrganisationEntity).set({ validFrom: o.validFrom, validTo: o.validTo }).where({ code: o.code }).andWhere(undated).execute();
    dated += result.affected ?? 0;
  }
  for (const a of COORDINATION_AREAS.filter((r) => r.validFrom !== null || r.validTo !== null)) {
    const result = await em.createQueryBuilder().update(CoordinationAreaEntity).set({ validFrom: a.validFrom, validTo: a.validTo }).where({ code: a.code }).andWhere(undated).execute();
    dated += result.affected ?? 0;
    if (a.successorCode) {
      await em.createQueryBuilder().update(CoordinationAreaEntity).set({ successorCode: a.successorCode }).where({ code: a.code }).andWhere('successor_code IS NULL').execute();
    }
  }
  return dated;
}

/**
 * Upserts the reference data, in one transaction (in `db`'s when it is a transaction's EntityManager).
 * Safe to run any number of times, concurrently too.
 */
export async function seedReferenceData(db: DataSource | EntityManager): Promise<SeedCounts> {
  if (db instanceof DataSource) return db.transaction((em) => seedReferenceData(em));
  const em = db;
  // Parents first: areas, mandates and tasks refer to organisations.
  return {
    organisations: await insertMissing(em, OrganisationEntity, ORGANISATIONS, 'code'),
    coordinationAreas: await insertMissing(em, CoordinationAreaEntity, COORDINATION_AREAS, 'code'),
    dailyAmounts: await insertMissing(em, DailyAmountEntity, DAILY_AMOUNTS, 'year'),
    mandates: await insertMissing(em, MandateEntity, MANDATES, 'id'),
    signingDelegations: await insertMissing(em, SigningDelegationEntity, SIGNING_DELEGATIONS, 'reference'),
    healthcareRegions: await insertMissing(em, HealthcareRegionEntity, HEALTHCARE_REGION_ROWS, 'region'),
    dated: await dateExisting(em),
  };
}
