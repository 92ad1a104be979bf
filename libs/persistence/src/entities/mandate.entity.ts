import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from './transformers';

/** A decision that makes costs reimbursable (e.g. HDIR 20348), or under which agreement payments are booked. */
@Entity({ name: 'mandates' })
export class MandateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  reference: string;

  @Column({ type: 'text' })
  title: string;

  /** Dates are `YYYY-MM-DD` strings. */
  @Column({ name: 'decided_on', type: 'date' })
  decidedOn: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date' })
  validTo: string;

  @Column({ name: 'payer_org', type: 'text' })
  payerOrg: string;

  @Column({ name: 'payee_org', type: 'text' })
  payeeOrg: string;

  @Column({ name: 'ceiling_ore', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  ceilingOre: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', select: false })
  createdAt: Date;
}
