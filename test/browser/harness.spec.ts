/**
 * The harness's own promises: which Chromium it finds, that a failed test leaves screenshots, that the browser
 * reaches nothing but loopback, and that a stopped stack leaves no process and no open port behind.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, LaunchedBrowser, saveFailureScreenshots, screenshotFileName, startBrowserStack } from './support/browser';
import { CHROMIUM_ENV, findChromium } from './support/chromium';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A process that has exited but not been reaped yet is a zombie: gone for our purposes.
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z /.test(stat);
}

const parentOf = (pid: string) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1];

/** Processes (not zombies) whose parent is `parent`, from /proc. */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return parentOf(d) === String(parent) && isRunning(Number(d));
      } catch {
        return false; // exited while we looked
      }
    })
    .map(Number);
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

describe('finding Chromium', () => {
  let dir: string;
  let fakeChromium: string;
  let notExecutable: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vardflode-chromium-'));
    fakeChromium = join(dir, 'chrome');
    writeFileSync(fakeChromium, '#!/bin/sh\n');
    chmodSync(fakeChromium, 0o755);
    notExecutable = join(dir, 'readme.txt');
    writeFileSync(notExecutable, 'not a browser');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const noSparticuz = () => Promise.reject(new Error('Cannot find package @sparticuz/chromium'));
  const absent = '/nonexistent/chromium';

  it('takes the executable named in CHROMIUM_PATH first', async () => {
    const sparticuz = jest.fn(() => Promise.resolve(fakeChromium));
    await expect(findChromium({ [CHROMIUM_ENV]: fakeChromium }, sparticuz, fakeChromium)).resolves.toEqual({ executablePath: fakeChromium, source: 'env' });
    expect(sparticuz).not.toHaveBeenCalled();
  });

  it('fails on a CHROMIUM_PATH that is not executable, rather than quietly using another browser', async () => {
    await expect(findChromium({ [CHROMIUM_ENV]: notExecutable }, () => Promise.resolve(fakeChromium), fakeChromium)).rejects.toThrow(
      `${CHROMIUM_ENV}=${notExecutable} is not an executable file`,
    );
  });

  it("then @sparticuz/chromium's, then Debian's", async () => {
    await expect(findChromium({}, () => Promise.resolve(fakeChromium), absent)).resolves.toEqual({ executablePath: fakeChromium, source: '@sparticuz/chromium' });
    await expect(findChromium({}, noSparticuz, fakeChromium)).resolves.toEqual({ executablePath: fakeChromium, source: 'debian' });
  });

  it('fails, saying what it tried, when there is none', async () => {
    const error = await findChromium({}, noSparticuz, absent).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^No Chromium for the browser tests\. Tried: CHROMIUM_PATH \(not set\); @sparticuz\/chromium \(Cannot find package/);
    expect((error as Error).message).toContain(`${absent} (absent)`);
  });

  it('finds the real @sparticuz/chromium of this install when nothing else is named', async () => {
    const found = await findChromium({}, undefined, absent);
    expect(found.source).toBe('@sparticuz/chromium');
  });
});

describe('a launched Chromium', () => {
  let launched: LaunchedBrowser;
  let shots: string;
  beforeAll(async () => {
    launched = await launchBrowser();
    shots = mkdtempSync(join(tmpdir(), 'vardflode-shots-'));
  });
  afterAll(async () => {
    await launched?.browser.close();
    rmSync(shots, { recursive: true, force: true });
  });

  it('saves a PNG of each page of a failed test, named after the test, and reports where', async () => {
    const context = await launched.browser.newContext();
    const [first, second] = [await context.newPage(), await context.newPage()];
    await first.setContent('<h1>Sjukhuset</h1>');
    await second.setContent('<h1>Kommunen</h1>');
    const log = jest.spyOn(console, 'log');
    try {
      const paths = await saveFailureScreenshots([{ label: 'sjukhuset', page: first }, { label: 'kommunen', page: second }], 'utskrivning › vardag', shots);
      expect(paths).toHaveLength(2);
      expect(paths.map((p) => p.startsWith(shots))).toEqual([true, true]);
      expect(paths[0]).toMatch(/utskrivning-vardag--sjukhuset--.*\.png$/);
      for (const path of paths) expect(readFileSync(path).subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(log.mock.calls.flat().join('\n')).toContain(paths[1]);
    } finally {
      log.mockRestore();
      await context.close();
    }
  });

  it('skips a page it cannot capture, keeping the others', async () => {
    const context = await launched.browser.newContext();
    const [open, closed] = [await context.newPage(), await context.newPage()];
    await closed.close();
    const paths = await saveFailureScreenshots([{ label: 'stangd', page: closed }, { label: 'oppen', page: open }], 'en sida stängd', shots);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toContain('--oppen--');
    await context.close();
  });

  it('names files with letters, digits and dashes only', () => {
    expect(screenshotFileName('Vårdcentral › kvittera: "50 %"', 'ASIH/natt', new Date('2025-12-24T18:30:00.000Z'))).toBe(
      'Vardcentral-kvittera-50--ASIH-natt--2025-12-24T18-30-00-000Z.png',
    );
  });

  it('reaches nothing but loopback', async () => {
    const page = await launched.browser.newPage();
    await expect(page.goto('http://example.com/', { timeout: 10_000 })).rejects.toThrow(/ERR_PROXY_CONNECTION_FAILED|ERR_TUNNEL_CONNECTION_FAILED/);
    await page.close();
  });
});

describe('a stopped browser stack', () => {
  it('leaves no Chromium process and no listening API behind', async () => {
    const before = new Set(childrenOf(process.pid));
    const stack = await startBrowserStack({ worker: false });
    // Playwright starts Chromium as a child of this process (Browser has no process() when launched this way).
    const started = childrenOf(process.pid).filter((pid) => !before.has(pid));
    expect(started).toHaveLength(1);
    const pid = started[0];
    const port = Number(new URL(stack.baseUrl).port);
        const person = await stack.newPerson('kommunen', { org: '0125', roles: ['case_handler'] });
    expect((await person.page.goto('/health'))?.status()).toBe(200);
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]).toBe(stack.launched.chromium.executablePath);
    const helpers = childrenOf(pid); // renderer, GPU, zygote…
    expect(helpers.length).toBeGreaterThan(0);
    await expect(refusesConnections(port)).resolves.toBe(false);

    await stack.stop();
    // Chromium's own helpers end as it ends; give them a moment rather than race them.
    for (let i = 0; i < 50 && [pid, ...helpers].some(isRunning); i++) await new Promise((r) => setTimeout(r, 100));
    expect([pid, ...helpers].filter(isRunning)).toEqual([]);
    expect(childrenOf(process.pid).filter((p) => !before.has(p))).toEqual([]);
    await expect(refusesConnections(port)).resolves.toBe(true);
  });
});

describe('a failing browser test run by jest', () => {
  it('leaves its screenshot in the screenshot folder and prints the path', () => {
    const shots = mkdtempSync(join(tmpdir(), 'vardflode-shots-'));
    const root = resolve(__dirname, '..', '..');
    try {
      const result = spawnSync(
        process.execPath,
        [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', join(__dirname, 'fixtures', 'jest.fixture.config.js'), '--ci'],
        { cwd: root, encoding: 'utf8', env: { ...process.env, VARDFLODE_SCREENSHOT_DIR: shots }, timeout: 120_000 },
      );
      const output = `${result.stdout}\n${result.stderr}`;
      expect(result.status).toBe(1); // the fixture fails on purpose
      expect(output).toContain('Tests:       1 failed, 1 passed, 2 total');
      const files = readdirSync(shots);
      // Only the failed test's two people: the passing test left nothing.
      expect(files.sort()).toEqual([expect.stringMatching(/^fails-on-purpose--kommunen--.*\.png$/), expect.stringMatching(/^fails-on-purpose--sjukhuset--.*\.png$/)]);
      for (const file of files) {
        expect(output).toContain(join(shots, file));
        expect(readFileSync(join(shots, file)).subarray(0, 8)).toEqual(PNG_SIGNATURE);
      }
    } finally {
      rmSync(shots, { recursive: true, force: true });
    }
  });
});
