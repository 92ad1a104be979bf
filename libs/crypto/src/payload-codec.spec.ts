import { ApplicationFailure, defaultPayloadConverter, METADATA_ENCODING_KEY, Payload } from '@temporalio/common';
import { KeyRing, MissingKeyError } from './key-ring';
import { newKeyFile, parseKeyFile, rotateKeyFile } from './key-source';
import { failureConverter } from './failure-converter';
import { ENCRYPTED_ENCODING, ENCRYPTION_KEY_ID_METADATA, KeyRingPayloadCodec, sealedWith } from './payload-codec';

const ring = (file: ReturnType<typeof newKeyFile>) => new KeyRing(parseKeyFile(JSON.stringify(file), 'test'));
const text = (b?: Uint8Array | null) => Buffer.from(b ?? []).toString('utf8');
const patient = { personnummer: '191212121212', name: 'Tolvan Tolvansson' };

describe('the key-ring payload codec', () => {
  const file1 = newKeyFile('k1');
  const file2 = rotateKeyFile(file1, 'k2');
  const codec1 = new KeyRingPayloadCodec(ring(file1));
  const codec2 = new KeyRingPayloadCodec(ring(file2));

  it('seals a payload whole (metadata too) under the current key, and opens it again', async () => {
    const plain = defaultPayloadConverter.toPayload({ patient });
    const [sealed] = await codec1.encode([plain]);
    expect(text(sealed.metadata?.[METADATA_ENCODING_KEY])).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed.metadata?.[ENCRYPTION_KEY_ID_METADATA])).toBe('k1');
    expect(Object.keys(sealed.metadata ?? {}).sort()).toEqual([METADATA_ENCODING_KEY, ENCRYPTION_KEY_ID_METADATA].sort());
    const bytes = Buffer.from(sealed.data!).toString('latin1');
    expect(bytes).not.toContain('Tolvan');
    expect(bytes).not.toContain('json/plain');
    const [opened] = await codec1.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened)).toEqual({ patient });
    expect(text(opened.metadata?.[METADATA_ENCODING_KEY])).toBe('json/plain');
  });

  it('after rotation seals with the new key and still opens payloads sealed with the old one', async () => {
    const [old] = await codec1.encode([defaultPayloadConverter.toPayload('old')]);
    const [fresh] = await codec2.encode([defaultPayloadConverter.toPayload('new')]);
    expect(sealedWith(fresh)).toBe('k2');
    const opened = await codec2.decode([old, fresh]);
    expect(opened.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(['old', 'new']);
  });

  it('passes payloads without the encrypted encoding through unchanged (histories from before the codec)', async () => {
    const plain: Payload[] = [defaultPayloadConverter.toPayload({ a: 1 }), defaultPayloadConverter.toPayload(undefined), {}];
    const decoded = await codec1.decode(plain);
    decoded.forEach((p, i) => expect(p).toBe(plain[i]));
  });

  it('refuses a payload whose key is no longer in the ring, naming the key id (never a pass-through)', async () => {
    const [sealed] = await codec2.encode([defaultPayloadConverter.toPayload(patient)]);
    const withoutK2 = new KeyRingPayloadCodec(ring({ ...file2, current: 'k1', keys: file2.keys.filter((k) => k.id !== 'k2') }));
    await expect(withoutK2.decode([sealed])).rejects.toThrow(MissingKeyError);
    await expect(withoutK2.decode([sealed])).rejects.toThrow(/"k2"/);
  });

  it('refuses an encrypted payload that names no key, or was tampered with', async () => {
    const [sealed] = await codec1.encode([defaultPayloadConverter.toPayload('x')]);
    await expect(codec1.decode([{ ...sealed, metadata: { [METADATA_ENCODING_KEY]: sealed.metadata![METADATA_ENCODING_KEY] } }])).rejects.toThrow(/names no encryption key id/);
    const data = Buffer.from(sealed.data!);
    data[20] ^= 1;
    await expect(codec1.decode([{ ...sealed, data }])).rejects.toThrow(/cannot be opened/);
  });
});

describe('the failure converter', () => {
  it("encodes a failure's message and stack (so the codec seals them)", () => {
    const failure = failureConverter.errorToFailure(ApplicationFailure.create({ message: 'Tolvan Tolvansson' }), defaultPayloadConverter);
    expect(failure.message).toBe('Encoded failure');
    expect(JSON.stringify(failure.stackTrace ?? '')).not.toContain('Tolvan');
    expect(failure.encodedAttributes).toBeTruthy();
  });

  it('keeps a missing-key failure readable in the history: it names only the key id', () => {
    const failure = failureConverter.errorToFailure(new MissingKeyError('k1'), defaultPayloadConverter);
    expect(failure.message).toContain('encryption key "k1" is not in the key ring');
  });
});
