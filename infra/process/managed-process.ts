import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';

/**
 * A child process in its own process group, so that Ctrl-C reaches only the launcher, which then stops
 * everything in order (API → worker → Temporal → PostgreSQL). `stop` signals the whole group and escalates
 * to SIGKILL after a grace period, so nothing is left behind.
 */
export class ManagedProcess {
  private exited = false;
  private output = '';
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = true;
        resolve({ code, signal });
      });
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-8000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static start(name: string, command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
    const managed = new ManagedProcess(name, child);
    liveProcesses.add(managed);
    void managed.exit.then(() => liveProcesses.delete(managed));
    return managed;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** The last few KB the process printed (for error messages). */
  get recentOutput(): string {
    return this.output.trim();
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.exited || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      try {
        this.child.kill(signal);
      } catch {
        // already gone
      }
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    if (this.exited) return;
    this.signalGroup(signal);
    const timer = setTimeout(() => this.signalGroup('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}

const liveProcesses = new Set<ManagedProcess>();

// Last resort if the launcher dies from an error: no detached child may outlive it.
process.once('exit', () => {
  for (const p of liveProcesses) {
    if (p.child.pid !== undefined) {
      try {
        process.kill(-p.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});
