/**
 * Who uses a DATA_DIR. The launcher (`npm start`) and `npm run backup`/`restore` hold a lock file in it for as long as
 * they run, so that a backup never copies the folder under a running stack and a stack never starts on a folder being
 * restored. The lock names its holder's pid and (on Linux) the process's start time, so a lock left by a killed
 * process is recognised as stale even after its pid was reused.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

export const LOCK_FILE = 'vardflode.lock';

interface LockContent {
  pid: number;
  /** /proc/<pid>/stat's start time (clock ticks since boot), Linux only. */
  startTicks?: string;
  holder: string;
  since: string;
}

function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockHolder(path: string): LockContent | undefined {
  let lock: LockContent;
  try {
    lock = JSON.parse(readFileSync(path, 'utf8')) as LockContent;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
  if (!Number.isInteger(lock.pid) || !pidAlive(lock.pid)) return undefined;
  if (lock.startTicks && existsSync('/proc') && startTicks(lock.pid) !== lock.startTicks) return undefined; // pid reused
  return lock;
}

export class DataDirInUseError extends Error {}

/**
 * Takes DATA_DIR's lock for this process (creating the folder if needed), or throws DataDirInUseError naming the
 * holder. Returns the release, which removes the lock file wherever the folder has been renamed to meanwhile.
 */
export function acquireDataDirLock(dataDir: string, holder: string): (where?: string) => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const content: LockContent = { pid: process.pid, startTicks: startTicks(process.pid), holder, since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(content), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const other = lockHolder(path);
      if (other) throw new DataDirInUseError(`${dataDir} is in use by ${other.holder} (pid ${other.pid}, since ${other.since})`);
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  let released = false;
  return (where = dataDir) => {
    if (released) return;
    released = true;
    rmSync(join(where, LOCK_FILE), { force: true });
  };
}

/**
 * Reasons to believe that something other than this process still uses `dataDir`: a PostgreSQL whose postmaster.pid
 * names a live process, or (Linux) a process with a file or its working directory under the folder (the Temporal dev
 * server's SQLite file, the cluster's services). Empty when the folder is at rest.
 */
export function dataDirUsers(dataDir: string): string[] {
  const root = resolve(dataDir);
  const reasons: string[] = [];
  const postmaster = join(root, 'postgres', 'postmaster.pid');
  let postgresPid: number | undefined;
  if (existsSync(postmaster)) {
    const pid = Number(readFileSync(postmaster, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && pidAlive(pid)) {
      postgresPid = pid;
      reasons.push(`PostgreSQL runs on ${join(root, 'postgres')} (pid ${pid})`);
    }
  }
  if (!existsSync('/proc')) return reasons;
  const parentOf = (pid: string) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return undefined;
    }
  };
  let more = 0;
  const inside = (p: string) => p === root || p.startsWith(root + sep);
  for (const name of readdirSync('/proc')) {
    // PostgreSQL's own processes are said once, by its postmaster.pid.
    if (!/^\d+$/.test(name) || Number(name) === process.pid || Number(name) === postgresPid || (postgresPid && parentOf(name) === postgresPid)) continue;
    const uses = (() => {
      try {
        if (inside(readlinkSync(`/proc/${name}/cwd`))) return 'works in';
        for (const fd of readdirSync(`/proc/${name}/fd`)) {
          try {
            const target = readlinkSync(`/proc/${name}/fd/${fd}`);
            if (inside(target) && !target.endsWith(LOCK_FILE)) return 'has a file open in';
          } catch {
            // closed meanwhile
          }
        }
      } catch {
        // gone, or another user's process
      }
      return undefined;
    })();
    if (uses) {
      const cmd = (() => {
        try {
          return readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(0, 3).join(' ');
        } catch {
          return '?';
        }
      })();
      if (reasons.length < 4) reasons.push(`a process ${uses} ${root} (pid ${name}: ${cmd.slice(0, 120)})`);
      else more++;
    }
  }
  return more ? [...reasons, `${more} more process${more === 1 ? '' : 'es'}`] : reasons;
}
