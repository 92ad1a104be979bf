import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coordinating vårdcentraler (HSN 2020-0222) and the HSN–SLSO support agreement (HSN 2020-1821):
 * the areas, their coverage projection, LPIK per year, registered signing delegations.
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
      INSERT INTO coordination_areas (code, name)
      SELECT code, name FROM organisations
      WHERE (kind = 'municipality' AND code <> '0180') OR kind = 'city_district'`);
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
    await q.query(`
      INSERT INTO signing_delegations (reference, holder, scope, valid_from, registered_by)
      VALUES ('HSN-DEL-2021-01', 'Avdelningschef, avdelningen för lokal hälso- och sjukvård', 'HSN 2020-1821', '2021-01-01', 'seed')`);

    // The agreement's payments are booked in the reimbursement ledger under a mandate of their own.
    await q.query(`
      INSERT INTO mandates (reference, title, decided_on, valid_from, valid_to, payer_org, payee_org)
      VALUES ('HSN 2020-1821', 'Överenskommelse HSN–SLSO: stöd till samordnande vårdcentraler', '2021-03-01', '2021-03-01', '2099-12-31', 'HSF', 'SLSO')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM mandates WHERE reference = 'HSN 2020-1821'`);
    await q.query(`DROP TABLE signing_delegations`);
    await q.query(`DROP TABLE lpik_indices`);
    await q.query(`DROP TABLE area_coverage`);
    await q.query(`DROP TABLE coordination_areas`);
  }
}
