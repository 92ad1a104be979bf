import cluster, { Worker } from 'node:cluster';

/**
 * The small primary of API_REPLICAS > 1: it forks the API processes, which all listen on the one PORT (Node's
 * cluster module hands the connections round-robin to them), and loads no application itself.
 *
 * - SIGTERM/SIGINT (to the primary alone, or to the whole group as the launcher sends it: Nest ignores a second
 *   signal while it shuts down) or the launcher going away: every replica
 *   finishes its requests and closes (Nest's shutdown hooks), then the primary exits.
 * - A replica that dies on its own is forked again, unless it died within seconds of its start (a replica that
 *   cannot start would only loop): then the primary stops the others and exits non-zero, so the launcher stops.
 */
export function runApiPrimary(
  replicas: number,
  {
    log = (line: string) => console.log(`[api] ${line}`),
    minUptimeMs = 10_000,
  }: { log?: (line: string) => void; /** A replica that dies sooner than this after its start is not forked again. */ minUptimeMs?: number } = {},
): void {
  const startedAt = new Map<Worker, number>();
  let stopping = false;

  const fork = () => startedAt.set(cluster.fork(), Date.now());

  const stopAll = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    if (alive.length === 0) process.exit(exitCode);
    let left = alive.length;
    for (const w of alive) {
      w.once('exit', () => {
        if (--left === 0) process.exit(exitCode);
      });
      w.process.kill('SIGTERM');
    }
    setTimeout(() => alive.forEach((w) => w.process.kill('SIGKILL')), 25_000).unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) return;
    if (uptime < minUptimeMs) {
      log(`API process ${worker.process.pid} exited ${uptime} ms after its start (code ${code}, signal ${signal}): stopping`);
      stopAll(1);
      return;
    }
    log(`API process ${worker.process.pid} exited (code ${code}, signal ${signal}): starting another`);
    fork();
  });

  process.on('SIGTERM', () => stopAll(0));
  process.on('SIGINT', () => stopAll(0));
  // The launcher dying (its IPC channel closing) must not leave the API behind.
  process.on('disconnect', () => stopAll(0));

  for (let i = 0; i < replicas; i++) fork();
  log(`primary ${process.pid}: ${replicas} API processes on one port`);
}
