import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row of the append-only audit trail. Each row's hash covers its content and the hash of the previous row of its
 * chain (`chain_key`: its partition, see audit/audit-chain.ts); a trigger refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  /** bigserial: a string, as node-postgres gives int8. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'organisation_code', type: 'text', nullable: true })
  organisationCode: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'jsonb', nullable: true })
  detail: Record<string, unknown> | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text', unique: true })
  hash: string;

  /** The chain (partition) the row was appended to: `case:<id>`, `org:<code|system>:<day>`, or `legacy`. */
  @Column({ name: 'chain_key', type: 'text' })
  chainKey: string;
}

/**
 * Where each chain of the audit trail ends: its last row, that row's hash and the chain's row count, updated in the
 * transaction of every append to the chain (under the chain's lock). audit:verify checks every chain ends here, so
 * rows removed from the end of a chain show. A trigger refuses DELETE and TRUNCATE, and an UPDATE that does not move
 * the head forward.
 */
@Entity({ name: 'audit_chain_heads' })
export class AuditChainHeadEntity {
  @PrimaryColumn({ name: 'chain_key', type: 'text' })
  chainKey: string;

  @Column({ name: 'last_id', type: 'bigint' })
  lastId: string;

  @Column({ name: 'last_hash', type: 'text' })
  lastHash: string;

  /** bigint: a string, as node-postgres gives int8. */
  @Column({ name: 'row_count', type: 'bigint' })
  rowCount: string;
}
