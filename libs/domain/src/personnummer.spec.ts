import { isValidPersonnummer, maskPersonnummer, normalisePersonnummer } from './personnummer';

describe('personnummer', () => {
  it.each(['19121212-1212', '191212121212', '121212-1212', '1212121212'])('accepts %s', (pnr) => {
    expect(isValidPersonnummer(pnr)).toBe(true);
  });

  it.each([
    ['wrong check digit', '19121212-1213'],
    ['impossible date', '19121232-1212'],
    ['letters', '1912121A-1212'],
    ['too short', '1212-1212'],
    ['not a string', 191212121212],
  ])('refuses %s', (_why, pnr) => {
    expect(isValidPersonnummer(pnr)).toBe(false);
  });

  it('normalises to twelve digits and masks the identifying part', () => {
    // Ten digits: '-' means under 100 years old, '+' means 100 or older.
    expect(normalisePersonnummer('121212-1212')).toBe('201212121212');
    expect(normalisePersonnummer('121212+1212')).toBe('191212121212');
    expect(maskPersonnummer('19121212-1212')).toBe('19121212-****');
  });
});
