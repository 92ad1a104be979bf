import { normalisePersonnummer } from '../../domain/src/personnummer';
import type { KeyRing } from './key-ring';

/**
 * The blind index of a patient (`cases.patient_index`): HMAC-SHA256 with the key ring's index key over the
 * personnummer in its 12-digit form without separator, so every spelling (with/without century or dash) of one
 * person gives one index, and nobody without the index key can test a guessed personnummer against it.
 */
export function patientIndex(keyRing: Pick<KeyRing, 'blindIndex'>, personnummer: string): string {
  return keyRing.blindIndex('personnummer', normalisePersonnummer(personnummer));
}
