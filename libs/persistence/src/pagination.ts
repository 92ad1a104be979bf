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

export function decodeCursor(value: string): Cursor {
  try {
    const [sortKey, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof sortKey === 'string' && typeof id === 'string') return { sortKey, id };
  } catch {
    // fall through
  }
  throw new DomainError(DomainErrorCode.InvalidInput, 'cursor is not a cursor this API returned', { field: 'cursor' });
}
