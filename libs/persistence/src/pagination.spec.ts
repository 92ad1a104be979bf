import { DomainError } from '../../domain/src/domain-error';
import { CURSORS, decodeCursor, encodeCursor } from './pagination';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const ID = '0b6f1c1e-4a8e-4c55-9d3e-2f1a7c1b9e10';
const AT = '2026-11-23T07:15:00.000Z';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? { code: e.code, field: e.details?.field } : e;
  }
  return 'accepted';
};

describe('cursors', () => {
  it("round-trips each list's own cursor", () => {
    expect(decodeCursor(CURSORS.cases, encodeCursor(CURSORS.cases, { sortKey: AT, id: ID }))).toEqual({ sortKey: AT, id: ID });
    expect(decodeCursor(CURSORS.audit, encodeCursor(CURSORS.audit, { sortKey: '', id: '42' }))).toEqual({ sortKey: '', id: '42' });
    expect(decodeCursor(CURSORS.claims, encodeCursor(CURSORS.claims, { sortKey: AT, id: ID }))).toEqual({ sortKey: AT, id: ID });
  });

  it('refuses a /cases cursor as a /claims cursor, naming cursor', () => {
    expect(refusal(() => decodeCursor(CURSORS.claims, encodeCursor(CURSORS.cases, { sortKey: AT, id: ID })))).toEqual({ code: 'INVALID_INPUT', field: 'cursor' });
  });

  it.each([
    ['garbage', 'garbage!'],
    ['another list', encodeCursor(CURSORS.tasks, { sortKey: AT, id: ID })],
    ['no list label', b64([AT, ID])],
    ['a sort key that is not an instant', b64(['cases', "x'; DROP TABLE cases; --", ID])],
    ['a rolled-over date', b64(['cases', '2026-02-30T00:00:00.000Z', ID])],
    ['an id that is not a UUID', b64(['cases', AT, 'not-a-uuid'])],
    ['an extra element', b64(['cases', AT, ID, 1])],
    ['an object', b64({ list: 'cases', sortKey: AT, id: ID })],
    ['a non-canonical encoding', `${encodeCursor(CURSORS.cases, { sortKey: AT, id: ID })}==`],
  ])('refuses %s as a /cases cursor: INVALID_INPUT naming cursor', (_what, cursor) => {
    expect(refusal(() => decodeCursor(CURSORS.cases, cursor))).toEqual({ code: 'INVALID_INPUT', field: 'cursor' });
  });

  it('refuses an audit id beyond bigint, or not a positive integer', () => {
    for (const id of ['9223372036854775808', '0', '-1', '1e3', ' 1']) {
      expect(refusal(() => decodeCursor(CURSORS.audit, b64(['audit', '', id])))).toEqual({ code: 'INVALID_INPUT', field: 'cursor' });
    }
    expect(refusal(() => decodeCursor(CURSORS.audit, b64(['audit', '', '9223372036854775807'])))).toBe('accepted');
  });
});
