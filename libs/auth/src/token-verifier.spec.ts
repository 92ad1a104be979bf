import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '../../config/src/app-config';
import { DomainError } from '../../domain/src/domain-error';
import { signDevToken } from './dev-issuer';
import { TokenVerifier } from './token-verifier';

/** A fixed instant: the verifier's clock (jose's `new Date()`) is faked, nothing else. */
const NOW = new Date('2026-03-02T09:00:00Z');

describe('TokenVerifier clock tolerance (AUTH_CLOCK_TOLERANCE_SECONDS)', () => {
  const config = loadAppConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(join(tmpdir(), 'vardflode-verifier-')) });
  const verifier = new TokenVerifier(config);
  const tokenExpiring = (secondsFromNow: number) =>
    signDevToken(config.DATA_DIR, {
      organisationCode: 'KS',
      roles: ['case_handler'],
      personId: 'ks-clock',
      audience: config.AUTH_AUDIENCE,
      expiresAt: new Date(NOW.getTime() + secondsFromNow * 1000),
    });
  const outcome = async (token: string) =>
    verifier.verify(token).then(
      (claims) => claims.personId,
      (err: unknown) => (err instanceof DomainError ? `${err.code}: ${err.message}` : String(err)),
    );

  beforeEach(() => {
    jest.useFakeTimers({
      now: NOW,
      doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'],
    });
  });
  afterEach(() => jest.useRealTimers());

  it('defaults to 5 s', () => {
    expect(config.AUTH_CLOCK_TOLERANCE_SECONDS).toBe(5);
  });

  it('accepts a token up to 5 s past its exp and refuses it from then on', async () => {
    expect(await outcome(await tokenExpiring(60))).toBe('ks-clock');
    expect(await outcome(await tokenExpiring(-4))).toBe('ks-clock');
    expect(await outcome(await tokenExpiring(-6))).toBe('UNAUTHENTICATED: the token has expired');
    expect(await outcome(await tokenExpiring(-30))).toBe('UNAUTHENTICATED: the token has expired');
  });

  it('follows the setting', async () => {
    const strict = new TokenVerifier(loadAppConfig({ NODE_ENV: 'test', DATA_DIR: config.DATA_DIR, AUTH_CLOCK_TOLERANCE_SECONDS: '0' }));
    await expect(strict.verify(await tokenExpiring(-1))).rejects.toThrow('the token has expired');
    await expect(strict.verify(await tokenExpiring(1))).resolves.toMatchObject({ personId: 'ks-clock' });
  });
});
