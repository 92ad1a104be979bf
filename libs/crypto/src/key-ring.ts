import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * The key ring for patient data: AES-256-GCM keys by id, one of them current, plus one HMAC key for blind indexes.
 * New data is sealed with the current key; data sealed with an older key still opens while that key is in the ring
 * (rotation). A missing key is a `MissingKeyError` naming the key id, never a silent pass-through.
 *
 * Where the keys come from is a `KeyMaterialSource` (a file, a secret, later a KMS), so this class never does I/O.
 */
export interface KeyRingKey {
  /** Short, stable, not secret: written beside every sealed value (e.g. in a Temporal payload's metadata). */
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

export interface KeyMaterial {
  keys: KeyRingKey[];
  currentKeyId: string;
  /** 32 bytes; the HMAC key of blind indexes. Never rotated with the others: an index must stay comparable. */
  indexKey: Buffer;
}

/** Where key material comes from. A KMS-backed source implements this and nothing else changes. */
export interface KeyMaterialSource {
  /** Human-readable origin for logs and errors (a path, "ENCRYPTION_KEYS", a KMS key name), never key bytes. */
  readonly description: string;
  load(): Promise<KeyMaterial>;
}

export class MissingKeyError extends Error {
  readonly code = 'ENCRYPTION_KEY_MISSING';
  constructor(readonly keyId: string) {
    super(`encryption key "${keyId}" is not in the key ring; add it back to decrypt data sealed with it`);
    this.name = 'MissingKeyError';
  }
}

/** A sealed value could not be opened with its key: wrong key bytes, or tampered data. */
export class SealedDataError extends Error {
  readonly code = 'ENCRYPTED_DATA_INVALID';
  constructor(readonly keyId: string, reason: string) {
    super(`data sealed with key "${keyId}" cannot be opened: ${reason}`);
    this.name = 'SealedDataError';
  }
}

export interface SealedBox {
  keyId: string;
  /** iv (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes). */
  data: Buffer;
}

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function sealWithKey(keyId: string, key: Buffer, plaintext: Uint8Array, aad?: Uint8Array): SealedBox {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (aad) cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { keyId, data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]) };
}

export function openWithKey(keyId: string, key: Buffer, data: Uint8Array, aad?: Uint8Array): Buffer {
  if (data.length < IV_BYTES + TAG_BYTES) throw new SealedDataError(keyId, 'too short');
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(buf.subarray(IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealedDataError(keyId, 'authentication failed');
  }
}

export class KeyRing {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;
  private readonly indexKey: Buffer;

  constructor(material: KeyMaterial) {
    const keys = new Map<string, Buffer>();
    for (const k of material.keys) {
      if (!KEY_ID.test(k.id)) throw new Error(`key id "${k.id}" must be 1–64 of A–Z a–z 0–9 . _ -`);
      if (k.key.length !== KEY_BYTES) throw new Error(`key "${k.id}" must be ${KEY_BYTES} bytes, not ${k.key.length}`);
      if (keys.has(k.id)) throw new Error(`key id "${k.id}" appears twice`);
      keys.set(k.id, Buffer.from(k.key));
    }
    if (!keys.has(material.currentKeyId)) throw new MissingKeyError(material.currentKeyId);
    if (material.indexKey.length !== KEY_BYTES) throw new Error(`the index key must be ${KEY_BYTES} bytes`);
    this.keys = keys;
    this.currentKeyId = material.currentKeyId;
    this.indexKey = Buffer.from(material.indexKey);
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  has(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /** Seals with the current key. `aad` binds the box to a context (e.g. a case id); opening needs the same. */
  seal(plaintext: Uint8Array, aad?: Uint8Array): SealedBox {
    return sealWithKey(this.currentKeyId, this.keys.get(this.currentKeyId)!, plaintext, aad);
  }

  open(box: SealedBox, aad?: Uint8Array): Buffer {
    const key = this.keys.get(box.keyId);
    if (!key) throw new MissingKeyError(box.keyId);
    return openWithKey(box.keyId, key, box.data, aad);
  }

  /**
   * A keyed hash for look-ups of a value that is stored only sealed (a blind index): equal inputs give equal
   * outputs, and without the index key nobody can test a guess. `purpose` separates index families.
   */
  blindIndex(purpose: string, value: string): string {
    return createHmac('sha256', this.indexKey).update(purpose).update('\0').update(value, 'utf8').digest('hex');
  }
}

export function newKeyBytes(): Buffer {
  return randomBytes(KEY_BYTES);
}
