import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics columns on the case projection (issue 12, Uppföljning): a discharge's municipality, the Stockholm date
 * it was discharged, the calendar days from "ready" to discharge and its payment liability (days, öre), copied out
 * of the summary JSON by a trigger, so that every writer of the projection (the case runtime, the legacy workflows,
 * a backfill) fills them and the statistics aggregate indexed columns in SQL. No personal data: codes, dates and
 * numbers only. A summary the trigger cannot read leaves the columns empty rather than failing the workflow's step.
 */
export class CaseStatistics1764507200000 implements MigrationInterface {
  name = 'CaseStatistics1764507200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN stat_municipality text,
        ADD COLUMN stat_discharged_on date,
        ADD COLUMN stat_days_from_ready integer,
        ADD COLUMN stat_liable_days integer,
        ADD COLUMN stat_liability_ore bigint`);
    await q.query(`
      CREATE FUNCTION cases_statistics_columns() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        d jsonb;
      BEGIN
        NEW.stat_municipality := NULL;
        NEW.stat_discharged_on := NULL;
        NEW.stat_days_from_ready := NULL;
        NEW.stat_liable_days := NULL;
        NEW.stat_liability_ore := NULL;
        IF NEW.case_type <> 'discharge_handover' THEN
          RETURN NEW;
        END IF;
        -- The receiving municipality: the one municipality among the parties (hospital, municipality, vårdcentral, …).
        NEW.stat_municipality := (
          SELECT o.code FROM organisations o
          WHERE o.code = ANY (NEW.parties) AND o.kind = 'municipality'
          ORDER BY array_position(NEW.parties, o.code) LIMIT 1);
        d := NEW.summary -> 'discharge';
        IF jsonb_typeof(d) = 'object' THEN
          BEGIN
            NEW.stat_discharged_on := ((d ->> 'dischargedAt')::timestamptz AT TIME ZONE 'Europe/Stockholm')::date;
            NEW.stat_days_from_ready := (d ->> 'daysFromReady')::integer;
            IF jsonb_typeof(d -> 'paymentLiability') = 'object' THEN
              NEW.stat_liable_days := (d -> 'paymentLiability' ->> 'liableDays')::integer;
              NEW.stat_liability_ore := (d -> 'paymentLiability' ->> 'totalOre')::bigint;
            END IF;
          EXCEPTION WHEN others THEN
            NEW.stat_discharged_on := NULL;
            NEW.stat_days_from_ready := NULL;
            NEW.stat_liable_days := NULL;
            NEW.stat_liability_ore := NULL;
          END;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER cases_statistics BEFORE INSERT OR UPDATE OF case_type, parties, summary ON cases
      FOR EACH ROW EXECUTE FUNCTION cases_statistics_columns()`);
    await q.query(`UPDATE cases SET summary = summary WHERE case_type = 'discharge_handover'`);
    await q.query(`
      CREATE INDEX cases_discharged_on_idx ON cases (stat_discharged_on)
        INCLUDE (stat_municipality, stat_days_from_ready, stat_liable_days, stat_liability_ore)
        WHERE stat_discharged_on IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_discharged_on_idx`);
    await q.query(`DROP TRIGGER cases_statistics ON cases`);
    await q.query(`DROP FUNCTION cases_statistics_columns()`);
    await q.query(`
      ALTER TABLE cases
        DROP COLUMN stat_municipality, DROP COLUMN stat_discharged_on, DROP COLUMN stat_days_from_ready,
        DROP COLUMN stat_liable_days, DROP COLUMN stat_liability_ore`);
  }
}
