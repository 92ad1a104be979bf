import { ArgumentsHost, Logger } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { stepTimedOut } from '../../../../libs/temporal/src/temporal-errors';
import { DomainErrorFilter } from './domain-error.filter';

/** What the filter answers for `error`: status, headers and body. */
function answer(error: DomainError, retryAfterSeconds?: number) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const res = {
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
      return this;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  const spy = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  try {
    new DomainErrorFilter(retryAfterSeconds).catch(error, host);
  } finally {
    spy.mockRestore();
  }
  return sent;
}

describe('DomainErrorFilter', () => {
  it('answers a case step no worker carried out in time with 503, Retry-After and the one error shape', () => {
    const a = answer(stepTimedOut('case', 10_000), 7);
    expect(a.status).toBe(503);
    expect(a.headers).toEqual({ 'Retry-After': '7' });
    expect(a.body).toEqual({ statusCode: 503, code: 'DEPENDENCY_UNAVAILABLE', message: expect.stringMatching(/^no worker carried out the step for case within 10 s/) });
  });

  it('gives Retry-After on every DEPENDENCY_UNAVAILABLE (5 s unless configured)', () => {
    expect(answer(new DomainError(DomainErrorCode.DependencyUnavailable, 'Temporal is not reachable; try again')).headers).toEqual({ 'Retry-After': '5' });
  });

  it('gives no Retry-After where waiting does not help (a missing key needs an operator) or for 4xx', () => {
    const missing = answer(new DomainError(DomainErrorCode.EncryptionKeyMissing, 'key k1 missing', { keyId: 'k1' }));
    expect(missing.status).toBe(503);
    expect(missing.headers).toEqual({});
    expect(answer(new DomainError(DomainErrorCode.Conflict, 'the case is closed')).headers).toEqual({});
  });
});
