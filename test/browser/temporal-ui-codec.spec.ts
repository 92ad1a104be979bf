/**
 * The Temporal Web UI with the API's codec server (issue 13): a Temporal dev server started here with its UI on
 * 127.0.0.1 and `--ui-codec-endpoint` at the API's /codec (as `npm start` runs it), a discharge case opened through
 * the API, and the workflow's page in a real Chromium. An operator at HSF, whose browser holds the codec cookie and
 * whose UI sends credentials to the codec server, sees the input decoded; anyone else sees ciphertext. (The patient
 * inside the input is sealed once more with the case's own data key, so even the operator sees no name there.)
 */
import type { INestApplication } from '@nestjs/common';
import type { BrowserContext, Page } from 'playwright-core';
import type { AppConfig } from '../../libs/config/src/app-config';
import { dischargeHandoverWorkflowId } from '../../libs/contracts/src/discharge-handover.contract';
import { freePort } from '../../infra/net/ports';
import { RunningDevServer, startTemporalDevServer } from '../../infra/temporal/dev-server';
import { resolveTemporalCli } from '../../infra/temporal/temporal-cli';
import { callerFor, dischargeNotice, startTestApi, startTestWorker, testConfig, TestWorker, tokenFor } from '../support/test-app';
import { LaunchedBrowser, launchBrowser, saveFailureScreenshots } from './support/browser';
import { currentTest } from './support/test-state';

const log = (line: string) => console.log(`[temporal-ui] ${line}`);

describe('the Temporal UI decodes payloads through the codec server for operators only', () => {
  let temporal: RunningDevServer;
  let config: AppConfig;
  let worker: TestWorker;
  let app: INestApplication;
  let launched: LaunchedBrowser;
  let apiBase: string;
  let uiBase: string;
  let workflowId: string;
  const contexts: { label: string; context: BrowserContext }[] = [];

  beforeAll(async () => {
    const [temporalPort, uiPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    apiBase = `http://127.0.0.1:${apiPort}`;
    uiBase = `http://127.0.0.1:${uiPort}`;
    temporal = await startTemporalDevServer({
      executable: await resolveTemporalCli(process.env.TEMPORAL_CLI, log),
      ip: '127.0.0.1',
      port: temporalPort,
      uiPort,
      uiCodecEndpoint: `${apiBase}/codec`,
      namespace: 'default',
      log,
    });
    config = await testConfig({ TEMPORAL_ADDRESS: temporal.address, TEMPORAL_UI_ORIGIN: uiBase });
    worker = await startTestWorker(config);
    app = await startTestApi(config);
    await app.listen(apiPort, '127.0.0.1');
    launched = await launchBrowser();

    const hospital = await callerFor(app, config, 'KS', ['case_handler']);
    const opened = await hospital.post('/discharge-handovers').set('Idempotency-Key', 'temporal-ui-codec-1').send(dischargeNotice()).expect(201);
    workflowId = dischargeHandoverWorkflowId(opened.body.caseId);
  }, 120_000);

  afterEach(async () => {
    const test = currentTest();
    if (test?.failed) await saveFailureScreenshots(contexts.flatMap(({ label, context }) => context.pages().map((page) => ({ label, page }))), test.name);
    await Promise.allSettled(contexts.splice(0).map(({ context }) => context.close()));
  });

  afterAll(async () => {
    await launched?.browser.close();
    await app?.close();
    await worker?.stop();
    await temporal?.stop();
  });

  /**
   * A person's browser: signed in to the API (the codec cookie, when the API grants it), and the Temporal UI told
   * to send credentials to the codec server: in its Codec Server settings, the browser's own setting ("override")
   * with the endpoint and "Include cross-origin credentials" (the CLI's dev server has no flag for that).
   */
  async function browserOf(label: string, org: string, roles: Parameters<typeof tokenFor>[2]): Promise<{ page: Page; sessionStatus: number }> {
    const context = await launched.browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    contexts.push({ label, context });
    const page = await context.newPage();
    await page.goto(`${apiBase}/health`);
    const token = await tokenFor(config, org, roles);
    const sessionStatus = await page.evaluate(async (t) => (await fetch('/codec/session', { method: 'POST', headers: { authorization: `Bearer ${t}` } })).status, token);
    await context.addInitScript(
      ({ ui, endpoint }) => {
        const w = globalThis as unknown as { location: { origin: string }; localStorage: { setItem(k: string, v: string): void } };
        if (w.location.origin !== ui) return;
        w.localStorage.setItem('endpoint', JSON.stringify(endpoint));
        w.localStorage.setItem('overrideRemoteCodecConfiguration', 'true');
        w.localStorage.setItem('includeCredentials', 'true');
        w.localStorage.setItem('passAccessToken', 'false');
      },
      { ui: uiBase, endpoint: `${apiBase}/codec` },
    );
    return { page, sessionStatus };
  }

  const workflowPage = (page: Page) => page.goto(`${uiBase}/namespaces/default/workflows/${encodeURIComponent(workflowId)}`);

  it("shows an HSF operator the workflow's input decoded", async () => {
    const { page, sessionStatus } = await browserOf('operator', 'HSF', ['operator']);
    expect(sessionStatus).toBe(200);
    const decodes: number[] = [];
    page.on('response', (r) => {
      if (r.url() === `${apiBase}/codec/decode`) decodes.push(r.status());
    });
    await workflowPage(page);
    // The input decoded: its fields in clear (the patient inside stays sealed with the case's own data key).
    await page.getByText('VC-EKERO').first().waitFor({ timeout: 30_000 });
    await expect(page.getByText('patientSealed').first().isVisible()).resolves.toBe(true);
    expect(decodes.length).toBeGreaterThan(0);
    expect(decodes.every((s) => s === 200)).toBe(true);
  });

  it('shows anyone else ciphertext: the codec server refuses them', async () => {
    const { page, sessionStatus } = await browserOf('case handler', 'KS', ['case_handler']);
    expect(sessionStatus).toBe(403);
    const decodes: number[] = [];
    page.on('response', (r) => {
      if (r.url() === `${apiBase}/codec/decode`) decodes.push(r.status());
    });
    await workflowPage(page);
    // The UI asks the codec server, is refused (401: no cookie), and shows the payload as stored.
    for (let i = 0; i < 300 && decodes.length === 0; i++) await page.waitForTimeout(100);
    expect(decodes.length).toBeGreaterThan(0);
    await page.getByText(/YmluYXJ5L2VuY3J5cHRlZA|binary\/encrypted/).first().waitFor({ timeout: 30_000 });
    expect(decodes.every((s) => s === 401)).toBe(true);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('VC-EKERO');
    expect(text).not.toContain('patientSealed');
    expect(text).not.toContain('Tolvan');
  });
});
