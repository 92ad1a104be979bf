import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { computePicture } from '../../../domain/src/situation-reports/picture';
import type { Participant, RoundCalendar, RoundPolicy, ShortageStatus, SituationPicture, StoredReport } from '../../../domain/src/situation-reports/report.types';
import { SituationRoundEntity } from '../entities/situation-report.entity';
import { CURSORS, decodeCursor, encodeCursor, type Page } from '../pagination';

export interface RoundRow {
  roundId: string;
  week: string;
  periodFrom: string;
  periodTo: string;
  status: string;
  dueAt: string;
  cutoffAt: string;
  expected: number;
  reported: number;
  pictureVersion: number;
  publishedAt: string | null;
}

export interface ReportRow {
  organisationCode: string;
  kind: 'municipality' | 'region';
  county: string;
  revision: number;
  figures: Record<string, unknown>;
  submittedAt: string;
  late: boolean;
  afterClose: boolean;
}

export interface ShortageRow {
  organisationCode: string;
  item: string;
  daysLeft: number;
  countyBoard: string;
  action: string | null;
  comment: string | null;
  answeredAt: string | null;
}

/**
 * Who reads which raw reports of a round: an organisation its own, a county board those of its county, the
 * national agency all. Resolved by the access service; the repository only applies it.
 */
export type ReportRemit = { all: true } | { county: string } | { organisationCode: string };

/**
 * Situation-report rounds, their reports (a row per revision) and shortages. The round's workflow writes them in its
 * steps (with the case projection, in one transaction); the API reads them. Codes and figures only.
 */
@Injectable()
export class SituationReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ---- written by the round's steps ---------------------------------------------------------------------

  async openRound(em: EntityManager, r: { roundId: string; calendar: RoundCalendar; participants: Participant[]; policy: RoundPolicy }): Promise<void> {
    await em.query(
      `INSERT INTO situation_rounds (id, week, period_from, period_to, due_at, cutoff_at, calendar, participants, policy)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [r.roundId, r.calendar.week, r.calendar.periodFrom, r.calendar.periodTo, r.calendar.dueAt, r.calendar.cutoffAt, JSON.stringify(r.calendar), JSON.stringify(r.participants), JSON.stringify(r.policy)],
    );
  }

  /** A report's revision, once (a retried step finds it there). */
  async recordReport(em: EntityManager, r: StoredReport): Promise<void> {
    await em.query(
      `INSERT INTO situation_reports (round_id, organisation_code, revision, kind, county, figures, submitted_by, submitted_at, late, after_close)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
      [r.roundId, r.organisationCode, r.revision, r.kind, r.county, JSON.stringify(r.figures), r.submittedBy, r.submittedAt, r.late, r.afterClose],
    );
  }

  async recordShortage(em: EntityManager, roundId: string, x: ShortageStatus): Promise<void> {
    await em.query(
      `INSERT INTO situation_shortages (round_id, organisation_code, item, days_left, county_board, action, comment, answered_by, answered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (round_id, organisation_code, item) DO UPDATE SET action = EXCLUDED.action, comment = EXCLUDED.comment,
         answered_by = EXCLUDED.answered_by, answered_at = EXCLUDED.answered_at`,
      [roundId, x.organisationCode, x.item, x.daysLeft, x.countyBoard, x.action ?? null, x.comment ?? null, x.answeredBy ?? null, x.answeredAt ?? null],
    );
  }

  /** Computes the round's picture from its stored reports and publishes it, unless a newer version is there. */
  async publishPicture(em: EntityManager, roundId: string, version: number, computedAt: string): Promise<SituationPicture | null> {
    const round = await em.findOne(SituationRoundEntity, { where: { id: roundId } });
    if (!round) throw new Error(`situation round ${roundId} was never opened`);
    if (round.pictureVersion >= version) return null;
    const reports = (await this.allReports(em, roundId)).map((r) => ({ ...r, roundId, submittedBy: '' }));
    const picture = computePicture({ roundId, calendar: round.calendar, participants: round.participants, policy: round.policy, version, computedAt }, reports as unknown as StoredReport[]);
    await em.query(`UPDATE situation_rounds SET picture = $2, picture_version = $3, published_at = $4 WHERE id = $1 AND picture_version < $3`, [
      roundId,
      JSON.stringify(picture),
      version,
      computedAt,
    ]);
    return picture;
  }

  /** Every revision of every report of a round (what the picture is computed from; the benchmark times it too). */
  allReports(em: EntityManager | DataSource, roundId: string): Promise<ReportRow[]> {
    return em.query(
      `SELECT organisation_code AS "organisationCode", kind, county, revision, figures, submitted_at AS "submittedAt", late, after_close AS "afterClose"
       FROM situation_reports WHERE round_id = $1 ORDER BY organisation_code, revision`,
      [roundId],
    );
  }

  // ---- read by the API ------------------------------------------------------------------------------------

  /** Rounds, newest reported week first, a page at a time; counts only. */
  async listRounds(q: { limit: number; cursor?: string; reporter?: string }): Promise<Page<RoundRow>> {
    const after = q.cursor ? decodeCursor(CURSORS.situationRounds, q.cursor) : null;
    const rows: (RoundRow & { sortKey: Date })[] = await this.dataSource.query(
      `SELECT r.id AS "roundId", r.week, to_char(r.period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(r.period_to, 'YYYY-MM-DD') AS "periodTo",
         coalesce(c.status, 'open') AS status, r.due_at AS "dueAt", r.cutoff_at AS "cutoffAt", jsonb_array_length(r.participants) AS expected,
         (SELECT count(DISTINCT s.organisation_code) FROM situation_reports s WHERE s.round_id = r.id)::int AS reported,
         r.picture_version AS "pictureVersion", r.published_at AS "publishedAt", date_trunc('milliseconds', r.cutoff_at) AS "sortKey"
       FROM situation_rounds r LEFT JOIN cases c ON c.id = r.id
       WHERE ($2::text IS NULL OR r.participants @> jsonb_build_array(jsonb_build_object('organisationCode', $2::text)))
         AND ($3::timestamptz IS NULL OR (date_trunc('milliseconds', r.cutoff_at), r.id) < ($3::timestamptz, $4::uuid))
       ORDER BY date_trunc('milliseconds', r.cutoff_at) DESC, r.id DESC LIMIT $1`,
      [q.limit + 1, q.reporter ?? null, after?.sortKey ?? null, after?.id ?? null],
    );
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(({ sortKey: _s, ...r }) => ({ ...r, dueAt: new Date(r.dueAt).toISOString(), cutoffAt: new Date(r.cutoffAt).toISOString(), publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null })),
      nextCursor: rows.length > q.limit && last ? encodeCursor(CURSORS.situationRounds, { sortKey: last.sortKey.toISOString(), id: last.roundId }) : null,
    };
  }

  findRound(roundId: string): Promise<SituationRoundEntity | null> {
    return this.dataSource.getRepository(SituationRoundEntity).findOne({ where: { id: roundId } });
  }

  /** The latest revision of each report within `remit`, by organisation code, a page at a time. */
  async latestReports(roundId: string, remit: ReportRemit, q: { limit: number; cursor?: string }): Promise<Page<ReportRow>> {
    const after = q.cursor ? decodeCursor(CURSORS.situationReports, q.cursor) : null;
    const county = 'county' in remit ? remit.county : null;
    const org = 'organisationCode' in remit ? remit.organisationCode : null;
    const rows: ReportRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (organisation_code) organisation_code AS "organisationCode", kind, county, revision, figures,
         submitted_at AS "submittedAt", late, after_close AS "afterClose"
       FROM situation_reports
       WHERE round_id = $1 AND ($2::text IS NULL OR county = $2) AND ($3::text IS NULL OR organisation_code = $3)
         AND ($5::text IS NULL OR organisation_code > $5)
       ORDER BY organisation_code, revision DESC LIMIT $4`,
      [roundId, county, org, q.limit + 1, after?.id ?? null],
    );
    const items = rows.slice(0, q.limit).map((r) => ({ ...r, submittedAt: new Date(r.submittedAt).toISOString() }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(CURSORS.situationReports, { sortKey: '', id: last.organisationCode }) : null };
  }

  /** Every revision of one organisation's report, oldest first. */
  async revisionsOf(roundId: string, organisationCode: string): Promise<ReportRow[]> {
    const rows: ReportRow[] = await this.dataSource.query(
      `SELECT organisation_code AS "organisationCode", kind, county, revision, figures, submitted_at AS "submittedAt", late, after_close AS "afterClose"
       FROM situation_reports WHERE round_id = $1 AND organisation_code = $2 ORDER BY revision`,
      [roundId, organisationCode],
    );
    return rows.map((r) => ({ ...r, submittedAt: new Date(r.submittedAt).toISOString() }));
  }

  async shortagesOf(roundId: string, organisationCode: string): Promise<ShortageRow[]> {
    const rows: ShortageRow[] = await this.dataSource.query(
      `SELECT organisation_code AS "organisationCode", item, days_left AS "daysLeft", county_board AS "countyBoard", action, comment, answered_at AS "answeredAt"
       FROM situation_shortages WHERE round_id = $1 AND organisation_code = $2 ORDER BY item`,
      [roundId, organisationCode],
    );
    return rows.map((r) => ({ ...r, answeredAt: r.answeredAt ? new Date(r.answeredAt).toISOString() : null }));
  }

  /** The latest published picture (of the latest reported week), or null. */
  async latestPicture(): Promise<SituationPicture | null> {
    const rows: { picture: SituationPicture }[] = await this.dataSource.query(
      `SELECT picture FROM situation_rounds WHERE picture IS NOT NULL ORDER BY period_from DESC, published_at DESC LIMIT 1`,
    );
    return rows[0]?.picture ?? null;
  }

  /** Published pictures of the reported weeks in [fromDay, toDay), oldest first (at most `limit`). */
  async pictures(q: { fromDay: string | null; toDay: string | null; limit: number }): Promise<SituationPicture[]> {
    const rows: { picture: SituationPicture }[] = await this.dataSource.query(
      `SELECT picture FROM situation_rounds
       WHERE picture IS NOT NULL AND ($1::date IS NULL OR period_from >= $1) AND ($2::date IS NULL OR period_from < $2)
       ORDER BY period_from DESC, cutoff_at DESC LIMIT $3`,
      [q.fromDay, q.toDay, q.limit],
    );
    return rows.map((r) => r.picture).reverse();
  }
}
