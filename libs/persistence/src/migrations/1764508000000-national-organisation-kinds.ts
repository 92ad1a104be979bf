import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = ['acute_hospital', 'vardcentral', 'asih', 'spsv', 'geriatric_care', 'slso', 'hsf', 'hsf_finance', 'hsn', 'municipality', 'city_district', 'national_agency'];
/** Situation reports (issue 14): the 21 regions, the county administrative boards and SKR. */
const ADDED = ['region', 'county_board', 'association'];

const kindCheck = (kinds: string[]) => `CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')}))`;

/**
 * Widens organisations.kind's CHECK (1763888400000-organisations) by the kinds of the situation reports' parties:
 * `region`, `county_board` (länsstyrelse) and `association` (SKR). DDL only: the seed (seed/reference-data.ts) adds
 * the rows. The kinds are written out here, not read from ORGANISATION_KINDS, so the migration stays as it ran.
 * `down` fails while an organisation of an added kind is there (remove those first).
 */
export class NationalOrganisationKinds1764508000000 implements MigrationInterface {
  name = 'NationalOrganisationKinds1764508000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check, ADD CONSTRAINT organisations_kind_check ${kindCheck([...BEFORE, ...ADDED])}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check, ADD CONSTRAINT organisations_kind_check ${kindCheck(BEFORE)}`);
  }
}
