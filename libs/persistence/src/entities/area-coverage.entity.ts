import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The coverage projection: each area's status and vårdcentral, written by the area's workflow. */
@Entity({ name: 'area_coverage' })
export class AreaCoverageEntity {
  @PrimaryColumn({ name: 'area_code', type: 'text' })
  areaCode: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'vardcentral_code', type: 'text', nullable: true })
  vardcentralCode: string | null;

  @Column({ name: 'pending_vardcentral_code', type: 'text', nullable: true })
  pendingVardcentralCode: string | null;

  @Column({ name: 'slso_contact', type: 'text', nullable: true })
  slsoContact: string | null;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  /** The workflow's state version this row reflects; older writes never overwrite newer ones. */
  @Column({ type: 'integer' })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
