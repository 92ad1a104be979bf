import { DataConverter, METADATA_ENCODING_KEY, Payload, PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { KeyRing } from './key-ring';

/** The encoding of a payload this codec sealed; payloads with any other encoding pass through decoding unchanged. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** The metadata key naming the key ring's key a payload was sealed with (not secret: an id such as `k2`). */
export const ENCRYPTION_KEY_ID_METADATA = 'encryption-key-id';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const ENCRYPTED_ENCODING_BYTES = utf8.encode(ENCRYPTED_ENCODING);

/**
 * Temporal's payload codec on the patient-data key ring. Every payload (workflow and activity inputs and results,
 * updates, queries, memos, failures' encoded attributes) leaves the process serialized whole (its metadata too, so
 * nobody learns even its encoding) and sealed with the ring's current key; Temporal's server, its database and its
 * Web UI without the codec server see only ciphertext and the key's id.
 *
 * Decoding opens a sealed payload with the key its metadata names; a key no longer in the ring is a
 * `MissingKeyError` naming it, never a pass-through. Payloads without the encrypted encoding pass through
 * unchanged: histories recorded before the codec (cases in flight, the replay tests' recordings) keep replaying.
 */
export class KeyRingPayloadCodec implements PayloadCodec {
  constructor(private readonly keyRing: KeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const box = this.keyRing.seal(temporal.api.common.v1.Payload.encode(payload).finish());
      return {
        metadata: { [METADATA_ENCODING_KEY]: ENCRYPTED_ENCODING_BYTES, [ENCRYPTION_KEY_ID_METADATA]: utf8.encode(box.keyId) },
        data: box.data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const keyId = sealedWith(payload);
      if (keyId === undefined) return payload;
      if (!payload.data) throw new ValueError(`an encrypted payload (key "${keyId}") has no data`);
      return temporal.api.common.v1.Payload.decode(this.keyRing.open({ keyId, data: Buffer.from(payload.data.buffer, payload.data.byteOffset, payload.data.byteLength) }));
    });
  }
}

/** The key id of a payload this codec sealed, or undefined for a payload it did not (passed through). */
export function sealedWith(payload: Payload): string | undefined {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  if (!encoding || fromUtf8.decode(encoding) !== ENCRYPTED_ENCODING) return undefined;
  const keyId = payload.metadata?.[ENCRYPTION_KEY_ID_METADATA];
  if (!keyId) throw new ValueError('an encrypted payload names no encryption key id');
  return fromUtf8.decode(keyId);
}

/**
 * The one data converter of every Temporal client and worker (API, worker, CLIs, demo, tests, benches): the
 * key-ring codec, and failures whose message and stack trace travel encoded (so they are sealed too); see
 * `failure-converter.ts`.
 */
export function vardflodeDataConverter(keyRing: KeyRing): DataConverter {
  return {
    payloadCodecs: [new KeyRingPayloadCodec(keyRing)],
    failureConverterPath: require.resolve('./failure-converter'),
  };
}
