/**
 * The image's HEALTHCHECK (Dockerfile): `node dist/infra/docker/healthcheck.js`, run by Docker inside the container.
 *
 * - In a container that runs the API: GET /health/ready on the API's own port. 200 (PostgreSQL, Temporal and a
 *   polling worker) is healthy; anything else, or no answer, is not, and the line printed (kept in `docker inspect`)
 *   names the failing part as the readiness body does.
 * - In a worker's container: healthy while its process runs. A worker has no HTTP port; it exits when it cannot
 *   run, and the API's readiness says whether any worker polls the task queue.
 *
 * Which of the two is decided by the container's processes (Linux /proc), since one image runs both and the
 * HEALTHCHECK cannot see the command the container was started with.
 */
import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAppConfig } from '../../libs/config/src/app-config';

export const READINESS_PATH = '/health/ready';

/** The API's entry point as the image runs it (infra/scripts/dist-layout.js: apiMain). */
export const API_MAIN = 'dist/apps/api/src/main.js';

/** Each process's arguments, read from `/proc/<pid>/cmdline`; processes that end meanwhile are skipped. */
export function commandLines(proc = '/proc'): string[][] {
  const lines: string[][] = [];
  for (const pid of readdirSync(proc).filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(join(proc, pid, 'cmdline'), 'utf8').split('\0').filter(Boolean);
      if (args.length > 0) lines.push(args);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return lines;
}

/** Whether one of the processes runs the API's entry point (by a relative or an absolute path). */
export function runsApi(processes: string[][]): boolean {
  return processes.some((args) => args.some((arg) => arg === API_MAIN || arg.endsWith(`/${API_MAIN}`)));
}

/** The readiness URL of the API in this container: loopback when it listens on every interface. */
export function readinessUrl(config: { HOST: string; PORT: number }): string {
  const host = ['0.0.0.0', '::', '[::]'].includes(config.HOST) ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${config.PORT}${READINESS_PATH}`;
}

export interface Probe {
  healthy: boolean;
  /** The status and the start of the body (the readiness body names parts, never a person), or why no answer came. */
  detail: string;
}

export async function probe(url: string, timeoutMs = 5_000): Promise<Probe> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.text()).slice(0, 500);
    return { healthy: res.status === 200, detail: `${res.status} ${body}` };
  } catch (err) {
    return { healthy: false, detail: `no answer: ${(err as Error).message}` };
  }
}

/** 0 healthy, 1 not (Docker's HEALTHCHECK codes). */
export async function healthcheck(processes: string[][], env: NodeJS.ProcessEnv = process.env): Promise<0 | 1> {
  if (!runsApi(processes)) {
    console.log('no API in this container (a worker, or a one-off command): healthy while it runs');
    return 0;
  }
  const url = readinessUrl(loadAppConfig(env));
  const result = await probe(url);
  console.log(`${url}: ${result.detail}`);
  return result.healthy ? 0 : 1;
}

if (require.main === module) {
  healthcheck(commandLines()).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
