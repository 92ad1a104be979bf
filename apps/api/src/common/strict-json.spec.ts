import { DomainError } from '../../../../libs/domain/src/domain-error';
import { parseStrictJson } from './strict-json';

/** The refusal's message and field, or the parsed value. */
function refusal(text: string, maxDepth = 16): { message: string; field?: unknown } {
  try {
    parseStrictJson(text, maxDepth);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    expect(e.code).toBe('INVALID_INPUT');
    return { message: e.message, field: e.details?.field };
  }
  throw new Error(`expected ${text.slice(0, 40)} to be refused`);
}

const nested = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);

describe('parseStrictJson', () => {
  it('parses an ordinary body exactly as JSON.parse does', () => {
    const text = JSON.stringify({ patientName: 'Tolvan', needs: { municipal: ['home_care'], region: [] }, lines: [{ a: 1 }, { a: 2 }], n: null });
    expect(parseStrictJson(text, 16)).toEqual(JSON.parse(text));
    expect(parseStrictJson('[{"a":1},{"a":1}]', 16)).toEqual([{ a: 1 }, { a: 1 }]);
  });

  it('allows the same key in sibling objects and a value that looks like a key', () => {
    expect(parseStrictJson('{"a":{"x":1},"b":{"x":2},"c":"a"}', 16)).toEqual({ a: { x: 1 }, b: { x: 2 }, c: 'a' });
    expect(parseStrictJson('{"items":[{"id":1,"id2":"id"},{"id":2}]}', 16)).toEqual({ items: [{ id: 1, id2: 'id' }, { id: 2 }] });
  });

  it('refuses a key given twice, naming it by its path', () => {
    expect(refusal('{"municipalityCode":"0125","patientName":"x","municipalityCode":"0126"}')).toEqual({
      message: 'municipalityCode is given more than once',
      field: 'municipalityCode',
    });
    expect(refusal('{"needs":{"municipal":[],"region":[],"region":["x"]}}').field).toBe('needs.region');
    expect(refusal('{"lines":[{"a":1},{"a":1,"a":2}]}').field).toBe('lines.1.a');
  });

  it('sees a duplicate spelled with escapes', () => {
    expect(refusal('{"ab":1,"\\u0061b":2}').field).toBe('ab');
  });

  it.each([
    ['{"__proto__":{"admin":true}}', '__proto__'],
    ['{"needs":{"constructor":{"prototype":{}}}}', 'needs.constructor'],
    ['{"a":[{"prototype":1}]}', 'a.0.prototype'],
    ['{"\\u005f_proto__":{}}', '__proto__'],
  ])('refuses prototype keys at any depth: %s', (text, field) => {
    expect(refusal(text)).toEqual({ message: `${field} is not an allowed key`, field });
  });

  it('refuses nesting deeper than the limit and accepts it at the limit', () => {
    expect(parseStrictJson(nested(16), 16)).toBeDefined();
    expect(refusal(nested(17))).toEqual({ message: `${Array(16).fill('a').join('.')} is nested deeper than 16 levels`, field: Array(16).fill('a').join('.') });
    expect(refusal('[[[1]]]', 2)).toEqual({ message: '0.0 is nested deeper than 2 levels', field: '0.0' });
  });

  it('refuses a very deep body without overflowing the stack', () => {
    const depth = 200_000;
    expect(refusal('['.repeat(depth) + ']'.repeat(depth)).message).toMatch(/is nested deeper than 16 levels$/);
  });

  it('reports a syntax error with its place, not the body', () => {
    expect(refusal('{"patientName": "Tolvan Tolvansson",}')).toEqual({ message: expect.stringMatching(/^the body is not valid JSON \(line 1, column \d+\)$/), field: undefined });
    expect(refusal('{"a":').message).toMatch(/^the body is not valid JSON/);
    expect(refusal('{"a":').message).not.toContain('{');
    // Broken and deep: still a 400, if without a place.
    expect(refusal('['.repeat(200_000)).message).toMatch(/^the body is not valid JSON/);
  });

  it('wants an object or an array', () => {
    expect(refusal('"text"').message).toBe('the body must be a JSON object');
    expect(refusal('null').message).toBe('the body must be a JSON object');
  });
});
