import { MigrationInterface, QueryRunner } from 'typeorm';

/** Stockholm County's 26 municipalities by their official codes (SCB kommunkod). */
const MUNICIPALITIES: [string, string][] = [
  ['0114', 'Upplands Väsby'], ['0115', 'Vallentuna'], ['0117', 'Österåker'], ['0120', 'Värmdö'],
  ['0123', 'Järfälla'], ['0125', 'Ekerö'], ['0126', 'Huddinge'], ['0127', 'Botkyrka'], ['0128', 'Salem'],
  ['0136', 'Haninge'], ['0138', 'Tyresö'], ['0139', 'Upplands-Bro'], ['0140', 'Nykvarn'], ['0160', 'Täby'],
  ['0162', 'Danderyd'], ['0163', 'Sollentuna'], ['0180', 'Stockholm'], ['0181', 'Södertälje'], ['0182', 'Nacka'],
  ['0183', 'Sundbyberg'], ['0184', 'Solna'], ['0186', 'Lidingö'], ['0187', 'Vaxholm'], ['0188', 'Norrtälje'],
  ['0191', 'Sigtuna'], ['0192', 'Nynäshamn'],
];

/** Stockholm city acts through its 13 district administrations (stadsdelsförvaltningar). */
const STOCKHOLM_DISTRICTS: [string, string][] = [
  ['0180-RINKEBY-KISTA', 'Rinkeby-Kista'], ['0180-SPANGA-TENSTA', 'Spånga-Tensta'],
  ['0180-HASSELBY-VALLINGBY', 'Hässelby-Vällingby'], ['0180-BROMMA', 'Bromma'], ['0180-KUNGSHOLMEN', 'Kungsholmen'],
  ['0180-NORRMALM', 'Norrmalm'], ['0180-OSTERMALM', 'Östermalm'], ['0180-SODERMALM', 'Södermalm'],
  ['0180-ENSKEDE-ARSTA-VANTOR', 'Enskede-Årsta-Vantör'], ['0180-SKARPNACK', 'Skarpnäck'], ['0180-FARSTA', 'Farsta'],
  ['0180-HAGERSTEN-ALVSJO', 'Hägersten-Älvsjö'], ['0180-SKARHOLMEN', 'Skärholmen'],
];

/** Region bodies and a handful of named units so the demo and tests have real counterparts. */
const OTHERS: [string, string, string][] = [
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

export class Organisations1763888400000 implements MigrationInterface {
  name = 'Organisations1763888400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9-]{2,40}$'),
        kind text NOT NULL CHECK (kind IN ('acute_hospital', 'vardcentral', 'asih', 'spsv', 'geriatric_care', 'slso',
          'hsf', 'hsf_finance', 'hsn', 'municipality', 'city_district', 'national_agency')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organisations_kind_idx ON organisations (kind, code)`);
    const rows = [
      ...MUNICIPALITIES.map(([code, name]) => [code, 'municipality', `${name} kommun`]),
      ...STOCKHOLM_DISTRICTS.map(([code, name]) => [code, 'city_district', `${name} stadsdelsförvaltning`]),
      ...OTHERS,
    ];
    for (const [code, kind, name] of rows) {
      await q.query(`INSERT INTO organisations (code, kind, name) VALUES ($1, $2, $3)`, [code, kind, name]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisations`);
  }
}
