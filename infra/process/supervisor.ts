import type { SpawnOptions } from 'node:child_process';
import { ManagedProcess } from './managed-process';

/**
 * Supervision (issue 17): a worker or API process that exits on its own is started again after a backoff, and only
 * repeated crashes (more than `maxRestarts` within `windowMs`) make the launcher give up and stop everything.
 */
export interface RestartPolicy {
  /** Restarts allowed within the window; one more crash in it gives up. */
  maxRestarts: number;
  windowMs: number;
  /** The first restart's delay, doubled for each earlier crash still in the window, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 5, windowMs: 10 * 60_000, baseDelayMs: 1_000, maxDelayMs: 30_000 };

export type RestartDecision =
  | { action: 'restart'; delayMs: number; restart: number; of: number }
  | { action: 'give-up'; crashes: number };

/**
 * What to do after a crash at `now`, given the earlier crashes' times (pure: the launcher's clock is passed in).
 * Crashes older than the window are forgotten, so the backoff and the count start again after a quiet spell.
 */
export function decideRestart(earlierCrashes: readonly number[], now: number, policy: RestartPolicy): RestartDecision {
  const recent = earlierCrashes.filter((t) => now - t < policy.windowMs).length + 1; // this crash included
  if (recent > policy.maxRestarts) return { action: 'give-up', crashes: recent };
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (recent - 1));
  return { action: 'restart', delayMs, restart: recent, of: policy.maxRestarts };
}

/** How a process ended, in words: "was killed by SIGKILL", "exited with code 1". */
export function howItEnded({ code, signal }: { code: number | null; signal: NodeJS.Signals | null }): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

/** A delay or window as a person says it: `0 s`, `1 s`, `10 min`, `24 h` (not `0 min` or `1440 min`). */
export function inWords(ms: number): string {
  if (ms > 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms > 0 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

export interface SupervisedOptions {
  name: string;
  /** Starts the process (again). */
  start: () => ManagedProcess;
  policy: RestartPolicy;
  log: (line: string) => void;
  /** Too many crashes: the caller stops everything. */
  onGiveUp: (reason: string) => void;
  /** True once the caller stops everything: an exit then is no crash (the others may be stopping it). */
  stopping?: () => boolean;
  now?: () => number;
}

/** One supervised process: restarted when it exits unless `stop()` asked it to (a clean stop never restarts). */
export class Supervised {
  private process: ManagedProcess;
  private readonly crashes: number[] = [];
  private stopping = false;
  private pending: NodeJS.Timeout | undefined;
  private restarts = 0;

  constructor(private readonly o: SupervisedOptions) {
    this.process = this.launch();
  }

  static start(name: string, command: string, args: string[], options: SpawnOptions, rest: Omit<SupervisedOptions, 'name' | 'start'>): Supervised {
    return new Supervised({ name, start: () => ManagedProcess.start(name, command, args, options), ...rest });
  }

  get name(): string {
    return this.o.name;
  }

  /** The process now running (a new one after each restart). */
  get current(): ManagedProcess {
    return this.process;
  }

  /** Restarts so far. */
  get restartCount(): number {
    return this.restarts;
  }

  private launch(): ManagedProcess {
    const p = this.o.start();
    void p.exit.then((how) => this.exited(p, how));
    return p;
  }

  private exited(p: ManagedProcess, how: { code: number | null; signal: NodeJS.Signals | null }): void {
    if (this.stopping || this.o.stopping?.() || p !== this.process) return;
    const now = (this.o.now ?? Date.now)();
    const decision = decideRestart(this.crashes, now, this.o.policy);
    this.crashes.push(now);
    const what = `the ${this.o.name} (pid ${p.child.pid}) ${howItEnded(how)}`;
    if (decision.action === 'give-up') {
      const reason = `${what}: ${decision.crashes} crashes within ${inWords(this.o.policy.windowMs)}, giving up`;
      this.o.log(reason);
      this.o.onGiveUp(reason);
      return;
    }
    const at = new Date(now + decision.delayMs).toISOString().slice(11, 19);
    this.o.log(`${what}: restarting it in ${inWords(decision.delayMs)} at ${at} UTC (restart ${decision.restart} of ${decision.of} within ${inWords(this.o.policy.windowMs)})`);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      if (this.stopping || this.o.stopping?.()) return;
      this.restarts++;
      this.process = this.launch();
      this.o.log(`the ${this.o.name} is running again (pid ${this.process.child.pid})`);
    }, decision.delayMs);
  }

  /** A clean stop: no restart afterwards, and none pending. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    this.stopping = true;
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    await this.process.stop(signal, graceMs);
  }
}
