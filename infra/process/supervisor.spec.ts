import { decideRestart, DEFAULT_RESTART_POLICY, howItEnded, inWords, Supervised, type RestartPolicy } from './supervisor';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const policy: RestartPolicy = { maxRestarts: 5, windowMs: 600_000, baseDelayMs: 1_000, maxDelayMs: 30_000 };

describe('decideRestart (the launcher’s backoff and give-up policy)', () => {
  it('restarts the first crash after the base delay: restart 1 of 5', () => {
    expect(decideRestart([], T0, policy)).toEqual({ action: 'restart', delayMs: 1_000, restart: 1, of: 5 });
  });

  it('doubles the delay for each earlier crash in the window (1 s, 2 s, 4 s, 8 s, 16 s)', () => {
    const crashes: number[] = [];
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const now = T0 + i * 20_000;
      const d = decideRestart(crashes, now, policy);
      if (d.action !== 'restart') throw new Error(`gave up at crash ${i + 1}`);
      delays.push(d.delayMs);
      crashes.push(now);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('caps the delay', () => {
    const wide = { ...policy, maxRestarts: 20 };
    const crashes = Array.from({ length: 9 }, (_, i) => T0 + i * 1_000);
    expect(decideRestart(crashes, T0 + 10_000, wide)).toMatchObject({ action: 'restart', delayMs: 30_000, restart: 10 });
  });

  it('gives up on the sixth crash within ten minutes', () => {
    const crashes = [0, 1, 2, 3, 4].map((i) => T0 + i * 60_000);
    expect(decideRestart(crashes, T0 + 5 * 60_000, policy)).toEqual({ action: 'give-up', crashes: 6 });
  });

  it('forgets crashes older than the window: the count and the backoff start again', () => {
    const crashes = [0, 1, 2, 3, 4].map((i) => T0 + i * 60_000);
    // 10.5 min after the first crash: it has left the window, the other four are still in it.
    expect(decideRestart(crashes, T0 + 10.5 * 60_000, policy)).toEqual({ action: 'restart', delayMs: 16_000, restart: 5, of: 5 });
    expect(decideRestart(crashes, T0 + 60 * 60_000, policy)).toEqual({ action: 'restart', delayMs: 1_000, restart: 1, of: 5 });
  });

  it('defaults to 5 restarts within 10 minutes, 1 s doubling to at most 30 s', () => {
    expect(DEFAULT_RESTART_POLICY).toEqual({ maxRestarts: 5, windowMs: 600_000, baseDelayMs: 1_000, maxDelayMs: 30_000 });
  });

  it('says how a process ended', () => {
    expect(howItEnded({ code: null, signal: 'SIGKILL' })).toBe('was killed by SIGKILL');
    expect(howItEnded({ code: 1, signal: null })).toBe('exited with code 1');
  });
});

describe('inWords (the delays and windows in the launcher’s log lines)', () => {
  it('says a delay as a person would, never "0 min" or "1440 min"', () => {
    expect([0, 1_000, 30_000, 600_000, 86_400_000, 1_500].map(inWords)).toEqual(['0 s', '1 s', '30 s', '10 min', '24 h', '1500 ms']);
  });
});

describe('Supervised (real child processes)', () => {
  const fast: RestartPolicy = { maxRestarts: 2, windowMs: 60_000, baseDelayMs: 20, maxDelayMs: 40 };

  it('restarts a process that exits on its own, logs each restart in one line, and gives up after repeated crashes', async () => {
    const lines: string[] = [];
    const gaveUp = new Promise<string>((resolve) => {
      Supervised.start('crasher', process.execPath, ['-e', 'process.exit(3)'], {}, { policy: fast, log: (l) => lines.push(l), onGiveUp: resolve });
    });
    expect(await gaveUp).toMatch(/^the crasher \(pid \d+\) exited with code 3: 3 crashes within 1 min, giving up$/);
    expect(lines.filter((l) => l.includes('restarting it in'))).toEqual([
      expect.stringMatching(/^the crasher \(pid \d+\) exited with code 3: restarting it in 20 ms at \d\d:\d\d:\d\d UTC \(restart 1 of 2 within 1 min\)$/),
      expect.stringMatching(/restarting it in 40 ms .*\(restart 2 of 2 within 1 min\)$/),
    ]);
  });

  it('never restarts after a clean stop', async () => {
    const lines: string[] = [];
    const s = Supervised.start('sleeper', process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {}, { policy: fast, log: (l) => lines.push(l), onGiveUp: () => lines.push('gave up') });
    const first = s.current.child.pid;
    await s.stop('SIGTERM', 5_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(s.current.child.pid).toBe(first);
    expect(s.current.running).toBe(false);
    expect(lines).toEqual([]);
  });

  it('restarts a process killed with SIGKILL as a new process', async () => {
    const lines: string[] = [];
    const s = Supervised.start('victim', process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {}, { policy: fast, log: (l) => lines.push(l), onGiveUp: () => undefined });
    const first = s.current.child.pid!;
    process.kill(first, 'SIGKILL');
    for (let i = 0; i < 100 && s.current.child.pid === first; i++) await new Promise((r) => setTimeout(r, 20));
    expect(s.current.child.pid).not.toBe(first);
    expect(s.current.running).toBe(true);
    expect(s.restartCount).toBe(1);
    expect(lines[0]).toMatch(/^the victim \(pid \d+\) was killed by SIGKILL: restarting it in 20 ms/);
    await s.stop('SIGTERM', 5_000);
  });
});
