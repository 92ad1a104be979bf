import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from './transformers';

/** One booking in the append-only ledger; `bookingKey` makes each booking happen at most once. */
@Entity({ name: 'ledger_entries' })
export class LedgerEntryEntity {
  /** bigserial: a string, as node-postgres gives int8. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'booking_key', type: 'text', unique: true })
  bookingKey: string;

  @Column({ name: 'mandate_id', type: 'uuid' })
  mandateId: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ type: 'text' })
  kind: 'approved' | 'paid';

  @Column({ type: 'text' })
  category: string;

  @Column({ name: 'amount_ore', type: 'bigint', transformer: bigintAsNumber })
  amountOre: number;

  @Column({ name: 'payer_org', type: 'text' })
  payerOrg: string;

  @Column({ name: 'payee_org', type: 'text' })
  payeeOrg: string;

  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ name: 'booked_by', type: 'text' })
  bookedBy: string;

  @CreateDateColumn({ name: 'booked_at', type: 'timestamptz' })
  bookedAt: Date;
}
