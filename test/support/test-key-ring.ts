import { createHash } from 'node:crypto';
import { KeyRing } from '../../libs/crypto/src/key-ring';
import { parseKeyFile, type KeyFileJson } from '../../libs/crypto/src/key-source';

const bytes = (label: string) => createHash('sha256').update(`vardflode test key: ${label}`).digest();

/**
 * The fixed test key ring as a key file (test data only, never a real key), for a stack that must seal with it:
 * `ENCRYPTION_KEYS: JSON.stringify(fixedTestKeyFile())` (the histories' recorder, test/recording).
 */
export function fixedTestKeyFile(): KeyFileJson {
  return {
    version: 1,
    current: 'test-1',
    keys: [{ id: 'test-1', key: bytes('test-1').toString('base64') }],
    indexKey: bytes('index').toString('base64'),
  };
}

/**
 * A fixed key ring for the workflow tier and the replay test (test data only, never a real key): histories the
 * workflow tier records (RECORD_WORKFLOW_HISTORIES=1) and those `npm run record:histories` records on the real stack
 * are sealed with it, so the replay test can open them later; histories recorded before the codec are in clear and
 * pass through.
 */
export function fixedTestKeyRing(): KeyRing {
  return new KeyRing(parseKeyFile(JSON.stringify(fixedTestKeyFile()), 'the fixed test key ring'));
}
