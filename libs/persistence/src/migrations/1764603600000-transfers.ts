import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, inter-regional transfer and national reinforcement (seed 003). Capacity is never double-booked: each
 * region's declared free beds per care level and what transfers have reserved of them sit in one row, under a CHECK
 * that nothing reserves more than there is; a reservation is an UPDATE guarded by that row. The national pool of
 * reinforcement resources likewise never goes below zero. `transfers` is the requests' projection for the report to
 * the Ministry; the healthcare regions (sjukvårdsregioner) are a reference table an admin corrects.
 */
export class Transfers1764603600000 implements MigrationInterface {
  name = 'Transfers1764603600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE transfer_capacity (
        region text NOT NULL,
        care_level text NOT NULL CHECK (care_level IN ('icu_ventilator', 'icu', 'inpatient')),
        beds integer NOT NULL CHECK (beds >= 0),
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (region, care_level),
        CONSTRAINT transfer_capacity_never_double_booked CHECK (reserved <= beds)
      )`);
    await q.query(`
      CREATE TABLE transfer_reservations (
        request_id uuid NOT NULL,
        round integer NOT NULL,
        region text NOT NULL,
        care_level text NOT NULL,
        beds integer NOT NULL CHECK (beds > 0),
        status text NOT NULL CHECK (status IN ('reserved', 'released', 'admitted')),
        reserved_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        PRIMARY KEY (request_id, round, care_level)
      )`);
    await q.query(`
      CREATE TABLE transfers (
        id uuid PRIMARY KEY,
        version integer NOT NULL,
        sending_region text NOT NULL,
        receiving_region text,
        status text NOT NULL,
        patients integer NOT NULL,
        requested_at timestamptz NOT NULL,
        accepted_at timestamptz,
        admitted_at timestamptz,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX transfers_requested_idx ON transfers (requested_at)`);
    await q.query(`
      CREATE TABLE healthcare_regions (
        region text PRIMARY KEY,
        healthcare_region text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE reinforcement_pool (
        category text PRIMARY KEY,
        available integer NOT NULL CONSTRAINT reinforcement_pool_never_negative CHECK (available >= 0),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE reinforcement_allocations (
        request_id uuid PRIMARY KEY,
        region text NOT NULL,
        category text NOT NULL,
        requested integer NOT NULL CHECK (requested > 0),
        allocated integer NOT NULL CHECK (allocated >= 0 AND allocated <= requested),
        reason text NOT NULL,
        decided_by text NOT NULL,
        decided_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['reinforcement_allocations', 'reinforcement_pool', 'healthcare_regions', 'transfers', 'transfer_reservations', 'transfer_capacity']) await q.query(`DROP TABLE ${t}`);
  }
}
