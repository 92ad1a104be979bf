import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A municipality (other than Stockholm) or a Stockholm city district: one coordinating vårdcentral each. */
@Entity({ name: 'coordination_areas' })
export class CoordinationAreaEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** First day in force (YYYY-MM-DD), null: since before the areas began (2021-02-01). */
  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  /** Last day in force (YYYY-MM-DD, included), null: still in force. */
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  /** The area this one was merged into when it ended (Stockholm's districts on 2023-07-01). */
  @Column({ name: 'successor_code', type: 'text', nullable: true })
  successorCode: string | null;

  /** The area's case (and workflow), set at its first designation. */
  @Column({ name: 'case_id', type: 'uuid', nullable: true, unique: true })
  caseId: string | null;
}
