import { createHash } from 'node:crypto';
import { KeyRing } from '../../libs/crypto/src/key-ring';

const bytes = (label: string) => createHash('sha256').update(`vardflode test key: ${label}`).digest();

/**
 * A fixed key ring for the workflow tier and the replay test (test data only, never a real key): histories the
 * workflow tier records (RECORD_WORKFLOW_HISTORIES=1) are sealed with it, so the replay test can open them later;
 * histories recorded before the codec are in clear and pass through.
 */
export function fixedTestKeyRing(): KeyRing {
  return new KeyRing({ keys: [{ id: 'test-1', key: bytes('test-1') }], currentKeyId: 'test-1', indexKey: bytes('index') });
}
