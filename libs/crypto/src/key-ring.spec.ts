import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '../../config/src/app-config';
import { KeyRing, MissingKeyError, SealedDataError } from './key-ring';
import { KeyFileSource, keySourceFromConfig, loadKeyRing, newKeyFile, parseKeyFile, rotateKeyFile, SecretKeySource, writeKeyFile } from './key-source';

const text = (b: Buffer) => b.toString('utf8');

describe('the patient-data key ring', () => {
  const file1 = newKeyFile('k1');
  const ring1 = new KeyRing(parseKeyFile(JSON.stringify(file1), 'test'));

  it('seals with the current key and opens again; the ciphertext is not the plaintext', () => {
    const box = ring1.seal(Buffer.from('199001011234 Tolvan Tolvansson'));
    expect(box.keyId).toBe('k1');
    expect(box.data.toString('latin1')).not.toContain('Tolvan');
    expect(text(ring1.open(box))).toBe('199001011234 Tolvan Tolvansson');
    // A fresh IV each time: sealing twice never gives the same bytes.
    expect(ring1.seal(Buffer.from('x')).data.equals(ring1.seal(Buffer.from('x')).data)).toBe(false);
  });

  it('binds a box to its context (AAD) and refuses tampered data', () => {
    const box = ring1.seal(Buffer.from('secret'), Buffer.from('case-1'));
    expect(() => ring1.open(box, Buffer.from('case-2'))).toThrow(SealedDataError);
    const tampered = { ...box, data: Buffer.from(box.data) };
    tampered.data[14] ^= 1;
    expect(() => ring1.open(tampered, Buffer.from('case-1'))).toThrow(/cannot be opened: authentication failed/);
  });

  it('rotates: new boxes use the newest key, old ones still open; a removed key is named', () => {
    const old = ring1.seal(Buffer.from('old'));
    const file2 = rotateKeyFile(file1, 'k2');
    const ring2 = new KeyRing(parseKeyFile(JSON.stringify(file2), 'test'));
    expect(ring2.seal(Buffer.from('new')).keyId).toBe('k2');
    expect(text(ring2.open(old))).toBe('old');

    const withoutK1 = new KeyRing(parseKeyFile(JSON.stringify({ ...file2, keys: file2.keys.filter((k) => k.id !== 'k1') }), 'test'));
    let error: unknown;
    try {
      withoutK1.open(old);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingKeyError);
    expect((error as MissingKeyError).keyId).toBe('k1');
    expect((error as Error).message).toContain('"k1"');
  });

  it('gives a stable blind index per purpose, the same after rotation', () => {
    const ring2 = new KeyRing(parseKeyFile(JSON.stringify(rotateKeyFile(file1, 'k2')), 'test'));
    expect(ring1.blindIndex('personnummer', '199001011234')).toBe(ring2.blindIndex('personnummer', '199001011234'));
    expect(ring1.blindIndex('personnummer', '199001011234')).not.toBe(ring1.blindIndex('personnummer', '199001011235'));
    expect(ring1.blindIndex('personnummer', 'x')).not.toBe(ring1.blindIndex('other', 'x'));
    expect(ring1.blindIndex('personnummer', '199001011234')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a malformed ring: a short key, an unknown current key, a bad id', () => {
    const m = parseKeyFile(JSON.stringify(file1), 'test');
    expect(() => new KeyRing({ ...m, keys: [{ id: 'k1', key: Buffer.alloc(16) }] })).toThrow(/32 bytes/);
    expect(() => new KeyRing({ ...m, currentKeyId: 'k9' })).toThrow(MissingKeyError);
    expect(() => new KeyRing({ ...m, keys: [{ id: 'k 1', key: Buffer.alloc(32) }], currentKeyId: 'k 1' })).toThrow(/key id/);
    expect(() => parseKeyFile('{"version":2}', 'f')).toThrow(/f must be/);
  });
});

describe('where the key ring comes from', () => {
  const base = { AUTH_ISSUER: 'https://idp.example/r', AUTH_JWKS_URL: 'https://idp.example/jwks' };

  it('creates a key file under DATA_DIR on first use outside production, readable by its owner only, and reuses it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keys-'));
    const config = loadAppConfig({ DATA_DIR: dataDir });
    const first = await loadKeyRing(config);
    const path = join(dataDir, 'keys', 'encryption-keys.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = await loadKeyRing(config);
    expect(again.open(first.seal(Buffer.from('same ring')))).toEqual(Buffer.from('same ring'));
    expect(JSON.parse(readFileSync(path, 'utf8')).current).toBe('k1');
  });

  it('in production needs a path or a secret, and never generates one', async () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production', ...base })).toThrow(
      'Configuration error: ENCRYPTION_KEYS_PATH or ENCRYPTION_KEYS must be set in production (the patient-data key ring)',
    );
    const missing = loadAppConfig({ NODE_ENV: 'production', ...base, ENCRYPTION_KEYS_PATH: '/nonexistent/keys.json' });
    await expect(loadKeyRing(missing)).rejects.toThrow(/ENCRYPTION_KEYS_PATH \(\/nonexistent\/keys\.json\): the key file .* cannot be read: ENOENT/);
  });

  it('takes the ring from a secret (JSON or base64), before a path', async () => {
    const json = JSON.stringify(newKeyFile('prod-1'));
    const config = loadAppConfig({ NODE_ENV: 'production', ...base, ENCRYPTION_KEYS: Buffer.from(json).toString('base64'), ENCRYPTION_KEYS_PATH: '/x' });
    expect(keySourceFromConfig(config)).toBeInstanceOf(SecretKeySource);
    expect((await loadKeyRing(config)).currentKeyId).toBe('prod-1');
    expect((await new SecretKeySource(json).load()).currentKeyId).toBe('prod-1');
  });

  it('reads a rotated key file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    const path = join(dir, 'k.json');
    writeKeyFile(path, rotateKeyFile(newKeyFile('a'), 'b'));
    const ring = new KeyRing(await new KeyFileSource(path, false).load());
    expect(ring.currentKeyId).toBe('b');
    expect(ring.keyIds).toEqual(['a', 'b']);
  });
});
