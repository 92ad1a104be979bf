import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError, DomainErrorCode } from '../../../domain/src/domain-error';
import { canonicalJson, sha256Hex } from '../canonical-json';

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
  async claim(scope: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const inserted: { resource_id: string; created_at: Date }[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, resource_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope, key) DO NOTHING RETURNING resource_id, created_at`,
      [scope, key, requestHash, randomUUID()],
    );
    if (inserted.length === 1) return { resourceId: inserted[0].resource_id, createdAt: inserted[0].created_at, replayed: false };

    const [existing]: { resource_id: string; created_at: Date; request_hash: string }[] = await this.dataSource.query(
      `SELECT resource_id, created_at, request_hash FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    if (existing.request_hash !== requestHash) {
      throw new DomainError(
        DomainErrorCode.IdempotencyKeyReused,
        'Idempotency-Key was already used with a different request body',
        { field: 'Idempotency-Key' },
      );
    }
    return { resourceId: existing.resource_id, createdAt: existing.created_at, replayed: true };
  }
}

/**
 * A hash of a request body that does not depend on key order: SHA-256 of its RFC 8785 canonical JSON. Fields
 * whose value is `undefined` (an optional DTO field not sent) are left out, so they hash as if absent.
 */
export function hashRequest(body: unknown): string {
  return sha256Hex(canonicalJson(body));
}
