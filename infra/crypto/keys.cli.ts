/**
 * `npm run keys -- rotate [--id <key id>]` adds a new key to the key file (ENCRYPTION_KEYS_PATH, or
 * DATA_DIR/keys/encryption-keys.json) and makes it current; `npm run keys -- list` prints the key ids (never a key).
 * Restart the workers and the API afterwards: they seal with the new key, and still open data sealed with the old
 * ones while those stay in the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadAppConfig } from '../../libs/config/src/app-config';
import { KeyRing } from '../../libs/crypto/src/key-ring';
import { defaultKeyFilePath, KeyFileJson, parseKeyFile, rotateKeyFile, writeKeyFile } from '../../libs/crypto/src/key-source';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** The next free id of the form k<n> (k1, k2, …). */
export function nextKeyId(json: KeyFileJson): string {
  const numbers = json.keys.map((k) => /^k(\d+)$/.exec(k.id)?.[1]).filter((n): n is string => !!n).map(Number);
  return `k${Math.max(0, ...numbers) + 1}`;
}

function main(): void {
  const config = loadAppConfig();
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { id: { type: 'string' } } });
  if (config.ENCRYPTION_KEYS) fail('the key ring comes from ENCRYPTION_KEYS (a secret): rotate it where that secret is kept');
  const path = config.ENCRYPTION_KEYS_PATH ?? defaultKeyFilePath(config.DATA_DIR);
  if (!existsSync(path)) fail(`no key file at ${path} (the API or a worker creates it on first start outside production)`);
  const json = JSON.parse(readFileSync(path, 'utf8')) as KeyFileJson;
  new KeyRing(parseKeyFile(JSON.stringify(json), path)); // refuse to touch a broken file

  switch (positionals[0]) {
    case 'list':
      for (const k of json.keys) console.log(`${k.id}${k.id === json.current ? ' (current)' : ''}${k.createdAt ? `  created ${k.createdAt}` : ''}`);
      return;
    case 'rotate': {
      const id = values.id ?? nextKeyId(json);
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) fail(`--id must be 1–64 of A–Z a–z 0–9 . _ - (got "${id}")`);
      writeKeyFile(path, rotateKeyFile(json, id));
      console.log(`added key ${id} to ${path} and made it current (was ${json.current}); restart the workers and the API`);
      return;
    }
    default:
      fail('usage: npm run keys -- rotate [--id <key id>] | list');
  }
}

try {
  main();
} catch (err) {
  fail(err instanceof ConfigError ? err.message : `keys: ${(err as Error).message}`);
}
