import { textProblem } from './text';

const plain = (value: unknown, max = 20) => textProblem(value, { kind: 'plain', max });
const free = (value: unknown, max = 20) => textProblem(value, { kind: 'free', max });

describe('textProblem', () => {
  it('accepts ordinary names and text, Swedish letters and astral characters (a surrogate pair) included', () => {
    expect(plain('Åsa Öberg-Ängström')).toBeNull();
    expect(plain('Ali 😀')).toBeNull();
    expect(free('Rad 1\nRad 2\tklar')).toBeNull();
  });

  it('refuses every C0 control character and DEL in plain text, tab and newline included', () => {
    for (let c = 0; c < 0x20; c++) expect(plain(`a${String.fromCharCode(c)}b`)).toBe('must not contain control characters');
    expect(plain('a\u007fb')).toBe('must not contain control characters');
    expect(plain('a\u0085b')).toBe('must not contain control characters'); // C1 NEL
  });

  it('allows only tab and newline of the control characters in free text', () => {
    for (let c = 0; c < 0x20; c++) {
      const expected = c === 0x09 || c === 0x0a ? null : 'must not contain control characters other than tab and newline';
      expect(free(`a${String.fromCharCode(c)}b`)).toBe(expected);
    }
    expect(free('a\u007fb')).toBe('must not contain control characters other than tab and newline');
  });

  it('refuses bidi embeddings, overrides and isolates in plain text, and allows them in free text (right-to-left writing)', () => {
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(plain(`a${c}b`)).toBe('must not contain bidirectional formatting characters');
      expect(free(`a${c}b`)).toBeNull();
    }
  });

  it('refuses a lone surrogate, high or low, in either kind', () => {
    for (const s of ['a\ud800b', 'a\udfffb', '\ud83d']) {
      expect(plain(s)).toBe('must be well-formed Unicode (no lone surrogates)');
      expect(free(s)).toBe('must be well-formed Unicode (no lone surrogates)');
    }
  });

  it('bounds the length (UTF-16 code units, as JSON counts) and refuses blank text unless min is 0', () => {
    expect(plain('x'.repeat(20))).toBeNull();
    expect(plain('x'.repeat(21))).toBe('must be at most 20 characters long');
    expect(plain('')).toBe('must be at least 1 characters long');
    expect(plain('   ')).toBe('must not be blank');
    expect(textProblem('', { kind: 'free', max: 5, min: 0 })).toBeNull();
    expect(plain(42)).toBe('must be a string');
  });
});
