import { ANSWER_MAX_DEPTH, ANSWER_TEXT_MAX_LENGTH, AnswerSchema, answerProblem, answerValueProblem } from './answer-schema';

const schema: AnswerSchema = {
  type: 'object',
  required: ['outcome'],
  additionalProperties: false,
  properties: {
    outcome: { type: 'string', enum: ['granted', 'not_needed'] },
    startDate: { type: 'string', format: 'date' },
    at: { type: 'string', format: 'date-time' },
    services: { type: 'array', items: { type: 'string', enum: ['home_care', 'lss'] }, uniqueItems: true },
    acknowledged: { type: 'boolean', const: true },
    comment: { type: 'string', maxLength: 5 },
  },
};

describe('answer schema', () => {
  it('accepts an answer that fits', () => {
    expect(answerProblem(schema, { outcome: 'granted', startDate: '2027-03-26', services: ['home_care'] })).toBeNull();
    expect(answerProblem(schema, { outcome: 'granted', startDate: '2028-02-29', at: '2026-03-29T02:30:00+02:00' })).toBeNull();
  });

  it.each([
    [null, 'decision must be an object'],
    [{}, 'decision.outcome is required'],
    [{ outcome: 'maybe' }, 'decision.outcome must be one of granted, not_needed'],
    [{ outcome: 'granted', extra: 1 }, 'decision.extra is not expected'],
    [{ outcome: 'granted', startDate: '2027-02-30x' }, 'decision.startDate must be a date YYYY-MM-DD'],
    // Impossible calendar dates are refused, not rolled over into March.
    [{ outcome: 'granted', startDate: '2027-02-30' }, 'decision.startDate must be a date YYYY-MM-DD'],
    [{ outcome: 'granted', startDate: '2027-04-31' }, 'decision.startDate must be a date YYYY-MM-DD'],
    [{ outcome: 'granted', startDate: '2027-13-01' }, 'decision.startDate must be a date YYYY-MM-DD'],
    [{ outcome: 'granted', at: '2026-02-30T08:00:00+01:00' }, 'decision.at must be an ISO 8601 date-time with offset'],
    [{ outcome: 'granted', at: '2026-03-01T24:30:00Z' }, 'decision.at must be an ISO 8601 date-time with offset'],
    [{ outcome: 'granted', services: ['home_care', 'spa'] }, 'decision.services[1] must be one of home_care, lss'],
    [{ outcome: 'granted', services: ['lss', 'lss'] }, 'decision.services must not repeat items'],
    [{ outcome: 'granted', acknowledged: false }, 'decision.acknowledged must be true'],
    [{ outcome: 'granted', comment: 'too long' }, 'decision.comment must have at most 5 characters'],
    // String answers follow the API's text rules (libs/domain/src/text.ts): free text, so tab and newline only.
    [{ outcome: 'granted', comment: 'a\u0000b' }, 'decision.comment must not contain control characters other than tab and newline'],
    [{ outcome: 'granted', comment: 'a\ud800' }, 'decision.comment must be well-formed Unicode (no lone surrogates)'],
    // Only the schema's own keys: a key the prototype has is not one.
    [JSON.parse('{"outcome":"granted","__proto__":{"x":1}}'), 'decision.__proto__ is not expected'],
    [{ outcome: 'granted', toString: 'x' }, 'decision.toString is not expected'],
  ])('names the problem in %j', (value, problem) => {
    expect(answerProblem(schema, value)).toBe(problem);
  });
});

describe('answerValueProblem (any answer, before its schema is looked up)', () => {
  it('accepts a plain answer, tab and newline in its text', () => {
    expect(answerValueProblem({ acknowledged: true, comment: 'Rad 1\n\tRad 2', lines: [{ lineNo: 1, reason: 'ok' }] })).toBeNull();
  });

  it.each([
    [{ comment: 'a\u0007' }, 'decision.comment must not contain control characters other than tab and newline'],
    [{ comment: 'x'.repeat(ANSWER_TEXT_MAX_LENGTH + 1) }, `decision.comment must be at most ${ANSWER_TEXT_MAX_LENGTH} characters long`],
    [{ lines: [{ reason: 'a\u0000' }] }, 'decision.lines.0.reason must not contain control characters other than tab and newline'],
    [JSON.parse('{"__proto__":{"x":1}}'), 'decision.__proto__ is not an allowed field name'],
    [{ 'bad\u0000key': 1 }, 'decision has a field name that is not allowed'],
    [{ n: Number.POSITIVE_INFINITY }, 'decision.n must be a finite number'],
  ])('names the problem in %j', (value, problem) => {
    expect(answerValueProblem(value)).toBe(problem);
  });

  it(`refuses an answer nested deeper than ${ANSWER_MAX_DEPTH} levels`, () => {
    let deep: unknown = 'x';
    for (let i = 0; i < ANSWER_MAX_DEPTH + 1; i++) deep = { a: deep };
    expect(answerValueProblem(deep)).toMatch(/nests deeper than an answer may$/);
  });
});
