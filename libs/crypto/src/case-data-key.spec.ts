import { newDataKey, openSubject, sealSubject, unwrapDataKey, wrapDataKey } from './case-data-key';
import { KeyRing, newKeyBytes } from './key-ring';

describe('per-case data keys', () => {
  const ring = new KeyRing({ keys: [{ id: 'k1', key: newKeyBytes() }], currentKeyId: 'k1', indexKey: newKeyBytes() });
  const caseA = '6f1c1a53-8a51-4d55-9d43-0d7a6c1b7a01';
  const caseB = '6f1c1a53-8a51-4d55-9d43-0d7a6c1b7a02';
  const patient = { personnummer: '191212121212', name: 'Tolvan Tolvansson' };

  it('seals the patient with the case key, bound to its case; the sealed bytes show nothing of them', () => {
    const key = newDataKey();
    const sealed = sealSubject(key, caseA, patient);
    expect(openSubject(key, caseA, sealed)).toEqual(patient);
    expect(sealed.toString('latin1')).not.toMatch(/Tolvan|1212121212/);
    expect(() => openSubject(key, caseB, sealed)).toThrow(/cannot be opened/);
    expect(() => openSubject(newDataKey(), caseA, sealed)).toThrow(/cannot be opened/);
  });

  it('wraps the data key with the ring for its case only', () => {
    const key = newDataKey();
    const { ringKeyId, wrapped } = wrapDataKey(ring, caseA, key);
    expect(ringKeyId).toBe('k1');
    expect(unwrapDataKey(ring, caseA, ringKeyId, wrapped).equals(key)).toBe(true);
    expect(() => unwrapDataKey(ring, caseB, ringKeyId, wrapped)).toThrow(/cannot be opened/);
    expect(() => unwrapDataKey(ring, caseA, 'k9', wrapped)).toThrow(/"k9" is not in the key ring/);
  });
});
