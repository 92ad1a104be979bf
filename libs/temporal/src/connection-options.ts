import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { AppConfig, ConfigError, temporalAddress } from '../../config/src/app-config';

export interface TemporalConnectionSettings {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
}

function readPem(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError(variable, `cannot be read: ${(err as Error).message}`);
  }
}

/**
 * One place that turns configuration into connection settings, for the API's Client (Connection) and the
 * worker's NativeConnection alike: the dev server, a self-hosted cluster with mTLS, or Temporal Cloud
 * with an API key or certificates.
 */
export function temporalConnectionSettings(config: AppConfig): TemporalConnectionSettings {
  const settings: TemporalConnectionSettings = { address: temporalAddress(config) };
  if (config.temporalUsesTls) {
    const tls: TLSConfig = {};
    if (config.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = config.TEMPORAL_TLS_SERVER_NAME;
    if (config.TEMPORAL_TLS_CA_PATH) tls.serverRootCACertificate = readPem('TEMPORAL_TLS_CA_PATH', config.TEMPORAL_TLS_CA_PATH);
    if (config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH) {
      tls.clientCertPair = {
        crt: readPem('TEMPORAL_TLS_CERT_PATH', config.TEMPORAL_TLS_CERT_PATH),
        key: readPem('TEMPORAL_TLS_KEY_PATH', config.TEMPORAL_TLS_KEY_PATH),
      };
    }
    settings.tls = Object.keys(tls).length > 0 ? tls : true;
  }
  if (config.TEMPORAL_API_KEY) settings.apiKey = config.TEMPORAL_API_KEY;
  return settings;
}
