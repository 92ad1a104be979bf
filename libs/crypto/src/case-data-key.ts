import { KeyRing, newKeyBytes, openWithKey, sealWithKey } from './key-ring';

/**
 * Per-case data keys (issue 13): each case's patient data (personnummer, name) is sealed with a key of its own
 * (AES-256-GCM, the case id as AAD), and that key is stored only wrapped by the key ring (again with the case id as
 * AAD). Destroying the wrapped key erases the patient's data everywhere it was copied sealed: the `cases` row, the
 * workflow's input and history, backups (crypto-shredding).
 */
export interface PatientSubject {
  personnummer: string;
  name: string;
}

/** The key id a case's data key seals with (written beside nothing; the AAD binds the box to the case). */
const DATA_KEY_ID = 'case';
const aad = (caseId: string) => Buffer.from(`case:${caseId}`, 'utf8');

export function newDataKey(): Buffer {
  return newKeyBytes();
}

export function wrapDataKey(ring: KeyRing, caseId: string, dataKey: Buffer): { ringKeyId: string; wrapped: Buffer } {
  const box = ring.seal(dataKey, aad(caseId));
  return { ringKeyId: box.keyId, wrapped: box.data };
}

export function unwrapDataKey(ring: KeyRing, caseId: string, ringKeyId: string, wrapped: Buffer): Buffer {
  return ring.open({ keyId: ringKeyId, data: wrapped }, aad(caseId));
}

/** iv ‖ ciphertext ‖ tag of the subject's JSON. */
export function sealSubject(dataKey: Buffer, caseId: string, subject: PatientSubject): Buffer {
  const json = JSON.stringify({ personnummer: subject.personnummer, name: subject.name });
  return sealWithKey(DATA_KEY_ID, dataKey, Buffer.from(json, 'utf8'), aad(caseId)).data;
}

export function openSubject(dataKey: Buffer, caseId: string, sealed: Uint8Array): PatientSubject {
  const json = JSON.parse(openWithKey(DATA_KEY_ID, dataKey, sealed, aad(caseId)).toString('utf8')) as PatientSubject;
  return { personnummer: json.personnummer, name: json.name };
}
