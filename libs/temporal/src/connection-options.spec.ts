import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '../../config/src/app-config';
import { temporalConnectionSettings } from './connection-options';

describe('Temporal connection settings', () => {
  it('connects in plain text to the local dev server by default', () => {
    expect(temporalConnectionSettings(loadAppConfig({}))).toEqual({ address: '127.0.0.1:7233' });
  });

  it('uses TLS with an API key for Temporal Cloud', () => {
    const settings = temporalConnectionSettings(
      loadAppConfig({ TEMPORAL_ADDRESS: 'vardflode.a1b2c.tmprl.cloud:7233', TEMPORAL_API_KEY: 'key-123' }),
    );
    expect(settings).toEqual({ address: 'vardflode.a1b2c.tmprl.cloud:7233', tls: true, apiKey: 'key-123' });
  });

  it('reads mTLS certificate, key and CA from the configured files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-'));
    for (const f of ['c.pem', 'k.pem', 'ca.pem']) writeFileSync(join(dir, f), `-----${f}-----`);
    const settings = temporalConnectionSettings(
      loadAppConfig({
        TEMPORAL_ADDRESS: 'temporal.internal:7233',
        TEMPORAL_TLS_CERT_PATH: join(dir, 'c.pem'),
        TEMPORAL_TLS_KEY_PATH: join(dir, 'k.pem'),
        TEMPORAL_TLS_CA_PATH: join(dir, 'ca.pem'),
        TEMPORAL_TLS_SERVER_NAME: 'temporal',
      }),
    );
    expect(settings.tls).toEqual({
      serverNameOverride: 'temporal',
      serverRootCACertificate: Buffer.from('-----ca.pem-----'),
      clientCertPair: { crt: Buffer.from('-----c.pem-----'), key: Buffer.from('-----k.pem-----') },
    });
  });

  it('names the variable when a certificate file cannot be read', () => {
    const config = loadAppConfig({ TEMPORAL_TLS_CERT_PATH: '/nope/c.pem', TEMPORAL_TLS_KEY_PATH: '/nope/k.pem' });
    expect(() => temporalConnectionSettings(config)).toThrow(/^Configuration error: TEMPORAL_TLS_CERT_PATH cannot be read/);
  });
});
