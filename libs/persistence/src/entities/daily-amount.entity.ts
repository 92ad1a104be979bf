import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './transformers';

/** Socialstyrelsen's daily amount for payment liability (förordning 2017:617), per year, in öre. Registered once. */
@Entity({ name: 'payment_liability_daily_amounts' })
export class DailyAmountEntity {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ name: 'amount_ore', type: 'bigint', transformer: bigintAsNumber })
  amountOre: number;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  /** Who last corrected the registered value (an audited correction by its owner), and when. */
  @Column({ name: 'corrected_by', type: 'text', nullable: true })
  correctedBy: string | null;

  @Column({ name: 'corrected_at', type: 'timestamptz', nullable: true })
  correctedAt: Date | null;
}
