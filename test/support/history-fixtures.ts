/**
 * Reading the recorded histories in test/fixtures/workflow-histories: which ring keys sealed their payloads, what
 * they hold decoded, and whether anything of a patient is readable in them. Shared by the recorder
 * (test/recording/workflow-histories.record.ts) and the replay test (test/integration/workflow-replay.spec.ts).
 */
import { join } from 'node:path';
import type { Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { KeyRing } from '../../libs/crypto/src/key-ring';
import { KeyRingPayloadCodec, sealedWith } from '../../libs/crypto/src/payload-codec';

type History = temporal.api.history.v1.IHistory;

export const HISTORIES_DIR = join(__dirname, '..', 'fixtures', 'workflow-histories');

/** Skatteverket's test person the recordings use, in every spelling the data could take (with/without century and dash, name parts). */
const SPELLINGS = [/191212121212/, /19121212-1212/, /(?<!\d)1212121212(?!\d)/, /121212-1212/, /tolvan/i, /tolvansson/i];
/** The spellings of the test person `text` holds readable (none, for a history sealed with the codec). */
export const readablePatient = (text: string): string[] => SPELLINGS.filter((s) => s.test(text)).map(String);

/** Every payload of a history (inputs, results, updates, markers, failures' encoded attributes). */
export function payloadsOf(history: History): Payload[] {
  const found: Payload[] = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object' || v instanceof Uint8Array) return;
    if (Array.isArray(v)) return v.forEach(walk);
    const p = v as Payload;
    if (p.metadata && typeof p.metadata === 'object' && (p.data instanceof Uint8Array || p.data == null) && Object.values(p.metadata).every((m) => m instanceof Uint8Array)) {
      found.push(p);
      return;
    }
    Object.values(v).forEach(walk);
  };
  walk(history.events);
  return found;
}

/**
 * The payloads a history holds in clear, as text: in a sealed recording only Temporal's own bookkeeping, which its
 * core writes past the codec (patch and local-activity markers' details, the TemporalChangeVersion search attribute).
 */
export function clearPayloads(history: History): string[] {
  return payloadsOf(history)
    .filter((p) => sealedWith(p) === undefined)
    .map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'));
}

/**
 * What of the test person a recorded history's file shows to anyone without the key: its JSON text, and its
 * payloads in clear decoded from their base64 (a payload in clear is as readable as plain text).
 */
export function readableInFile(history: History, json: string): string[] {
  return readablePatient([json, ...clearPayloads(history)].join('\n'));
}

/** The ring keys a history's payloads are sealed with (none for a history recorded before the codec). */
export function sealingKeyIds(history: History): string[] {
  return [...new Set(payloadsOf(history).map(sealedWith).filter((id): id is string => id !== undefined))];
}

/**
 * Throws, naming the fixture and the keys, when a history is sealed with a key `ring` does not hold: replay could not
 * open its payloads (and Temporal's replayer reports that only as a failed workflow task).
 */
export function assertSealedWithin(history: History, ring: KeyRing, fixture: string): void {
  const missing = sealingKeyIds(history).filter((id) => !ring.has(id));
  if (missing.length > 0) {
    throw new Error(
      `${fixture} is sealed with key ${missing.map((id) => `"${id}"`).join(', ')}, which the fixed test key ring (${ring.keyIds.join(', ')}) ` +
        'does not hold: record histories with the test ring (npm run record:histories, test/support/test-key-ring.ts), never a real key',
    );
  }
}

/** The history's payloads decoded with `ring`, each as its JSON text. */
export async function decodedPayloads(history: History, ring: KeyRing): Promise<string[]> {
  const open = await new KeyRingPayloadCodec(ring).decode(payloadsOf(history));
  return open.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'));
}
