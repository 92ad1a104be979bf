/**
 * Issue 13, Temporal's side: what the Temporal server stores of a discharge case is sealed with the key ring
 * (history, search attributes, memo), keys rotate while cases run, and a key removed from the ring gives a clear,
 * named error instead of a crashed worker or a 500.
 */
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { readFileSync } from 'node:fs';
import type { AppConfig } from '../../libs/config/src/app-config';
import { dischargeHandoverWorkflowId } from '../../libs/contracts/src/discharge-handover.contract';
import { defaultKeyFilePath, KeyFileJson, rotateKeyFile, writeKeyFile } from '../../libs/crypto/src/key-source';
import { Caller, callerFor, dischargeNotice, startTestApi, startTestWorker, temporalClient, TestWorker, testConfig, useTestStack, waitForTask } from '../support/test-app';
import type { INestApplication } from '@nestjs/common';

const DAY = 86_400_000;
const PERSONNUMMER = '19121212-1212';
const NAME = 'Tolvan Tolvansson';

/** Every way the patient's personnummer and name could be written, and their base64 (of the text alone). */
function spellings(): string[] {
  const digits = PERSONNUMMER.replace('-', '');
  const plain = [digits, PERSONNUMMER, digits.slice(2), PERSONNUMMER.slice(2), NAME, ...NAME.split(' ')];
  return [...plain, ...plain.map((s) => Buffer.from(s).toString('base64').replace(/=+$/, ''))];
}

/** The workflow's whole history as Temporal stores it (no data converter: nothing decoded). */
async function rawHistory(config: AppConfig, caseId: string): Promise<string> {
  const temporal = await temporalClient(config, { raw: true });
  try {
    return historyToJSON(await temporal.client.workflow.getHandle(dischargeHandoverWorkflowId(caseId)).fetchHistory());
  } finally {
    await temporal.close();
  }
}

/** The key ids named in the metadata of the history's payloads (metadata values are base64 in the JSON form). */
function keyIdsIn(historyJson: string): Set<string> {
  const ids = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const meta = (v as { metadata?: Record<string, string> }).metadata;
      if (meta?.['encryption-key-id']) ids.add(Buffer.from(meta['encryption-key-id'], 'base64').toString('utf8'));
      Object.values(v).forEach(walk);
    }
  };
  walk(JSON.parse(historyJson));
  return ids;
}

/** Where in the history a payload is not sealed (to prove there is none), as `path: encoding`. */
function clearPayloadsIn(historyJson: string): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (v && typeof v === 'object') {
      const meta = (v as { metadata?: Record<string, string> }).metadata;
      const encoding = meta?.encoding && Buffer.from(meta.encoding, 'base64').toString('utf8');
      if (encoding && encoding !== 'binary/encrypted') found.push(`${path}: ${encoding}`);
      Object.entries(v).forEach(([k, x]) => walk(x, `${path}.${k}`));
    }
  };
  walk(JSON.parse(historyJson), '');
  return found;
}

function expectNoPersonalData(text: string): void {
  // The JSON itself, and every base64 string in it decoded (payload bytes are base64 in the JSON form).
  const decoded = [...text.matchAll(/"([A-Za-z0-9+/]{8,}={0,2})"/g)].map((m) => Buffer.from(m[1], 'base64').toString('latin1'));
  for (const haystack of [text, ...decoded]) {
    for (const s of spellings()) expect(haystack).not.toContain(s);
  }
}

let keys = 0;
async function openCase(hospital: Caller, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await hospital
    .post('/discharge-handovers')
    .set('Idempotency-Key', `protection-${Date.now()}-${(keys += 1)}`)
    .send(dischargeNotice({ needs: { municipal: [], region: ['primary_care_home_health_care'] }, ...overrides }))
    .expect(201);
  return res.body.caseId;
}

async function answer(who: Caller, caseId: string, kind: string, decision: Record<string, unknown>) {
  const task = await waitForTask(who, caseId, kind);
  const res = await who.post(`/tasks/${task.id}/complete`).send({ decision });
  if (res.status !== 200) throw new Error(`${kind}: ${res.status} ${JSON.stringify(res.body)}`);
}

describe("the Temporal server holds no patient data of a discharge case", () => {
  const stack = useTestStack();

  it('its whole history (inputs, activities, updates, queries) holds neither personnummer nor name in any spelling', async () => {
    const hospital = await callerFor(stack.app, stack.config, 'KS', ['case_handler']);
    const vardcentral = await callerFor(stack.app, stack.config, 'VC-EKERO', ['case_handler']);
    const caseId = await openCase(hospital);
    await answer(vardcentral, caseId, 'discharge.acknowledge_notice', { acknowledged: true });
    // The summary (a query answering with the patient's name) and the state went through Temporal too.
    expect((await hospital.get(`/discharge-handovers/${caseId}/summary`).expect(200)).body.patientName).toBe(NAME);
    await hospital.get(`/discharge-handovers/${caseId}`).expect(200);

    const history = await rawHistory(stack.config, caseId);
    expect(history).toContain('WORKFLOW_EXECUTION_STARTED');
    expectNoPersonalData(history);
    // Every payload is sealed, under the ring's (only) key, but those the SDK writes itself past the codec: the
    // patch markers and their search attribute (a patch's name) and local activities' marker data (ids, times).
    const sdkOwn = /^\.events\[\d+\]\.(markerRecordedEventAttributes\.details\.(patch-data|data)\.payloads\[0\]|upsertWorkflowSearchAttributesEventAttributes\.searchAttributes\.indexedFields\.TemporalChangeVersion): json\/plain$/;
    expect(clearPayloadsIn(history).filter((p) => !sdkOwn.test(p))).toEqual([]);
    expect([...keyIdsIn(history)]).toEqual(['k1']);
  });

  it('its search attributes and memo carry no personal data', async () => {
    const hospital = await callerFor(stack.app, stack.config, 'KS', ['case_handler']);
    const caseId = await openCase(hospital);
    const temporal = await temporalClient(stack.config, { raw: true });
    try {
      const described = await temporal.client.workflow.getHandle(dischargeHandoverWorkflowId(caseId)).describe();
      const raw = described.raw.workflowExecutionInfo;
      const stored = JSON.stringify({
        searchAttributes: raw?.searchAttributes ?? null,
        memo: raw?.memo ?? null,
        typed: described.typedSearchAttributes,
      });
      expect(stored).not.toMatch(/Tolvan|1212/);
      expectNoPersonalData(stored);
    } finally {
      await temporal.close();
    }
  });
});

describe('key rotation and a key removed from the ring', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: TestWorker;
  const keyFile = () => defaultKeyFilePath(config.DATA_DIR);
  const readKeys = () => JSON.parse(readFileSync(keyFile(), 'utf8')) as KeyFileJson;
  const as = (org: string) => callerFor(app, config, org, ['case_handler']);

  /** The worker and the API's client restarted on the key file as it is now (a deployment of a rotated ring). */
  async function restart() {
    await app.close();
    await worker.stop();
    worker = await startTestWorker(config);
    app = await startTestApi(config);
  }

  beforeAll(async () => {
    config = await testConfig({ DISCHARGE_ADMISSION_MAX_AGE_DAYS: '36500' });
    worker = await startTestWorker(config);
    app = await startTestApi(config);
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
  });

  it('a case opened under key 1 completes under key 2; its history names both; without key 1 it answers a named 503', async () => {
    const caseId = await openCase(await as('KS'));
    const stillRunning = await openCase(await as('KS'));
    await answer(await as('VC-EKERO'), caseId, 'discharge.acknowledge_notice', { acknowledged: true });
    expect(readKeys().current).toBe('k1');

    writeKeyFile(keyFile(), rotateKeyFile(readKeys(), 'k2'));
    await restart();

    const vardcentral = await as('VC-EKERO');
    const hospital = await as('KS');
    await answer(vardcentral, caseId, 'discharge.appoint_fast_vardkontakt', { name: 'Sara Sjöström, distriktssköterska', phone: '08-123 456 78' });
    await hospital
      .post(`/discharge-handovers/${caseId}/ready-for-discharge`)
      .send({ declaredAt: new Date().toISOString(), plannedDischargeAt: '2030-11-26T10:00:00+01:00' })
      .expect(200);
    await answer(vardcentral, caseId, 'discharge.acknowledge_ready', { acknowledged: true });
    await answer(vardcentral, caseId, 'discharge.takeover_medical_responsibility', { acknowledged: true, responsiblePhysician: 'Dr Eva Ek' });
    const done = await hospital.post(`/discharge-handovers/${caseId}/discharge`).send({ dischargedAt: new Date().toISOString() }).expect(200);
    expect(done.body.status).toBe('discharged');

    const temporal = await temporalClient(config);
    try {
      expect((await temporal.client.workflow.getHandle(dischargeHandoverWorkflowId(caseId)).result()).status).toBe('discharged');
    } finally {
      await temporal.close();
    }
    const history = await rawHistory(config, caseId);
    expect([...keyIdsIn(history)].sort()).toEqual(['k1', 'k2']);
    expectNoPersonalData(history);

    // Key 1 leaves the ring (k2 stays current): a case opened now runs on; the one still running on k1 cannot.
    const rotated = readKeys();
    writeKeyFile(keyFile(), { ...rotated, keys: rotated.keys.filter((k) => k.id !== 'k1') });
    await restart();
    const fresh = await openCase(await as('KS'));
    await answer(await as('VC-EKERO'), fresh, 'discharge.acknowledge_notice', { acknowledged: true });

    for (const id of [stillRunning, caseId]) {
      const refused = await (await as('KS')).get(`/discharge-handovers/${id}`);
      expect({ status: refused.status, body: refused.body }).toEqual({
        status: 503,
        body: { statusCode: 503, code: 'ENCRYPTION_KEY_MISSING', message: expect.stringContaining('"k1"'), keyId: 'k1' },
      });
    }
    // An update to the running case: the same answer, not a request that hangs.
    const update = await (await as('KS')).put(`/discharge-handovers/${stillRunning}/estimated-discharge-date`).send({ estimatedDischargeDate: new Date(Date.now() + 4 * DAY).toISOString().slice(0, 10) });
    expect({ status: update.status, code: update.body.code }).toEqual({ status: 503, code: 'ENCRYPTION_KEY_MISSING' });

    // The running case's workflow task failed, its history naming the key (in clear: a key id is no patient data).
    let failed = '';
    for (let i = 0; i < 50 && !failed.includes('WORKFLOW_TASK_FAILED'); i++) {
      failed = await rawHistory(config, stillRunning);
      if (!failed.includes('WORKFLOW_TASK_FAILED')) await new Promise((r) => setTimeout(r, 200));
    }
    expect(failed).toContain('WORKFLOW_TASK_FAILED');
    expect(failed).toMatch(/encryption key \\"k1\\" is not in the key ring/);
    // The worker still runs and serves other cases.
    expect(worker.worker.getState()).toBe('RUNNING');
    await (await as('KS')).get(`/discharge-handovers/${fresh}`).expect(200);
  });
});
