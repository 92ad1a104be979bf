import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from './transformers';

/** The claims projection: a claim's status and current revision, written by its workflow's activity. */
@Entity({ name: 'claims' })
export class ClaimEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'mandate_id', type: 'uuid' })
  mandateId: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom: string;

  @Column({ name: 'period_to', type: 'date' })
  periodTo: string;

  @Column({ name: 'claimed_ore', type: 'bigint', transformer: bigintAsNumber })
  claimedOre: number;

  /** The workflow's state version this row reflects; older writes never overwrite newer ones. */
  @Column({ type: 'integer' })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
