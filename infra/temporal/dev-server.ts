import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { waitFor } from '../net/ports';
import { ManagedProcess } from '../process/managed-process';
import type { TemporalExecutable } from './temporal-cli';

export interface DevServerOptions {
  executable: TemporalExecutable;
  ip: string;
  port: number;
  /** Web UI port; omitted = headless (tests). */
  uiPort?: number;
  /** The remote codec server the Web UI decodes payloads with (the API's `/codec`); omitted = none. */
  uiCodecEndpoint?: string;
  /** SQLite file that keeps workflows across restarts; omitted = in memory (tests). */
  dbFilename?: string;
  namespace: string;
  log: (line: string) => void;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

async function namespaceReady(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1_000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

/** Starts `temporal server start-dev` and waits until its namespace answers. */
export async function startTemporalDevServer(o: DevServerOptions): Promise<RunningDevServer> {
  const address = `${o.ip}:${o.port}`;
  const uiUrl = o.uiPort ? `http://${o.ip}:${o.uiPort}` : undefined;

  if (o.executable.type === 'cached-download') {
    // The SDK downloads the CLI from Temporal's CDN and runs it itself.
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: o.ip,
        port: o.port,
        ui: !!o.uiPort,
        uiPort: o.uiPort,
        dbFilename: o.dbFilename,
        namespace: o.namespace,
        extraArgs: o.uiCodecEndpoint ? ['--ui-codec-endpoint', o.uiCodecEndpoint] : [],
      },
    });
    return { address, uiUrl, stop: () => env.teardown() };
  }

  const args = ['server', 'start-dev', '--ip', o.ip, '--port', String(o.port), '--log-format', 'json', '--log-level', 'warn'];
  args.push(...(o.uiPort ? ['--ui-port', String(o.uiPort), '--ui-ip', o.ip] : ['--headless']));
  if (o.uiPort && o.uiCodecEndpoint) args.push('--ui-codec-endpoint', o.uiCodecEndpoint);
  if (o.dbFilename) {
    mkdirSync(dirname(o.dbFilename), { recursive: true });
    args.push('--db-filename', o.dbFilename);
  }
  if (o.namespace !== 'default') args.push('--namespace', o.namespace);

  const server = ManagedProcess.start('temporal', o.executable.path, args);
  await Promise.race([
    waitFor(`Temporal dev server at ${address}`, () => namespaceReady(address, o.namespace), 60_000),
    server.exit.then(({ code }) => {
      throw new Error(`the Temporal dev server exited (code ${code}) during start:\n${server.recentOutput}`);
    }),
  ]);
  o.log(`Temporal dev server ready on ${address}${o.dbFilename ? ` (data: ${o.dbFilename})` : ' (in memory)'}`);
  return { address, uiUrl, stop: () => server.stop('SIGTERM') };
}
