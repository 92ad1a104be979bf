/**
 * Histories recorded from cases that earlier versions of the workflows ran (kept in
 * test/fixtures/workflow-histories) must replay on today's code: a change that is not behind patched() fails here
 * instead of in a running deployment.
 *
 * How they were recorded:
 * - the legacy types' v1–v3 and the case runtime's V2 types up to discharge-v5: by the workflow tier (Temporal's
 *   time-skipping test server, activities mocked) with `RECORD_WORKFLOW_HISTORIES=1 npx jest --selectProjects
 *   workflow` (`recordHistory()` in test/workflow/support/cases.ts). They are in clear (recorded before the codec).
 * - issue 13's, discharge-v6-* and erasure-v1-*: by `npm run record:histories` (test/recording/
 *   workflow-histories.record.ts: a real Temporal dev server, a real PostgreSQL, the real worker and API), every
 *   payload sealed by the payload codec with the FIXED TEST key ring (test/support/test-key-ring.ts, never a real
 *   key). They hold a case opened with the sealed patient (`patientSealed`) to discharge, one that continues as new
 *   (each run), one started on the old input with the patient in plain that crosses
 *   patched('discharge-i13-sealed-patient') as it continues as new (each run), and a patientDataErasure run that
 *   erases those cases. The recorder writes a file only when nothing of the patient is readable in its JSON.
 * Record before changing a workflow, commit the new files beside the old ones (never over them), then make the
 * change behind patched().
 *
 * They replay through the worker's data converter on the fixed test ring: those in clear pass through the codec,
 * sealed ones are opened by it. A history sealed with a key the test ring does not hold fails here, naming the key.
 */
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeyRing } from '../../libs/crypto/src/key-ring';
import { KeyRingPayloadCodec, vardflodeDataConverter } from '../../libs/crypto/src/payload-codec';
import { assertSealedWithin, clearPayloads, decodedPayloads, HISTORIES_DIR, payloadsOf, readableInFile, readablePatient, sealingKeyIds } from '../support/history-fixtures';
import { workflowSpanSinks } from '../../libs/telemetry/src/temporal-tracing';
import { IGNORED_WORKFLOW_PROBLEMS } from '../../apps/worker/src/workflow-problems';
import { fixedTestKeyRing } from '../support/test-key-ring';
import { TEST_ENV } from '../support/test-stack-env';

type History = temporal.api.history.v1.IHistory;
const fixtures = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));
const read = (file: string): History => historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
const testRing = fixedTestKeyRing();

/** Replays a recorded history on today's workflow bundle, through the worker's data converter on the test ring. */
async function replay(history: History, name: string): Promise<void> {
  assertSealedWithin(history, testRing, name);
  await Worker.runReplayHistory(
    { workflowBundle: { codePath: process.env[TEST_ENV.workflowBundle] as string }, dataConverter: vardflodeDataConverter(testRing), sinks: { ...workflowSpanSinks(), ...IGNORED_WORKFLOW_PROBLEMS } },
    history,
    `replay-${name}`,
  );
}

/** The ids of the patches a history's runs recorded (its core_patch markers, decoded). */
async function patchesOf(history: History): Promise<string[]> {
  const markers = (history.events ?? []).filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch');
  const details = await decodedPayloads({ events: markers }, testRing);
  return details.map((d) => (JSON.parse(d) as { id: string }).id);
}

describe('recorded workflow histories replay on the current code', () => {
  it('has recorded histories to replay, issue 13\'s among them', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(19);
    expect(fixtures).toEqual(expect.arrayContaining([
      'discharge-v6-sealed-input-weekday-discharge.json',
      'discharge-v6-sealed-input-continued-as-new-run-1.json',
      'discharge-v6-plain-input-crosses-sealed-patch-run-1.json',
      'erasure-v1-discharged-cases-erased.json',
      'situation-round-v1-shortage-correction-missing-closed.json',
      'transfer-v1-declined-accepted-admitted.json',
    ]));
  });

  it.each(fixtures)('%s', async (file) => {
    await expect(replay(read(file), file)).resolves.toBeUndefined();
  });
});

describe('the sealed recordings', () => {
  const sealed = fixtures.filter((f) => sealingKeyIds(read(f)).length > 0);

  it('are issue 13\'s and later, every payload sealed with the fixed test ring, nothing of the patient readable in the file', () => {
    expect(sealed).toEqual(fixtures.filter((f) => ['discharge-v6-', 'erasure-', 'situation-round-', 'transfer-'].some((prefix) => f.startsWith(prefix))));
    for (const file of sealed) {
      const history = read(file);
      expect({ file, keys: sealingKeyIds(history) }).toEqual({ file, keys: ['test-1'] });
      // In clear only Temporal's own bookkeeping: patch and local-activity markers, the patch ids search attribute.
      const bookkeeping = [/^\{"id":"[\w.-]+","deprecated":(true|false)\}$/, /^\{"seq":\d+,"attempt":\d+,"activity_id":"\d+","activity_type":"\w+",/, /^\[("[\w.-]+",?)*\]$/];
      expect({ file, other: clearPayloads(history).filter((text) => !bookkeeping.some((b) => b.test(text))) }).toEqual({ file, other: [] });
      expect({ file, readable: readableInFile(history, readFileSync(join(HISTORIES_DIR, file), 'utf8')) }).toEqual({ file, readable: [] });
    }
  });

  it('hold what they are named for: the old input crosses the i13 patch, the sealed input never holds the patient in plain', async () => {
    const plainFirst = read('discharge-v6-plain-input-crosses-sealed-patch-run-1.json');
    expect(await patchesOf(plainFirst)).toContain('discharge-i13-sealed-patient');
    expect(plainFirst.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    for (const file of sealed.filter((f) => f.startsWith('discharge-v6-sealed-'))) {
      expect({ file, readable: readablePatient((await decodedPayloads(read(file), testRing)).join('\n')) }).toEqual({ file, readable: [] });
    }
    expect(read('discharge-v6-sealed-input-continued-as-new-run-1.json').events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  });

  it('a history sealed with a key the test ring does not hold fails the replay, naming the key and the fixture', async () => {
    // The weekday discharge as a real key ("prod-2026") would have sealed it: the test ring cannot open it.
    const history = read('discharge-v6-sealed-input-weekday-discharge.json');
    const other = new KeyRing({ keys: [{ id: 'prod-2026', key: Buffer.alloc(32, 7) }], currentKeyId: 'prod-2026', indexKey: Buffer.alloc(32, 8) });
    const payloads = payloadsOf(history);
    const resealed = await new KeyRingPayloadCodec(other).encode(await new KeyRingPayloadCodec(testRing).decode(payloads));
    payloads.forEach((p, i) => Object.assign(p, resealed[i]));
    expect(sealingKeyIds(history)).toEqual(['prod-2026']);

    await expect(replay(history, 'resealed-weekday-discharge.json')).rejects.toThrow(
      /resealed-weekday-discharge\.json is sealed with key "prod-2026", which the fixed test key ring \(test-1\) does not hold/,
    );
    // Without that check the replayer fails too (it never passes a history it cannot open), only less clearly.
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: process.env[TEST_ENV.workflowBundle] as string }, dataConverter: vardflodeDataConverter(testRing), sinks: { ...workflowSpanSinks(), ...IGNORED_WORKFLOW_PROBLEMS } },
        history,
        'replay-resealed',
      ),
    ).rejects.toThrow();
  });
});
