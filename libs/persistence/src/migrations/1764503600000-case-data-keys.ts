import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, patient data at rest: every case's patient data is sealed with a data key of its own, stored wrapped by
 * the key ring in `case_data_keys`; erasure (gallring) deletes the wrapped key and keeps the row as its record.
 * `cases.subject_sealed` replaces the plain `cases.subject` (sealed once at the worker's start, then cleared; the
 * column stays for databases not yet sealed and is dropped in a later release). `cases.closed_at`: when the case
 * ended (its projection waits for nothing), from which the retention of its patient data counts.
 */
export class CaseDataKeys1764503600000 implements MigrationInterface {
  name = 'CaseDataKeys1764503600000';

  async up(q: QueryRunner): Promise<void> {
    // No foreign key to cases: the API creates the key (and seals the patient) before the workflow writes the case.
    await q.query(`
      CREATE TABLE case_data_keys (
        case_id uuid PRIMARY KEY,
        ring_key_id text NOT NULL,
        wrapped_key bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz,
        CONSTRAINT case_data_keys_destroyed_check CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
      )`);
    await q.query(`ALTER TABLE cases ADD COLUMN subject_sealed bytea, ADD COLUMN patient_data_erased_at timestamptz, ADD COLUMN closed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN subject_sealed, DROP COLUMN patient_data_erased_at, DROP COLUMN closed_at`);
    await q.query(`DROP TABLE case_data_keys`);
  }
}
