import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/**
 * The one canonical JSON of this application: RFC 8785 (JSON Canonicalization Scheme), from the
 * `canonicalize` package. Object keys are sorted by UTF-16 code unit, numbers and strings are written as
 * ECMAScript's JSON.stringify writes them, and properties whose value is `undefined` are left out (in arrays
 * `undefined` becomes `null`). The audit hash chain and the idempotency request hash both hash this form, so
 * two bodies that differ only in key order or in absent-vs-undefined fields hash alike.
 *
 * Throws on values JSON cannot carry (NaN, Infinity, BigInt, a top-level `undefined`).
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON representation');
  return text;
}

/** SHA-256 (hex) over the UTF-8 of `parts` in order. */
export function sha256Hex(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}
