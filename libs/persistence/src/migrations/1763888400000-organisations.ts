import { MigrationInterface, QueryRunner } from 'typeorm';

/** The organisations table. Its rows (municipalities, districts, region bodies, units) come from seed/reference-data.ts. */
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisations`);
  }
}
