import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/**
 * Runs `go install <packages>` with GOBIN = `targetDir` (a cache folder), printing a heartbeat every 30 s so that a
 * first build of several minutes does not look hung. `what` names the build in the log lines.
 */
export async function goInstall(go: string, packages: string[], targetDir: string, what: string, log: (line: string) => void): Promise<void> {
  mkdirSync(targetDir, { recursive: true });
  log(`building ${what} with 'go install' into ${targetDir}`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(go, ['install', ...packages], {
      env: { ...process.env, GOBIN: targetDir, GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const heartbeat = setInterval(() => log(`still building ${what} (${Math.round((Date.now() - started) / 1000)} s)…`), 30_000);
    child.on('error', (err) => {
      clearInterval(heartbeat);
      reject(err);
    });
    child.on('close', (code) => {
      clearInterval(heartbeat);
      if (code === 0) resolve();
      else reject(new Error(`go install ${packages.join(' ')} failed (exit ${code}):\n${output}`));
    });
  });
  log(`built ${what} in ${Math.round((Date.now() - started) / 1000)} s`);
}
