import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './transformers';

/** A cost line of a claim's current revision. */
@Entity({ name: 'claim_lines' })
export class ClaimLineEntity {
  @PrimaryColumn({ name: 'claim_id', type: 'uuid' })
  claimId: string;

  @PrimaryColumn({ name: 'line_no', type: 'integer' })
  lineNo: number;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'amount_ore', type: 'bigint', transformer: bigintAsNumber })
  amountOre: number;

  @Column({ name: 'document_ref', type: 'text' })
  documentRef: string;
}
