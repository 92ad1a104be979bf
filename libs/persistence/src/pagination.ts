import { DomainError, DomainErrorCode } from '../../domain/src/domain-error';

/** Opaque keyset cursor: the sort key and id of the last row of the previous page. */
export interface Cursor {
  sortKey: string;
  id: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sortKey, cursor.id]), 'utf8').toString('base64url');
}

/** What a list's cursor holds: its sort key (an instant, or none) and its row id (a UUID, or a bigint's digits). */
export interface CursorShape {
  sortKey: 'instant' | 'none';
  id: 'uuid' | 'integer';
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^\d{1,18}$/;

/**
 * The cursor a list returned, checked against the list's shape: a forged or stale one is a 400 naming `cursor`,
 * never a value the database would refuse to compare (a 500).
 */
export function decodeCursor(value: string, shape: CursorShape): Cursor {
  try {
    const [sortKey, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    const sortKeyFits = shape.sortKey === 'none' ? sortKey === '' : typeof sortKey === 'string' && INSTANT.test(sortKey) && !Number.isNaN(Date.parse(sortKey));
    const idFits = typeof id === 'string' && (shape.id === 'uuid' ? UUID : INTEGER).test(id);
    if (sortKeyFits && idFits) return { sortKey: sortKey as string, id: id as string };
  } catch {
    // fall through
  }
  throw new DomainError(DomainErrorCode.InvalidInput, 'cursor is not a cursor this API returned', { field: 'cursor' });
}
