import { TextKind, textPattern, textProblem } from './text';

/** The OpenAPI document states the text rules as patterns: they must agree with the check itself. */
describe('textPattern', () => {
  const samples = ['Anna Andersson', 'rad ett\nrad två\tmed tabb', 'bell\u0007', 'del\u007f', 'c1\u0085', 'rtl \u202eevil', 'isolate\u2066x', '   ', '\n', 'x'];

  it.each<TextKind>(['plain', 'free'])('accepts exactly what textProblem accepts (%s text)', (kind) => {
    const pattern = new RegExp(textPattern(kind));
    for (const sample of samples) {
      expect({ sample, byPattern: pattern.test(sample) }).toEqual({ sample, byPattern: textProblem(sample, { kind, max: 100 }) === null });
    }
  });

  it('allows a blank text only where min is 0', () => {
    expect(new RegExp(textPattern('free', 0)).test('')).toBe(true);
    expect(new RegExp(textPattern('free')).test('')).toBe(false);
  });
});
