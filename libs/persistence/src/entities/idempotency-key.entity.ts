import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A caller-supplied Idempotency-Key, bound to the request it first came with and the resource it made. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'text' })
  scope: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
