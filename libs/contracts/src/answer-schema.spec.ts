import { AnswerSchema, answerProblem } from './answer-schema';

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
  ])('names the problem in %j', (value, problem) => {
    expect(answerProblem(schema, value)).toBe(problem);
  });
});
