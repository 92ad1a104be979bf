import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reimbursement1763895600000 implements MigrationInterface {
  name = 'Reimbursement1763895600000';

  async up(q: QueryRunner): Promise<void> {
    // The decision that makes costs reimbursable, e.g. HDIR 20348 (seeded by seed/reference-data.ts).
    await q.query(`
      CREATE TABLE mandates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 100),
        title text NOT NULL,
        decided_on date NOT NULL,
        valid_from date NOT NULL,
        valid_to date NOT NULL CHECK (valid_to >= valid_from),
        payer_org text NOT NULL REFERENCES organisations (code),
        payee_org text NOT NULL REFERENCES organisations (code),
        ceiling_ore bigint CHECK (ceiling_ore > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The claims projection, written by the claim workflow's activity: the current revision's lines.
    await q.query(`
      CREATE TABLE claims (
        id uuid PRIMARY KEY REFERENCES cases (id),
        mandate_id uuid NOT NULL REFERENCES mandates (id),
        status text NOT NULL,
        revision integer NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        claimed_ore bigint NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX claims_mandate_idx ON claims (mandate_id, status)`);
    await q.query(`
      CREATE TABLE claim_lines (
        claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
        line_no integer NOT NULL,
        date date NOT NULL,
        category text NOT NULL,
        description text NOT NULL,
        amount_ore bigint NOT NULL CHECK (amount_ore > 0),
        document_ref text NOT NULL,
        PRIMARY KEY (claim_id, line_no)
      )`);

    // The ledger: one row per booking, never updated. A booking key makes each booking happen at most once,
    // whatever retries, duplicated requests or replays do.
    await q.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        booking_key text NOT NULL UNIQUE,
        mandate_id uuid NOT NULL REFERENCES mandates (id),
        source text NOT NULL,
        source_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('approved', 'paid')),
        category text NOT NULL,
        amount_ore bigint NOT NULL CHECK (amount_ore > 0),
        payer_org text NOT NULL,
        payee_org text NOT NULL,
        reference text,
        booked_by text NOT NULL,
        booked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_mandate_idx ON ledger_entries (mandate_id, kind, category)`);
    await q.query(`CREATE INDEX ledger_source_idx ON ledger_entries (source_id, kind)`);
    await q.query(`
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entries is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_no_update_or_delete BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_entries`);
    await q.query(`DROP FUNCTION ledger_append_only()`);
    await q.query(`DROP TABLE claim_lines`);
    await q.query(`DROP TABLE claims`);
    await q.query(`DROP TABLE mandates`);
  }
}
