import type { QueryDeepPartialEntity } from 'typeorm';

type JsonObject = Record<string, unknown>;

/**
 * A JSON object for a jsonb column in the query builder's `values()` or `set()`. TypeORM writes it as
 * JSON.stringify gives it, but its QueryDeepPartialEntity type maps `unknown` members to `{}`, so a
 * `Record<string, unknown>` does not type-check there; this says that it is fine.
 */
export function jsonb(value: JsonObject): QueryDeepPartialEntity<JsonObject>;
export function jsonb(value: JsonObject | null): QueryDeepPartialEntity<JsonObject> | null;
export function jsonb(value: JsonObject | null): QueryDeepPartialEntity<JsonObject> | null {
  return value as QueryDeepPartialEntity<JsonObject> | null;
}
