import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A municipality (other than Stockholm) or a Stockholm city district: one coordinating vårdcentral each. */
@Entity({ name: 'coordination_areas' })
export class CoordinationAreaEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** The area's case (and workflow), set at its first designation. */
  @Column({ name: 'case_id', type: 'uuid', nullable: true, unique: true })
  caseId: string | null;
}
