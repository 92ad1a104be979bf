import Personnummer from 'personnummer';

/**
 * Swedish personal identity numbers (personnummer, and samordningsnummer where allowed).
 * Normalised to the 12-digit form without separator, e.g. 191212121212. Never log the value: use
 * `maskPersonnummer` where a human needs a hint of which patient is meant.
 */
export function isValidPersonnummer(value: unknown): value is string {
  if (typeof value !== 'string' || !/^(\d{2})?\d{6}[-+]?\d{4}$/.test(value)) return false;
  return Personnummer.valid(value, { allowCoordinationNumber: true, allowInterimNumber: false });
}

export function normalisePersonnummer(value: string): string {
  return Personnummer.parse(value, { allowCoordinationNumber: true, allowInterimNumber: false }).format(true);
}

/** `19121212-****`: the birth date stays readable, the identifying digits do not. */
export function maskPersonnummer(value: string): string {
  const long = normalisePersonnummer(value);
  return `${long.slice(0, 8)}-****`;
}

/**
 * Whether free text carries a valid personnummer anywhere (10 or 12 digits, with or without its separator): for
 * references that must never identify a patient outside the organisation that cares for them.
 */
export function looksLikePersonnummer(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  for (const match of value.matchAll(/(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)/g)) if (isValidPersonnummer(match[0])) return true;
  return false;
}
