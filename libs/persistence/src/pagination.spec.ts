import { DomainError } from '../../domain/src/domain-error';
import { decodeCursor, encodeCursor } from './pagination';

const forged = (pair: unknown) => Buffer.from(JSON.stringify(pair), 'utf8').toString('base64url');

describe('decodeCursor', () => {
  const byInstant = { sortKey: 'instant', id: 'uuid' } as const;

  it('reads back a cursor the API made', () => {
    const cursor = { sortKey: '2026-11-30T02:27:26.001Z', id: '7f6bc636-9093-4952-8f8f-8af41d024226' };
    expect(decodeCursor(encodeCursor(cursor), byInstant)).toEqual(cursor);
    expect(decodeCursor(encodeCursor({ sortKey: '', id: '1234' }), { sortKey: 'none', id: 'integer' })).toEqual({ sortKey: '', id: '1234' });
  });

  it.each([
    ['a sort key that is no instant', forged(['Z', '7f6bc636-9093-4952-8f8f-8af41d024226'])],
    ['an id that is no UUID', forged(['2026-11-30T02:27:26.001Z', 'e6c3'])],
    ['an empty id', forged(['2026-11-30T02:27:26.001Z', ''])],
    ['not a pair', forged({ a: 1 })],
    ['not JSON', 'WyJz8KStjzQiLCAiZyJd'],
  ])('refuses %s with a 400 naming cursor (the database would have refused it with a 500)', (_, cursor) => {
    expect(() => decodeCursor(cursor, byInstant)).toThrow(DomainError);
    try {
      decodeCursor(cursor, byInstant);
    } catch (err) {
      expect((err as DomainError).details).toEqual({ field: 'cursor' });
    }
  });

  it('refuses an audit cursor whose id is not a row number', () => {
    expect(() => decodeCursor(forged(['', 'ò']), { sortKey: 'none', id: 'integer' })).toThrow('cursor is not a cursor this API returned');
  });
});
