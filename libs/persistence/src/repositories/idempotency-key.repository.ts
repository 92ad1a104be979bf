import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '../../../domain/src/domain-error';
import { canonicalJson, sha256Hex } from '../canonical-json';
import { IdempotencyKeyEntity } from '../entities/idempotency-key.entity';

export interface IdempotencyClaim {
  resourceId: string;
  createdAt: Date;
  /** True when the key was seen before: the caller gets the first result again. */
  replayed: boolean;
}

@Injectable()
export class IdempotencyKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Binds `key` to a new resource id, or returns the one it was bound to. A key reused with a different
   * request body is refused, so a client bug cannot silently return somebody else's case.
   */
  async claim(scope: string, key: string, requestHash: string, em: EntityManager = this.dataSource.manager): Promise<IdempotencyClaim> {
    const proposed = randomUUID();
    await em
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKeyEntity)
      .values({ scope, key, requestHash, resourceId: proposed })
      .orIgnore()
      .updateEntity(false)
      .execute();
    // Ours, or the one a request before us (or a concurrent one, once it committed) bound the key to.
    const bound = await em.getRepository(IdempotencyKeyEntity).findOneByOrFail({ scope, key });
    if (bound.resourceId === proposed) return { resourceId: bound.resourceId, createdAt: bound.createdAt, replayed: false };
    if (bound.requestHash !== requestHash) {
      throw new DomainError(
        DomainErrorCode.IdempotencyKeyReused,
        'Idempotency-Key was already used with a different request body',
        { field: 'Idempotency-Key' },
      );
    }
    return { resourceId: bound.resourceId, createdAt: bound.createdAt, replayed: true };
  }
}

/**
 * A hash of a request body that does not depend on key order: SHA-256 of its RFC 8785 canonical JSON. Fields
 * whose value is `undefined` (an optional DTO field not sent) are left out, so they hash as if absent.
 */
export function hashRequest(body: unknown): string {
  return sha256Hex(canonicalJson(body));
}
