import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, type AppConfig } from '../../config/src/app-config';
import { KeyMaterial, KeyMaterialSource, KeyRing, newKeyBytes } from './key-ring';

/**
 * The key file (and the `ENCRYPTION_KEYS` secret) in JSON:
 * `{ "version": 1, "current": "k1", "keys": [{ "id": "k1", "key": "<base64, 32 bytes>", "createdAt": "…" }],
 *    "indexKey": "<base64, 32 bytes>" }`
 */
export interface KeyFileJson {
  version: 1;
  current: string;
  keys: { id: string; key: string; createdAt?: string }[];
  indexKey: string;
}

export function parseKeyFile(text: string, origin: string): KeyMaterial {
  let json: KeyFileJson;
  try {
    json = JSON.parse(text) as KeyFileJson;
  } catch (err) {
    throw new Error(`${origin} is not JSON`, { cause: err });
  }
  if (json?.version !== 1 || !Array.isArray(json.keys) || typeof json.current !== 'string' || typeof json.indexKey !== 'string') {
    throw new Error(`${origin} must be {"version":1,"current":…,"keys":[…],"indexKey":…}`);
  }
  return {
    currentKeyId: json.current,
    keys: json.keys.map((k) => ({ id: String(k.id), key: Buffer.from(String(k.key), 'base64') })),
    indexKey: Buffer.from(json.indexKey, 'base64'),
  };
}

export function newKeyFile(firstKeyId = 'k1', now = new Date()): KeyFileJson {
  return {
    version: 1,
    current: firstKeyId,
    keys: [{ id: firstKeyId, key: newKeyBytes().toString('base64'), createdAt: now.toISOString() }],
    indexKey: newKeyBytes().toString('base64'),
  };
}

/** Adds a new key to a key file (and makes it current unless told otherwise). Returns the new key id. */
export function rotateKeyFile(json: KeyFileJson, newKeyId: string, makeCurrent = true, now = new Date()): KeyFileJson {
  if (json.keys.some((k) => k.id === newKeyId)) throw new Error(`key id "${newKeyId}" is already in the key file`);
  return {
    ...json,
    current: makeCurrent ? newKeyId : json.current,
    keys: [...json.keys, { id: newKeyId, key: newKeyBytes().toString('base64'), createdAt: now.toISOString() }],
  };
}

export function writeKeyFile(path: string, json: KeyFileJson, flag: 'w' | 'wx' = 'w'): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (flag === 'wx') {
    writeFileSync(path, JSON.stringify(json, null, 2), { mode: 0o600, flag: 'wx' });
    return;
  }
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(json, null, 2), { mode: 0o600 });
  renameSync(tmp, path);
}

/** A key file on disk. With `createIfMissing` (development), a new ring is generated on first use. */
export class KeyFileSource implements KeyMaterialSource {
  constructor(private readonly path: string, private readonly createIfMissing: boolean) {}

  get description(): string {
    return this.path;
  }

  async load(): Promise<KeyMaterial> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !this.createIfMissing) {
        throw new Error(`the key file ${this.path} cannot be read: ${(err as NodeJS.ErrnoException).code ?? err}`, { cause: err });
      }
      try {
        // 'wx': if another process (API or worker) created it meanwhile, use theirs, so both share one ring.
        writeKeyFile(this.path, newKeyFile(), 'wx');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      text = readFileSync(this.path, 'utf8');
    }
    return parseKeyFile(text, this.path);
  }
}

/** The key ring given whole in a secret (an environment variable injected by the platform's secret store). */
export class SecretKeySource implements KeyMaterialSource {
  readonly description = 'ENCRYPTION_KEYS';
  constructor(private readonly secret: string) {}

  async load(): Promise<KeyMaterial> {
    const trimmed = this.secret.trim();
    const text = trimmed.startsWith('{') ? trimmed : Buffer.from(trimmed, 'base64').toString('utf8');
    return parseKeyFile(text, 'ENCRYPTION_KEYS');
  }
}

export function defaultKeyFilePath(dataDir: string): string {
  return join(dataDir, 'keys', 'encryption-keys.json');
}

/** Which source the configuration names: the secret, then a path, then (outside production) DATA_DIR's own file. */
export function keySourceFromConfig(config: AppConfig): KeyMaterialSource {
  if (config.ENCRYPTION_KEYS) return new SecretKeySource(config.ENCRYPTION_KEYS);
  if (config.ENCRYPTION_KEYS_PATH) return new KeyFileSource(config.ENCRYPTION_KEYS_PATH, false);
  if (config.NODE_ENV === 'production') {
    throw new ConfigError('ENCRYPTION_KEYS_PATH', 'or ENCRYPTION_KEYS must be set in production (the patient-data key ring)');
  }
  return new KeyFileSource(defaultKeyFilePath(config.DATA_DIR), true);
}

/** Loads the configured key ring; a broken ring is a ConfigError naming the setting, so a process refuses to start. */
export async function loadKeyRing(config: AppConfig, source = keySourceFromConfig(config)): Promise<KeyRing> {
  try {
    return new KeyRing(await source.load());
  } catch (err) {
    const setting = config.ENCRYPTION_KEYS ? 'ENCRYPTION_KEYS' : 'ENCRYPTION_KEYS_PATH';
    throw new ConfigError(setting, `(${source.description}): ${(err as Error).message}`, { cause: err });
  }
}
