import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { OrganisationKind } from '../../../domain/src/organisation-kinds';

/** A party that acts in cases: municipalities, city districts, region bodies and care units, by code. */
@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** First day the organisation exists (YYYY-MM-DD), null: no date registered (as for most). */
  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  /** Last day it exists (YYYY-MM-DD, included), null: it still does. Stockholm's merged districts end on 2023-06-30. */
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', select: false })
  createdAt: Date;

  /** Set by every query-builder update. */
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', select: false })
  updatedAt: Date;
}
