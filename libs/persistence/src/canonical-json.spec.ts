import { canonicalJson } from './canonical-json';
import { hashRequest } from './repositories/idempotency-key.repository';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code unit at every level and keeps array order', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: 2 }], a: null, Ö: 'ö', Z: true })).toBe('{"Z":true,"a":null,"b":[2,{"c":2,"d":1}],"Ö":"ö"}');
  });

  it('writes numbers as ECMAScript does', () => {
    expect(canonicalJson([1e21, 0.1, -0, 12.75, 1e-7])).toBe('[1e+21,0.1,0,12.75,1e-7]');
  });

  it('leaves out undefined properties, and writes undefined in arrays as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('hashRequest', () => {
  // Computed by the earlier hand-written canonical form, before the switch to `canonicalize`: stored
  // idempotency keys and task completion hashes must keep matching the same requests.
  const body = {
    personnummer: '19121212-1212',
    needs: { region: ['primary_care_home_health_care'], municipal: ['home_care'] },
    vardcentralCode: undefined,
    patientName: 'Tolvan Tolvansson',
    careType: 'somatic',
    nested: { b: undefined, a: [1, undefined, 2.5] },
    Ö: 'ö',
    Z: 0,
  };

  it('gives the hashes it gave before', () => {
    expect(hashRequest(body)).toBe('1da19a74118be4a5f8ba7c24ddbb5fe8a6df57e80acb226094889271534761dd');
    expect(hashRequest({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(hashRequest([{ b: 1, a: 2 }, 'x'])).toBe('7567bd486e64baf5c2d8bc3207c4de212fb840d6f202dc6d8eeeaceba1e1da18');
  });

  it('does not depend on key order, and drops undefined values', () => {
    const { vardcentralCode: _v, nested: _n, Z: _z, Ö: _o, ...rest } = body;
    const reordered = { Z: 0, Ö: 'ö', nested: { a: [1, undefined, 2.5] }, ...rest };
    expect(hashRequest(reordered)).toBe(hashRequest(body));
  });

  it('tells different bodies apart', () => {
    expect(hashRequest({ ...body, careType: 'psychiatric' })).not.toBe(hashRequest(body));
  });
});
