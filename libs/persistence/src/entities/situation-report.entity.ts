import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Participant, RoundCalendar, RoundPolicy, SituationPicture } from '../../../domain/src/situation-reports/report.types';

/** A situation-report round: its calendar, participants, thresholds, and the picture published for it. */
@Entity({ name: 'situation_rounds' })
export class SituationRoundEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') week: string;
  @Column({ name: 'period_from', type: 'date' }) periodFrom: string;
  @Column({ name: 'period_to', type: 'date' }) periodTo: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'cutoff_at', type: 'timestamptz' }) cutoffAt: Date;
  @Column('jsonb') calendar: RoundCalendar;
  @Column('jsonb') participants: Participant[];
  @Column('jsonb') policy: RoundPolicy;
  @Column({ type: 'jsonb', nullable: true }) picture: SituationPicture | null;
  @Column({ name: 'picture_version', type: 'integer', default: 0 }) pictureVersion: number;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** One report as sent: a row per revision, never updated. */
@Entity({ name: 'situation_reports' })
export class SituationReportEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' }) roundId: string;
  @PrimaryColumn({ name: 'organisation_code', type: 'text' }) organisationCode: string;
  @PrimaryColumn('integer') revision: number;
  @Column('text') kind: 'municipality' | 'region';
  @Column('text') county: string;
  @Column('jsonb') figures: Record<string, unknown>;
  @Column({ name: 'submitted_by', type: 'text' }) submittedBy: string;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column('boolean') late: boolean;
  @Column({ name: 'after_close', type: 'boolean' }) afterClose: boolean;
}

/** A shortage raised to a county board, and its answer. */
@Entity({ name: 'situation_shortages' })
export class SituationShortageEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' }) roundId: string;
  @PrimaryColumn({ name: 'organisation_code', type: 'text' }) organisationCode: string;
  @PrimaryColumn('text') item: string;
  @Column({ name: 'days_left', type: 'integer' }) daysLeft: number;
  @Column({ name: 'county_board', type: 'text' }) countyBoard: string;
  @Column({ type: 'text', nullable: true }) action: string | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ name: 'answered_by', type: 'text', nullable: true }) answeredBy: string | null;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt: Date | null;
}
