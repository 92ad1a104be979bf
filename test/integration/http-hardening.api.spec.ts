/**
 * The HTTP edge (issue 10, findings 5 and 7): one error body for every 4xx/5xx, strict JSON bodies, 415 for other
 * media types, security and no-store headers, the rate limit, the /docs switch and the token clock tolerance.
 */
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApplication } from '../../apps/api/src/bootstrap';
import { signDevToken } from '../../libs/auth/src/dev-issuer';
import { dischargeNotice, sql, testConfig, tokenFor, useTestStack } from '../support/test-app';

/** The keys the one error body may have; a DomainError's extra details would come on top (none here). */
const ERROR_KEYS = ['statusCode', 'code', 'message', 'field', 'fields'];

function expectErrorBody(body: Record<string, unknown>, statusCode: number, code: string): void {
  expect(body).toMatchObject({ statusCode, code, message: expect.any(String) });
  expect(body).not.toHaveProperty('error');
  expect(Object.keys(body).filter((k) => !ERROR_KEYS.includes(k))).toEqual([]);
}

describe('HTTP hardening (real API, PostgreSQL and Temporal)', () => {
  const stack = useTestStack();
  let auth: string;
  beforeAll(async () => {
    auth = `Bearer ${await tokenFor(stack.config, 'KS', ['case_handler'])}`;
  });
  const server = () => request(stack.app.getHttpServer());
  /** A raw JSON text as the body of a new discharge handover (supertest sends a string as it is). */
  const startRaw = (text: string, type = 'application/json') =>
    server().post('/discharge-handovers').set('Authorization', auth).set('Idempotency-Key', 'hardening-0001').set('Content-Type', type).send(text);
  const casesWritten = async () => Number((await sql<{ n: string }>(stack.config, 'SELECT count(*) AS n FROM cases'))[0].n);

  describe('one error body for every 4xx/5xx', () => {
    it('answers class-validator 400s with field and fields, and no error key', async () => {
      const res = await startRaw(JSON.stringify(dischargeNotice({ municipalityCode: 'x', careType: 'bogus' }))).expect(400);
      expectErrorBody(res.body, 400, 'INVALID_INPUT');
      expect(res.body.field).toBe('municipalityCode');
      expect(res.body.fields).toEqual([
        { field: 'municipalityCode', message: 'municipalityCode must be a four-digit municipality code' },
        { field: 'careType', message: expect.stringMatching(/^careType must be one of/) },
      ]);
    });

    it('answers a JSON syntax error in the same shape, with its place and without echoing the body', async () => {
      const res = await startRaw('{"patientName": "Tolvan Tolvansson",').expect(400);
      expectErrorBody(res.body, 400, 'INVALID_INPUT');
      expect(res.body.message).toMatch(/^the body is not valid JSON \(line 1, column \d+\)$/);
      expect(JSON.stringify(res.body)).not.toContain('Tolvan');
    });

    it('answers an unknown route with 404 NOT_FOUND and a missing token with 401 UNAUTHENTICATED', async () => {
      expectErrorBody((await server().get('/no-such-route').expect(404)).body, 404, 'NOT_FOUND');
      expectErrorBody((await server().post('/discharge-handovers').send({}).expect(401)).body, 401, 'UNAUTHENTICATED');
    });

    it('answers a body over HTTP_BODY_LIMIT_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
      const text = JSON.stringify(dischargeNotice({ patientName: 'x'.repeat(stack.config.HTTP_BODY_LIMIT_BYTES) }));
      const res = await startRaw(text).expect(413);
      expectErrorBody(res.body, 413, 'PAYLOAD_TOO_LARGE');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it.each(['application/xml', 'text/plain', 'application/x-www-form-urlencoded'])(
      'answers a %s body with 415 UNSUPPORTED_MEDIA_TYPE naming Content-Type',
      async (type) => {
        const res = await startRaw(type === 'application/xml' ? '<notice><municipalityCode>0125</municipalityCode></notice>' : 'municipalityCode=0125', type).expect(415);
        expectErrorBody(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(res.body.field).toBe('Content-Type');
      },
    );
  });

  describe('strict JSON bodies: 400 naming the field, nothing written', () => {
    const notice = JSON.stringify(dischargeNotice()).slice(1, -1); // the members, to put duplicates around

    it('refuses a key given twice (the last one used to win: a case for another municipality)', async () => {
      const res = await startRaw(`{${notice},"municipalityCode":"0126"}`).expect(400);
      expectErrorBody(res.body, 400, 'INVALID_INPUT');
      expect(res.body).toMatchObject({ field: 'municipalityCode', message: 'municipalityCode is given more than once' });
      const nested = await startRaw(`{${notice.replace('"needs":{', '"needs":{"region":[],')}}`).expect(400);
      expect(nested.body.field).toBe('needs.region');
      expect(await casesWritten()).toBe(0);
    });

    it.each([
      ['__proto__', (n: string) => `{${n},"__proto__":{"isAdmin":true}}`],
      ['needs.constructor', (n: string) => `{${n.replace('"needs":{', '"needs":{"constructor":{"prototype":{}},')}}`],
      ['prototype', (n: string) => `{"prototype":1,${n}}`],
    ])('refuses the prototype key %s', async (field, body) => {
      const res = await startRaw(body(notice)).expect(400);
      expectErrorBody(res.body, 400, 'INVALID_INPUT');
      expect(res.body).toMatchObject({ field, message: `${field} is not an allowed key` });
      expect(await casesWritten()).toBe(0);
    });

    it('refuses nesting deeper than HTTP_JSON_MAX_DEPTH with 400, not 500', async () => {
      const depth = 30_000;
      const res = await startRaw(`{${notice.replace('"municipal":[', `"municipal":[${'['.repeat(depth)}${']'.repeat(depth)},`)}}`).expect(400);
      expectErrorBody(res.body, 400, 'INVALID_INPUT');
      expect(res.body.message).toMatch(/^needs\.municipal\.0(\.0)* is nested deeper than 16 levels$/);
      expect(res.body.field).toBe(['needs', 'municipal', ...Array(14).fill('0')].join('.'));
      expect(await casesWritten()).toBe(0);
    });
  });

  describe('headers', () => {
    it('sends helmet headers and no X-Powered-By, and never lets an API answer be cached', async () => {
      for (const res of [
        await server().get('/cases').set('Authorization', auth).expect(200),
        await server().get('/cases').expect(401),
        await server().get('/no-such-route').expect(404),
        await startRaw('<x/>', 'application/xml').expect(415),
        await startRaw('{"a":1,"a":2}').expect(400),
      ]) {
        expect(res.headers['x-powered-by']).toBeUndefined();
        // A refused body too is logged, and answered with the id to quote.
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
        expect(res.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-store',
          'content-security-policy': expect.stringContaining("default-src 'self'"),
          'strict-transport-security': expect.stringContaining('max-age='),
        });
        // The web app shares these answers' origin: nothing may frame it, and no inline script may run.
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
      }
    });

    it('serves the OpenAPI document (no personal data) without no-store', async () => {
      const res = await server().get('/docs-json').expect(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(res.headers['cache-control']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  describe('token clock tolerance (AUTH_CLOCK_TOLERANCE_SECONDS, default 5)', () => {
    it('refuses a token 10 s after its exp (30-39 s used to pass)', async () => {
      const expired = await signDevToken(stack.config.DATA_DIR, {
        organisationCode: 'KS',
        roles: ['case_handler'],
        personId: 'ks-expired',
        audience: stack.config.AUTH_AUDIENCE,
        expiresAt: new Date(Date.now() - 10_000),
      });
      const res = await server().get('/cases').set('Authorization', `Bearer ${expired}`).expect(401);
      expectErrorBody(res.body, 401, 'UNAUTHENTICATED');
      expect(res.body.message).toBe('the token has expired');
    });
  });
});

describe('API_DOCS_ENABLED=false', () => {
  const stack = useTestStack({ API_DOCS_ENABLED: 'false' }, { worker: false });

  it('answers /docs and /docs-json with 404 NOT_FOUND', async () => {
    for (const path of ['/docs', '/docs/', '/docs-json']) {
      expectErrorBody((await request(stack.app.getHttpServer()).get(path).expect(404)).body, 404, 'NOT_FOUND');
    }
  });
});

describe('rate limit per token and per IP', () => {
  const stack = useTestStack({ RATE_LIMIT_PER_TOKEN_PER_MINUTE: '3', RATE_LIMIT_PER_IP_PER_MINUTE: '8' }, { worker: false });
  const server = () => request(stack.app.getHttpServer());
  const bearer = async (person: string) => `Bearer ${await tokenFor(stack.config, 'KS', ['case_handler'], person)}`;

  function expectTooMany(res: request.Response): void {
    expect(res.status).toBe(429);
    expectErrorBody(res.body, 429, 'TOO_MANY_REQUESTS');
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(res.headers['cache-control']).toBe('no-store');
  }

  it('gives a token 3 requests a minute, then 429 with Retry-After; another token has its own budget', async () => {
    const first = await bearer('ks-first');
    for (let i = 0; i < 3; i++) await server().get('/cases').set('Authorization', first).expect(200);
    expectTooMany(await server().get('/cases').set('Authorization', first));
    await server().get('/cases').set('Authorization', await bearer('ks-second')).expect(200);
  });

  it('limits one IP over all its requests, with a token or without, and keeps health probes exempt', async () => {
    // 4 requests from this IP so far counted (the refused one did not reach the IP's count).
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 10 && last?.status !== 429; i++) {
      last = await server().get('/cases');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(statuses.length).toBeLessThanOrEqual(5);
    expectTooMany(last as request.Response);
    expectTooMany(await server().get('/cases').set('Authorization', await bearer('ks-third')));
    // No proxy is trusted by default: a forged X-Forwarded-For does not buy a new budget.
    expectTooMany(await server().get('/cases').set('X-Forwarded-For', '203.0.113.9'));
    await server().get('/health').expect(200);
  });
});

describe('rate limit per IP behind a trusted proxy (HTTP_TRUSTED_PROXIES=1)', () => {
  const stack = useTestStack({ HTTP_TRUSTED_PROXIES: '1', RATE_LIMIT_PER_IP_PER_MINUTE: '2' }, { worker: false });
  const from = (ip: string) => request(stack.app.getHttpServer()).get('/cases').set('X-Forwarded-For', ip);

  it('counts each client the proxy names, not the proxy', async () => {
    await from('203.0.113.1').expect(401);
    await from('203.0.113.1').expect(401);
    expect((await from('203.0.113.1').expect(429)).headers['retry-after']).toMatch(/^\d+$/);
    await from('203.0.113.2').expect(401);
  });
});

describe('an unexpected error', () => {
  let app: INestApplication | undefined;
  afterAll(async () => app?.close());

  it('is a 500 INTERNAL_ERROR that tells nothing of the inside', async () => {
    const config = await testConfig();
    const created = await createApiApplication(config);
    // A fault below the routes whose message carries personal data, as a SQL error repeats its parameters.
    created.use('/boom', () => {
      throw new TypeError('cannot read personnummer 19121212-1212 of Tolvan Tolvansson');
    });
    app = await created.init();
    const res = await request(app.getHttpServer()).get('/boom').expect(500);
    expectErrorBody(res.body, 500, 'INTERNAL_ERROR');
    expect(JSON.stringify(res.body)).not.toMatch(/1212|Tolvan|TypeError|personnummer/);
    expect(res.body.message).toContain('X-Request-Id');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
