import { ConfigError, loadAppConfig, requireDatabaseUrl, temporalAddress } from './app-config';

const fails = (env: NodeJS.ProcessEnv) => {
  try {
    loadAppConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
};

describe('AppConfig', () => {
  it('has working defaults for a local stack', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({ HOST: '127.0.0.1', PORT: 3000, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'vardflode-cases' });
    expect(temporalAddress(config)).toBe('127.0.0.1:7233');
    expect(config.temporalUsesTls).toBe(false);
  });

  it('converts numbers and booleans from their string form', () => {
    const config = loadAppConfig({ PORT: '8080', TEMPORAL_TLS: 'true', TEMPORAL_ADDRESS: 'ns.abc.tmprl.cloud:7233' });
    expect(config.PORT).toBe(8080);
    expect(config.temporalUsesTls).toBe(true);
    expect(temporalAddress(config)).toBe('ns.abc.tmprl.cloud:7233');
  });

  it('takes the LPIK basis of the support agreement by name, default the outcome for the year paid', () => {
    expect(loadAppConfig({}).AGREEMENT_LPIK_BASIS).toBe('outcome-of-year-paid');
    expect(loadAppConfig({ AGREEMENT_LPIK_BASIS: 'outcome-of-previous-year' }).AGREEMENT_LPIK_BASIS).toBe('outcome-of-previous-year');
    expect(loadAppConfig({ AGREEMENT_LPIK_BASIS: 'forecast-of-year-paid' }).AGREEMENT_LPIK_BASIS).toBe('forecast-of-year-paid');
    expect(fails({ AGREEMENT_LPIK_BASIS: 'forecast' })).toMatch(/^Configuration error: AGREEMENT_LPIK_BASIS .*\(got "forecast"\)$/);
  });

  it('runs the dev server with one worker and one API process by default, the cluster with two of each', () => {
    const dev = loadAppConfig({});
    expect([dev.TEMPORAL_MODE, dev.workerCount, dev.apiReplicas]).toEqual(['dev', 1, 1]);
    const cluster = loadAppConfig({ TEMPORAL_MODE: 'cluster' });
    expect([cluster.TEMPORAL_MODE, cluster.workerCount, cluster.apiReplicas]).toEqual(['cluster', 2, 2]);
    expect(temporalAddress(cluster)).toBe('127.0.0.1:7233');
    const sized = loadAppConfig({ TEMPORAL_MODE: 'cluster', WORKER_COUNT: '4', API_REPLICAS: '1' });
    expect([sized.workerCount, sized.apiReplicas]).toEqual([4, 1]);
    expect(loadAppConfig({ WORKER_COUNT: '3' }).workerCount).toBe(3);
  });

  it('refuses an unknown Temporal mode, counts out of range, and a cluster mode that would ignore TEMPORAL_ADDRESS', () => {
    expect(fails({ TEMPORAL_MODE: 'prod' })).toMatch(/^Configuration error: TEMPORAL_MODE .*\(got "prod"\)$/);
    expect(fails({ WORKER_COUNT: '0' })).toMatch(/^Configuration error: WORKER_COUNT /);
    expect(fails({ API_REPLICAS: 'two' })).toMatch(/^Configuration error: API_REPLICAS must be an integer/);
    expect(fails({ TEMPORAL_DB_ADMIN_URL: 'mysql://x' })).toMatch(/^Configuration error: TEMPORAL_DB_ADMIN_URL must be a postgres/);
    expect(fails({ TEMPORAL_MODE: 'cluster', TEMPORAL_ADDRESS: 'ns.abc.tmprl.cloud:7233' })).toMatch(/^Configuration error: TEMPORAL_MODE .*unset TEMPORAL_ADDRESS/);
  });

  it("bounds the worker's workflow cache", () => {
    expect(loadAppConfig({}).TEMPORAL_MAX_CACHED_WORKFLOWS).toBe(500);
    expect(loadAppConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: '100' }).TEMPORAL_MAX_CACHED_WORKFLOWS).toBe(100);
  });

  it('sizes each process\'s PostgreSQL pool, never below the two connections a migration needs', () => {
    expect(loadAppConfig({}).DATABASE_POOL_SIZE).toBe(10);
    expect(loadAppConfig({ DATABASE_POOL_SIZE: '25' }).DATABASE_POOL_SIZE).toBe(25);
    expect(fails({ DATABASE_POOL_SIZE: '1' })).toBe('Configuration error: DATABASE_POOL_SIZE must not be less than 2 (got "1")');
    expect(fails({ DATABASE_POOL_SIZE: 'many' })).toBe('Configuration error: DATABASE_POOL_SIZE must be an integer number (got "many")');
  });

  it.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT must be an integer number (got "abc")'],
    [{ PORT: '70000' }, 'Configuration error: PORT must not be greater than 65535 (got "70000")'],
    [{ LOG_LEVEL: 'loud' }, 'Configuration error: LOG_LEVEL must be one of the following values: fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ TEMPORAL_TLS: 'maybe' }, 'Configuration error: TEMPORAL_TLS must be a boolean value (got "maybe")'],
    [{ TEMPORAL_ADDRESS: 'no-port' }, 'Configuration error: TEMPORAL_ADDRESS must be host:port, e.g. my-ns.a1b2c.tmprl.cloud:7233 (got "no-port")'],
    [{ TEMPORAL_MAX_CACHED_WORKFLOWS: '1' }, 'Configuration error: TEMPORAL_MAX_CACHED_WORKFLOWS must not be less than 2 (got "1")'],
    [{ AUTH_CLOCK_TOLERANCE_SECONDS: '11' }, 'Configuration error: AUTH_CLOCK_TOLERANCE_SECONDS must not be greater than 10 (got "11")'],
    [{ HTTP_JSON_MAX_DEPTH: '65' }, 'Configuration error: HTTP_JSON_MAX_DEPTH must not be greater than 64 (got "65")'],
    [{ RATE_LIMIT_PER_IP_PER_MINUTE: '0' }, 'Configuration error: RATE_LIMIT_PER_IP_PER_MINUTE must not be less than 1 (got "0")'],
    [{ TEMPORAL_TLS_CERT_PATH: '/c.pem' }, 'Configuration error: TEMPORAL_TLS_KEY_PATH must be set together with its pair (client certificate and key)'],
  ])('names the variable in one line for %j', (env, message) => {
    expect(fails(env)).toBe(message);
  });

  it('never echoes a secret value back', () => {
    const message = fails({ DATABASE_URL: 'mysql://user:secret@host/db' });
    expect(message).toBe('Configuration error: DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(message).not.toContain('secret');
  });

  it('requires a database URL where a process needs one', () => {
    expect(() => requireDatabaseUrl(loadAppConfig({}))).toThrow('DATABASE_URL must be set');
    expect(requireDatabaseUrl(loadAppConfig({ DATABASE_URL: 'postgres://a@b/c' }))).toBe('postgres://a@b/c');
  });

  it('never lets the dev token issuer run in production', () => {
    expect(loadAppConfig({}).devIssuerEnabled).toBe(true);
    expect(fails({ NODE_ENV: 'production', AUTH_DEV_ISSUER: 'true' })).toBe(
      'Configuration error: AUTH_DEV_ISSUER cannot be enabled when NODE_ENV=production',
    );
    expect(fails({ NODE_ENV: 'production' })).toBe(
      'Configuration error: AUTH_ISSUER must be set when the dev token issuer is off (production)',
    );
    const prod = loadAppConfig({ NODE_ENV: 'production', AUTH_ISSUER: 'https://idp.example/realms/region', AUTH_JWKS_URL: 'https://idp.example/jwks', ENCRYPTION_KEYS_PATH: '/run/secrets/keys.json' });
    expect(prod.devIssuerEnabled).toBe(false);
    expect(prod.authIssuer).toBe('https://idp.example/realms/region');
  });

  it('has HTTP hardening defaults a real user never notices', () => {
    expect(loadAppConfig({})).toMatchObject({
      AUTH_CLOCK_TOLERANCE_SECONDS: 5,
      HTTP_JSON_MAX_DEPTH: 16,
      RATE_LIMIT_PER_TOKEN_PER_MINUTE: 600,
      RATE_LIMIT_PER_IP_PER_MINUTE: 1200,
    });
  });

  it('serves /docs outside production, and in production only when asked', () => {
    const prod = { NODE_ENV: 'production', AUTH_ISSUER: 'https://idp.example/realms/region', AUTH_JWKS_URL: 'https://idp.example/jwks', ENCRYPTION_KEYS_PATH: '/run/secrets/keys.json' };
    expect(loadAppConfig({}).apiDocsEnabled).toBe(true);
    expect(loadAppConfig({ API_DOCS_ENABLED: 'false' }).apiDocsEnabled).toBe(false);
    expect(loadAppConfig(prod).apiDocsEnabled).toBe(false);
    expect(loadAppConfig({ ...prod, API_DOCS_ENABLED: 'true' }).apiDocsEnabled).toBe(true);
  });

  it('takes an OTLP endpoint for tracing only as an http(s) URL, and none by default', () => {
    expect(loadAppConfig({}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(loadAppConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'vardflode-api-1' })).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_SERVICE_NAME: 'vardflode-api-1',
    });
    expect(fails({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toMatch(/^Configuration error: OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/);
  });
});
