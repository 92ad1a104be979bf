import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A case's timeline: who did what, when, for which organisation. Keyed by (case, seq) so retries are no-ops. */
@Entity({ name: 'case_events' })
export class CaseEventEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  actor: string;

  /** null when the system itself acted (a deadline passed, a booking made). */
  @Column({ name: 'organisation_code', type: 'text', nullable: true })
  organisationCode: string | null;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'jsonb', nullable: true })
  detail: Record<string, unknown> | null;
}
