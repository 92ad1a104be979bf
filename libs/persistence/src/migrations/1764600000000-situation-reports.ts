import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, situation reports (lägesbilder): a round (its calendar, participants and thresholds, and the picture
 * published for it), the reports sent in it (one row per revision, never updated), and the shortages raised to the
 * county boards with their answers. Written only by the round's workflow steps; the API reads them within each
 * organisation's remit. Organisation codes and figures only: no personal data.
 */
export class SituationReports1764600000000 implements MigrationInterface {
  name = 'SituationReports1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE situation_rounds (
        id uuid PRIMARY KEY,
        week text NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        due_at timestamptz NOT NULL,
        cutoff_at timestamptz NOT NULL,
        calendar jsonb NOT NULL,
        participants jsonb NOT NULL,
        policy jsonb NOT NULL,
        picture jsonb,
        picture_version integer NOT NULL DEFAULT 0,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX situation_rounds_week_idx ON situation_rounds (period_from DESC, id DESC)`);
    await q.query(`
      CREATE TABLE situation_reports (
        round_id uuid NOT NULL REFERENCES situation_rounds (id),
        organisation_code text NOT NULL,
        revision integer NOT NULL CHECK (revision >= 1),
        kind text NOT NULL CHECK (kind IN ('municipality', 'region')),
        county text NOT NULL,
        figures jsonb NOT NULL,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL,
        late boolean NOT NULL,
        after_close boolean NOT NULL,
        PRIMARY KEY (round_id, organisation_code, revision)
      )`);
    await q.query(`CREATE INDEX situation_reports_county_idx ON situation_reports (round_id, county, organisation_code)`);
    await q.query(`
      CREATE TABLE situation_shortages (
        round_id uuid NOT NULL REFERENCES situation_rounds (id),
        organisation_code text NOT NULL,
        item text NOT NULL,
        days_left integer NOT NULL,
        county_board text NOT NULL,
        action text,
        comment text,
        answered_by text,
        answered_at timestamptz,
        PRIMARY KEY (round_id, organisation_code, item)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE situation_shortages`);
    await q.query(`DROP TABLE situation_reports`);
    await q.query(`DROP TABLE situation_rounds`);
  }
}
