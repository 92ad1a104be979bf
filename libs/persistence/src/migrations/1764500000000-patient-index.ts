import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, patient data at rest: `cases.patient_index` is the blind index of the patient's personnummer (HMAC with
 * the key ring's index key; see libs/crypto/src/patient-index.ts), so the API can find a patient's cases without a
 * plain personnummer in any table or index.
 */
export class PatientIndex1764500000000 implements MigrationInterface {
  name = 'PatientIndex1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN patient_index text`);
    await q.query(`CREATE INDEX cases_patient_index_idx ON cases (patient_index)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_patient_index_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN patient_index`);
  }
}
