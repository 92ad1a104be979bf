import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations and coordination areas are dated (valid_from, valid_to: calendar dates, both included, null =
 * open): Stockholm city's districts changed on 2023-07-01 (13 → 11). An area merged into another names its
 * successor. DDL only: the seed (seed/reference-data.ts) dates the rows already there and adds the new districts.
 */
export class DatedAreas1764475200000 implements MigrationInterface {
  name = 'DatedAreas1764475200000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['organisations', 'coordination_areas']) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN valid_from date,
          ADD COLUMN valid_to date,
          ADD CONSTRAINT ${table}_validity_check CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)`);
    }
    await q.query(`ALTER TABLE coordination_areas ADD COLUMN successor_code text REFERENCES coordination_areas (code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE coordination_areas DROP COLUMN successor_code`);
    for (const table of ['organisations', 'coordination_areas']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_validity_check, DROP COLUMN valid_from, DROP COLUMN valid_to`);
    }
  }
}
