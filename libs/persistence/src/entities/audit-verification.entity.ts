import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One `npm run audit:verify` run: whether every chain of the audit trail verified, and how much it walked. */
@Entity({ name: 'audit_verifications' })
export class AuditVerificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt: Date;

  @Column({ type: 'boolean' })
  ok: boolean;

  @Column({ name: 'rows_verified', type: 'bigint' })
  rowsVerified: string;

  @Column({ type: 'integer' })
  chains: number;

  @Column({ name: 'broken_chains', type: 'integer' })
  brokenChains: number;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;
}
