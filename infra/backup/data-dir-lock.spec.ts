import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock, DataDirInUseError, dataDirUsers, LOCK_FILE } from './data-dir-lock';

describe("DATA_DIR's lock and who uses the folder", () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'vardflode-lock-')), 'data');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('is held by one process at a time, naming the holder, and free again once released', () => {
    const release = acquireDataDirLock(dir, 'npm start (the launcher)');
    expect(() => acquireDataDirLock(dir, 'npm run backup')).toThrow(DataDirInUseError);
    expect(() => acquireDataDirLock(dir, 'npm run backup')).toThrow(new RegExp(`${dir} is in use by npm start \\(the launcher\\) \\(pid ${process.pid}, since `));
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    acquireDataDirLock(dir, 'npm run backup')();
  });

  it('takes over a lock whose process is gone, or whose pid now belongs to another process', () => {
    mkdirSync(dir, { recursive: true });
    const gone = spawnSync('true').pid;
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: gone, holder: 'npm start (the launcher)', since: '2026-11-30T08:00:00Z' }));
    acquireDataDirLock(dir, 'npm run backup')();
    // A live pid with another start time: the pid was reused after the holder died (Linux: /proc).
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, startTicks: '1', holder: 'npm start (the launcher)', since: '2026-11-30T08:00:00Z' }));
    acquireDataDirLock(dir, 'npm run backup')();
  });

  it('finds a PostgreSQL whose postmaster.pid is alive, and processes with a file or their working folder inside', async () => {
    mkdirSync(join(dir, 'postgres'), { recursive: true });
    mkdirSync(join(dir, 'temporal'), { recursive: true });
    writeFileSync(join(dir, 'temporal', 'temporal.db'), 'sqlite');
    expect(dataDirUsers(dir)).toEqual([]);

    const postgres = spawn('sleep', ['30'], { cwd: tmpdir() });
    const worker = spawn('sleep', ['30'], { cwd: join(dir, 'temporal') });
    const reader = spawn('tail', ['-f', join(dir, 'temporal', 'temporal.db')], { cwd: tmpdir() });
    try {
      await Promise.all([postgres, worker, reader].map((p) => once(p, 'spawn')));
      writeFileSync(join(dir, 'postgres', 'postmaster.pid'), `${postgres.pid}\n${join(dir, 'postgres')}\n`);
      await new Promise((r) => setTimeout(r, 300)); // tail opens its file
      const users = dataDirUsers(dir).join('\n');
      expect(users).toContain(`PostgreSQL runs on ${join(dir, 'postgres')} (pid ${postgres.pid})`);
      if (existsSync('/proc')) {
        expect(users).toContain(`a process works in ${dir} (pid ${worker.pid}: sleep 30)`);
        expect(users).toContain(`a process has a file open in ${dir} (pid ${reader.pid}: tail -f`);
      }
    } finally {
      for (const p of [postgres, worker, reader]) p.kill('SIGKILL');
      await Promise.all([postgres, worker, reader].map((p) => (p.exitCode === null && p.signalCode === null ? once(p, 'exit') : undefined)));
    }
    expect(dataDirUsers(dir)).toEqual([]); // postmaster.pid left behind by a dead PostgreSQL does not count
  });
});
