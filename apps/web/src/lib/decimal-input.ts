/**
 * A decimal number as people type it in Sweden: "9,5" (decimal comma), "9.5", " 12 ". Returns the number, or null when
 * the text is no number or has more than `decimals` decimals. Read from the digits, so "9,50" is 9.5 and "9,55" is
 * refused rather than rounded.
 */
export function parseDecimal(text: string, decimals = 1): number | null {
  const m = /^(\d{1,9})(?:[.,](\d+))?$/.exec(text.replace(/\s|\u00a0|\u202f/g, ''));
  if (!m) return null;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) return null;
  return Number(fraction ? `${m[1]}.${fraction}` : m[1]);
}

/** A number as it is typed back into a field: 9.5 → "9,5". */
export const decimalInput = (value: number) => String(value).replace('.', ',');
