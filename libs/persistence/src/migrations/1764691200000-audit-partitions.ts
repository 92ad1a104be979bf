import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, no global lock on the hot path: the audit trail becomes one hash chain per partition (a case, or an
 * organisation's Stockholm day), so an append locks only the partitions it writes instead of the whole trail.
 *
 * - `audit_log.chain_key`: the chain a row was appended to. The rows already there stay the one chain they were
 *   written as, `legacy` (a constant default: no row is rewritten, and the append-only trigger never fires). The
 *   default is dropped at once, so a writer that does not name its chain (an old process still running) fails
 *   instead of joining the wrong chain.
 * - `audit_chain_heads`: where every chain ends (last id, last hash, row count), moved forward in the transaction of
 *   each append under the chain's lock. audit:verify checks every chain against it, so rows removed from the end of
 *   a chain show. A trigger refuses DELETE and TRUNCATE, and an UPDATE that does not move a head forward.
 *
 * The old single lock is taken while the legacy chain's head is recorded, so an old writer in flight finishes first.
 */
export class AuditPartitions1764691200000 implements MigrationInterface {
  name = 'AuditPartitions1764691200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SELECT pg_advisory_xact_lock(7261948)`);
    await q.query(`ALTER TABLE audit_log ADD COLUMN chain_key text NOT NULL DEFAULT 'legacy'`);
    await q.query(`ALTER TABLE audit_log ALTER COLUMN chain_key DROP DEFAULT`);
    await q.query(`CREATE INDEX audit_log_chain_idx ON audit_log (chain_key, id)`);
    await q.query(`
      CREATE TABLE audit_chain_heads (
        chain_key text PRIMARY KEY,
        last_id bigint NOT NULL,
        last_hash text NOT NULL,
        row_count bigint NOT NULL CHECK (row_count > 0)
      )`);
    await q.query(`
      INSERT INTO audit_chain_heads (chain_key, last_id, last_hash, row_count)
      SELECT 'legacy', id, hash, (SELECT count(*) FROM audit_log) FROM audit_log ORDER BY id DESC LIMIT 1`);
    await q.query(`
      CREATE FUNCTION audit_chain_heads_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.chain_key = OLD.chain_key AND NEW.last_id > OLD.last_id AND NEW.row_count > OLD.row_count THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_chain_heads only move forward';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_chain_heads_forward BEFORE UPDATE OR DELETE ON audit_chain_heads
      FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_forward_only()`);
    await q.query(`
      CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
      FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_heads_forward_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_chain_heads`);
    await q.query(`DROP FUNCTION audit_chain_heads_forward_only()`);
    await q.query(`DROP INDEX audit_log_chain_idx`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN chain_key`);
  }
}
