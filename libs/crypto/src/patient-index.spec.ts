import { KeyRing, newKeyBytes } from './key-ring';
import { patientIndex } from './patient-index';

describe('patientIndex', () => {
  const ring = new KeyRing({ keys: [{ id: 'k1', key: newKeyBytes() }], currentKeyId: 'k1', indexKey: newKeyBytes() });

  it('gives one index for every spelling of one personnummer, and a different one for another person', () => {
    const long = patientIndex(ring, '191212121212');
    expect(patientIndex(ring, '19121212-1212')).toBe(long);
    expect(patientIndex(ring, '191212121212')).toBe(patientIndex(ring, '19121212-1212'));
    expect(long).toBe(ring.blindIndex('personnummer', '191212121212'));
    expect(long).not.toContain('1212121212');
    expect(patientIndex(ring, '201212121212')).not.toBe(long);
  });
});
