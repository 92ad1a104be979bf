import { isValidPersonnummer } from '../../../../libs/domain/src/personnummer';

/** What the personnummer field says while it is typed: nothing until it could be whole, then whether it holds. */
export function personnummerProblem(value: string): string | undefined {
  const digits = value.replace(/\D/g, '');
  if (value.trim() === '') return undefined;
  if (/[^\d\s+-]/.test(value)) return 'Personnumret får bara innehålla siffror och bindestreck.';
  if (digits.length < 10) return undefined;
  if (digits.length !== 10 && digits.length !== 12) return 'Skriv personnumret med 10 eller 12 siffror, t.ex. 19121212-1212.';
  return isValidPersonnummer(value.trim()) ? undefined : 'Personnumret stämmer inte: kontrollera födelsedatumet och kontrollsiffran.';
}
