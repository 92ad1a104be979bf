import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763884800000 implements MigrationInterface {
  name = 'InitialSchema1763884800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        case_type text NOT NULL,
        workflow_id text NOT NULL UNIQUE,
        status text NOT NULL,
        parties text[] NOT NULL,
        version integer NOT NULL,
        summary jsonb NOT NULL,
        subject jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cases_type_status_idx ON cases (case_type, status)`);
    await q.query(`CREATE INDEX cases_parties_idx ON cases USING gin (parties)`);
    await q.query(`
      CREATE TABLE case_events (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        organisation_code text NOT NULL,
        type text NOT NULL,
        detail jsonb,
        PRIMARY KEY (case_id, seq)
      )`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        resource_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE case_events`);
    await q.query(`DROP TABLE cases`);
  }
}
