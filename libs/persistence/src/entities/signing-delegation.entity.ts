import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A registered delegation to sign for HSN besides the director of health care. */
@Entity({ name: 'signing_delegations' })
export class SigningDelegationEntity {
  @PrimaryColumn({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  holder: string;

  /** What the holder may sign, e.g. the agreement's reference `HSN 2020-1821`. */
  @Column({ type: 'text' })
  scope: string;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
