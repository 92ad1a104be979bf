import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A case's data key, wrapped by the key ring (case id as AAD). Erased: `wrappedKey` null, `destroyedAt` set. */
@Entity({ name: 'case_data_keys' })
export class CaseDataKeyEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  /** The key ring's key that wrapped it (not secret). */
  @Column({ name: 'ring_key_id', type: 'text' })
  ringKeyId: string;

  @Column({ name: 'wrapped_key', type: 'bytea', nullable: true })
  wrappedKey: Buffer | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'destroyed_at', type: 'timestamptz', nullable: true })
  destroyedAt: Date | null;
}
