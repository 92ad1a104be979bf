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

  @Column({ name: 'organisation_code', type: 'text' })
  organisationCode: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'jsonb', nullable: true })
  detail: Record<string, unknown> | null;
}
