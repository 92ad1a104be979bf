import { DomainError, DomainErrorCode } from '../../domain/src/domain-error';
import { ORGANISATION_CODE } from '../../domain/src/text';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BIGINT = /^[1-9]\d{0,18}$/;
const MAX_BIGINT = 2n ** 63n - 1n;
// Exactly what Date#toISOString writes, the only form a cursor's instant is ever encoded in.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * What one list's cursors hold: the list's name (so a cursor of /cases is refused by /tasks), the sort key's
 * type and the id's format. A cursor is decoded only when it is exactly what encodeCursor would have written
 * for this list, so a tampered or foreign cursor is a 400 naming `cursor`, never a database error.
 */
export interface CursorKind {
  list: string;
  sortKey: 'instant' | 'none';
  id: 'uuid' | 'bigint' | 'code';
}

export const CURSORS = {
  cases: { list: 'cases', sortKey: 'instant', id: 'uuid' },
  tasks: { list: 'tasks', sortKey: 'instant', id: 'uuid' },
  audit: { list: 'audit', sortKey: 'none', id: 'bigint' },
  accessLog: { list: 'patients/access-log', sortKey: 'none', id: 'bigint' },
  claims: { list: 'claims', sortKey: 'instant', id: 'uuid' },
  situationRounds: { list: 'situation-reports/rounds', sortKey: 'instant', id: 'uuid' },
  situationReports: { list: 'situation-reports/reports', sortKey: 'none', id: 'code' },
  operationsCases: { list: 'operations/cases', sortKey: 'instant', id: 'uuid' },
} as const satisfies Record<string, CursorKind>;

export function encodeCursor(kind: CursorKind, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([kind.list, cursor.sortKey, cursor.id]), 'utf8').toString('base64url');
}

function fits(kind: CursorKind, sortKey: unknown, id: unknown): boolean {
  if (typeof sortKey !== 'string' || typeof id !== 'string') return false;
  const sortKeyFits = kind.sortKey === 'none' ? sortKey === '' : ISO_INSTANT.test(sortKey) && new Date(sortKey).toISOString() === sortKey;
  const idFits = kind.id === 'uuid' ? UUID.test(id) : kind.id === 'code' ? ORGANISATION_CODE.pattern.test(id) : BIGINT.test(id) && BigInt(id) <= MAX_BIGINT;
  return sortKeyFits && idFits;
}

export function decodeCursor(kind: CursorKind, value: string): Cursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 3 && decoded[0] === kind.list && fits(kind, decoded[1], decoded[2])) {
      const cursor = { sortKey: decoded[1] as string, id: decoded[2] as string };
      // Base64 decoding forgives stray characters and padding: only the canonical form is one we wrote.
      if (encodeCursor(kind, cursor) === value) return cursor;
    }
  } catch {
    // not JSON: fall through
  }
  throw new DomainError(DomainErrorCode.InvalidInput, `cursor is not a nextCursor of ${kind.list === 'audit' ? 'the audit trail' : `/${kind.list}`}`, {
    field: 'cursor',
  });
}
