/**
 * The API's codec server (Temporal's remote codec protocol) for the Temporal Web UI: HSF's operators see a
 * workflow's payloads decoded, nobody else; every decode is audited without contents; CORS only for the UI's origin.
 */
import request from 'supertest';
import { dischargeHandoverWorkflowId } from '../../libs/contracts/src/discharge-handover.contract';
import { callerFor, dischargeNotice, sql, temporalClient, tokenFor, useTestStack } from '../support/test-app';

const UI = 'http://127.0.0.1:18233';

describe('the codec server', () => {
  const stack = useTestStack({ TEMPORAL_UI_ORIGIN: UI });
  const http = () => request(stack.app.getHttpServer());

  /** The discharge workflow's input as Temporal stores it: one sealed payload, in the protocol's JSON. */
  async function sealedInput(): Promise<{ metadata: Record<string, string>; data: string }> {
    const hospital = await callerFor(stack.app, stack.config, 'KS', ['case_handler']);
    const res = await hospital.post('/discharge-handovers').set('Idempotency-Key', `codec-${Date.now()}`).send(dischargeNotice()).expect(201);
    const temporal = await temporalClient(stack.config, { raw: true });
    try {
      const history = await temporal.client.workflow.getHandle(dischargeHandoverWorkflowId(res.body.caseId)).fetchHistory();
      const payload = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
      const b64 = (b?: Uint8Array | null) => Buffer.from(b ?? []).toString('base64');
      return { metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(payload.data) };
    } finally {
      await temporal.close();
    }
  }

  it("decodes a workflow's input for HSF's operator and audits who, the namespace, how many and the key ids only", async () => {
    const payload = await sealedInput();
    expect(Buffer.from(payload.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    const operator = await tokenFor(stack.config, 'HSF', ['operator'], 'olle-operator');
    const res = await http().post('/codec/decode').set('Authorization', `Bearer ${operator}`).set('X-Namespace', 'default').send({ payloads: [payload] }).expect(200);
    const decoded = res.body.payloads[0];
    expect(Buffer.from(decoded.metadata.encoding, 'base64').toString()).toBe('json/plain');
    // The input in clear (the patient in it stays sealed with the case's own data key: patient-data's part).
    expect(JSON.parse(Buffer.from(decoded.data, 'base64').toString())).toMatchObject({ hospitalCode: 'KS', vardcentralCode: 'VC-EKERO', patientSealed: expect.any(String) });

    const rows = await sql<{ actor: string; organisation_code: string; outcome: string; detail: unknown }>(
      stack.config,
      `SELECT actor, organisation_code, outcome, detail FROM audit_log WHERE action = 'codec.decode'`,
    );
    expect(rows).toEqual([{ actor: 'olle-operator', organisation_code: 'HSF', outcome: 'success', detail: { namespace: 'default', payloads: 1, keyIds: ['k1'] } }]);
    expect(JSON.stringify(rows)).not.toMatch(/Tolvan|1212/);
  });

  it('refuses anyone but an operator at HSF: 401 without a token, 403 for others', async () => {
    const payload = await sealedInput();
    await http().post('/codec/decode').send({ payloads: [payload] }).expect(401);
    for (const [org, role] of [['KS', 'case_handler'], ['HSF', 'platform_auditor'], ['KS', 'operator']] as const) {
      const token = await tokenFor(stack.config, org, [role]);
      const res = await http().post('/codec/decode').set('Authorization', `Bearer ${token}`).send({ payloads: [payload] }).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
  });

  it('encodes and decodes back; passes unsealed payloads through; names a bad field or namespace', async () => {
    const auth = `Bearer ${await tokenFor(stack.config, 'HSF', ['operator'])}`;
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"hej"').toString('base64') };
    const sealed = (await http().post('/codec/encode').set('Authorization', auth).send({ payloads: [plain] }).expect(200)).body.payloads[0];
    expect(Buffer.from(sealed.metadata['encryption-key-id'], 'base64').toString()).toBe('k1');
    const back = (await http().post('/codec/decode').set('Authorization', auth).send({ payloads: [sealed, plain] }).expect(200)).body.payloads;
    expect(back).toEqual([plain, plain]);

    const bad = await http().post('/codec/decode').set('Authorization', auth).send({ payloads: [{ data: 'not base64!' }] }).expect(400);
    expect(bad.body.field).toBe('payloads.0.data');
    // The Temporal CLI (`temporal workflow show --codec-endpoint …`) sends an empty X-Namespace, and `{}` for no payloads.
    expect((await http().post('/codec/decode').set('Authorization', auth).set('X-Namespace', '').send({}).expect(200)).body).toEqual({ payloads: [] });
    await http().post('/codec/decode').set('Authorization', auth).set('X-Namespace', '').send({ payloads: [sealed] }).expect(200);
    const ns = await http().post('/codec/decode').set('Authorization', auth).set('X-Namespace', 'other').send({ payloads: [] }).expect(400);
    expect(ns.body.field).toBe('X-Namespace');
  });

  it("answers CORS only for the Temporal UI's origin, and takes the token from the operator's HttpOnly cookie", async () => {
    const pre = await http().options('/codec/decode').set('Origin', UI).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type,x-namespace').expect(204);
    expect(pre.headers).toMatchObject({ 'access-control-allow-origin': UI, 'access-control-allow-credentials': 'true' });
    expect(pre.headers['access-control-allow-headers']).toMatch(/X-Namespace/i);
    const other = await http().options('/codec/decode').set('Origin', 'http://127.0.0.1:9999').set('Access-Control-Request-Method', 'POST').expect(204);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const operator = await tokenFor(stack.config, 'HSF', ['operator']);
    const session = await http().post('/codec/session').set('Authorization', `Bearer ${operator}`).expect(200);
    const cookie = String(session.headers['set-cookie']);
    expect(cookie).toMatch(/^vardflode_codec=[^;]+; Path=\/codec; HttpOnly; SameSite=Strict$/);
    const payload = await sealedInput();
    const res = await http().post('/codec/decode').set('Origin', UI).set('Cookie', cookie.split(';')[0]).send({ payloads: [payload] }).expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(UI);
    // A non-operator's cookie is refused like their token.
    const other403 = await http().post('/codec/session').set('Authorization', `Bearer ${await tokenFor(stack.config, 'KS', ['case_handler'])}`).expect(403);
    expect(other403.body.code).toBe('FORBIDDEN');
  });
});
