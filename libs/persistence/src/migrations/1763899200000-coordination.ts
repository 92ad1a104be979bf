import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coordinating vårdcentraler (HSN 2020-0222) and the HSN–SLSO support agreement (HSN 2020-1821):
 * the areas, their coverage projection, LPIK per year, registered signing delegations. The areas, the agreement's
 * mandate and the registered delegation are reference data from seed/reference-data.ts.
 */
export class Coordination1763899200000 implements MigrationInterface {
  name = 'Coordination1763899200000';

  async up(q: QueryRunner): Promise<void> {
    // Every municipality but Stockholm, and Stockholm city's districts: one coordinating vårdcentral each.
    await q.query(`
      CREATE TABLE coordination_areas (
        code text PRIMARY KEY REFERENCES organisations (code),
        name text NOT NULL,
        case_id uuid UNIQUE
      )`);
    await q.query(`
      CREATE TABLE area_coverage (
        area_code text PRIMARY KEY REFERENCES coordination_areas (code),
        status text NOT NULL,
        vardcentral_code text,
        pending_vardcentral_code text,
        slso_contact text,
        start_date date,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE lpik_indices (
        year integer PRIMARY KEY CHECK (year BETWEEN 2021 AND 2100),
        percent_hundredths integer NOT NULL CHECK (percent_hundredths BETWEEN -5000 AND 5000),
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Who may sign for HSN besides the director of health care (hälso- och sjukvårdsdirektören).
    await q.query(`
      CREATE TABLE signing_delegations (
        reference text PRIMARY KEY,
        holder text NOT NULL,
        scope text NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signing_delegations`);
    await q.query(`DROP TABLE lpik_indices`);
    await q.query(`DROP TABLE area_coverage`);
    await q.query(`DROP TABLE coordination_areas`);
  }
}
