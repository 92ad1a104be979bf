/**
 * Temporal's own server on PostgreSQL, as a cluster: the four services (frontend, history, matching, worker) run
 * as separate processes from one generated config file, with Temporal's Web UI pointed at the frontend.
 *
 * The server, its SQL schema tool and the UI server are built once with `go install` into the user's cache (like
 * the CLI in temporal-cli.ts); the PostgreSQL schemas come from the server's Go module. Every service binds to
 * 127.0.0.1 only, and a small watchdog process stops them all if the process that started them dies.
 */
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePortInRange, waitFor } from '../net/ports';
import { ensureDatabase } from '../postgres/embedded-postgres';
import { isExecutable, onPath, userCacheDir } from '../process/executables';
import { goInstall } from '../process/go-install';
import { ManagedProcess } from '../process/managed-process';

/** The server version that the Temporal CLI (temporal-cli.ts) embeds: the same code, run as a real cluster. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
/** The UI server version that CLI v1.5.1 embeds (its Go module carries the built web assets). */
export const TEMPORAL_UI_VERSION = 'v2.42.1';

const SERVER_MODULE = 'go.temporal.io/server';
const SERVER_PACKAGES = [`${SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`, `${SERVER_MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`];
const UI_PACKAGE = `github.com/temporalio/ui-server/v2/cmd/server@${TEMPORAL_UI_VERSION}`;

/** Databases of the cluster on the given PostgreSQL server. */
export const TEMPORAL_DATABASES = { default: 'temporal', visibility: 'temporal_visibility' } as const;
/** How long closed workflows stay visible in a namespace this module registers. */
const NAMESPACE_RETENTION = '30 days';
const SERVICE_NAMES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalServiceName = (typeof SERVICE_NAMES)[number];

export interface TemporalClusterOptions {
  /** Config file, logs (`<dataDir>/logs/<service>.log`). */
  dataDir: string;
  /** An admin URL of a PostgreSQL server (postgres://user:pw@host:port/postgres); databases `temporal` and
   *  `temporal_visibility` are created there if missing, and their schemas set up/updated (idempotent). */
  postgresAdminUrl: string;
  /** gRPC frontend (TEMPORAL_ADDRESS = 127.0.0.1:<frontendPort>). */
  frontendPort: number;
  /** Temporal Web UI pointed at the frontend: the ui-server Go module built with `go install` (needs Go). If it
   *  cannot be built, the cluster runs without it and `uiUrl` is undefined. */
  uiPort?: number;
  uiCodecEndpoint?: string;
  /** Registered if missing. */
  namespace: string;
  /** Default 4. Fixed when the databases are first set up: a later value is ignored by Temporal. */
  historyShards?: number;
  log: (line: string) => void;
}

export interface TemporalService {
  /** The running process's pid (a new one after `restart`). */
  readonly pid: number;
  /** Stops the process if it still runs (SIGTERM, then SIGKILL), starts it again and waits until it listens. */
  restart(): Promise<void>;
  /** Sends `signal` (default SIGKILL, as `kill -9`) to the process, for fault scripts. */
  kill(signal?: NodeJS.Signals): void;
}

export interface RunningTemporalCluster {
  address: string;
  uiUrl?: string;
  /** name → pid of each service process: frontend, history, matching, worker (for fault scripts). */
  services: Record<TemporalServiceName, TemporalService>;
  stop(): Promise<void>;
}

export interface TemporalServerBuild {
  server: string;
  sqlTool: string;
  /** The server module's `schema/postgresql/v12` folder (for the postgres12 plugin). */
  schemaDir: string;
}

const execFileAsync = promisify(execFile);

function exe(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}

function findGo(): string {
  const go = onPath('go');
  if (!go || spawnSync(go, ['version']).status !== 0) {
    throw new Error(`Temporal's server ${TEMPORAL_SERVER_VERSION} is built with Go, and no 'go' was found on PATH: install Go (1.24 or newer)`);
  }
  return go;
}

/** The server module's folder in Go's module cache (downloaded if missing), where its SQL schemas are. */
async function serverModuleDir(go: string): Promise<string> {
  const { stdout } = await execFileAsync(go, ['mod', 'download', '-json', `${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`], {
    env: { ...process.env, GOFLAGS: '-mod=mod' },
    maxBuffer: 1 << 20,
  });
  const dir = (JSON.parse(stdout) as { Dir?: string; Error?: string }).Dir;
  if (!dir) throw new Error(`go mod download ${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION} named no folder:\n${stdout}`);
  return dir;
}

/**
 * Temporal's server and SQL tool at TEMPORAL_SERVER_VERSION: the cached build in the user's cache folder, else built
 * there with `go install` (about 100 s when the CLI's modules are cached). Needs Go.
 */
export async function resolveTemporalServer(log: (line: string) => void): Promise<TemporalServerBuild> {
  const go = findGo();
  const cacheDir = userCacheDir('temporal-server', TEMPORAL_SERVER_VERSION);
  const server = join(cacheDir, exe('server'));
  const sqlTool = join(cacheDir, exe('sql'));
  if (isExecutable(server) && isExecutable(sqlTool)) log(`using the cached Temporal server build: ${cacheDir}`);
  else {
    log('the first build compiles the Temporal server: from 100 s to several minutes (cached afterwards)');
    await goInstall(go, SERVER_PACKAGES, cacheDir, `Temporal's server and SQL tool ${TEMPORAL_SERVER_VERSION}`, log);
  }
  const schemaDir = join(await serverModuleDir(go), 'schema', 'postgresql', 'v12');
  if (!existsSync(join(schemaDir, 'temporal', 'versioned'))) throw new Error(`no PostgreSQL schema in ${schemaDir}`);
  return { server, sqlTool, schemaDir };
}

/** Temporal's UI server (its module embeds the web assets), or undefined with a logged reason when it cannot be built. */
async function resolveTemporalUi(log: (line: string) => void): Promise<string | undefined> {
  const cacheDir = userCacheDir('temporal-ui-server', TEMPORAL_UI_VERSION);
  const binary = join(cacheDir, exe('server'));
  if (isExecutable(binary)) return binary;
  try {
    await goInstall(findGo(), [UI_PACKAGE], cacheDir, `Temporal's Web UI server ${TEMPORAL_UI_VERSION}`, log);
    return binary;
  } catch (err) {
    log(`the Temporal Web UI could not be built, running without it: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  adminUrl: string;
}

function parsePostgresUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('Configuration error: postgresAdminUrl is not a URL (postgres://user:password@host:port/postgres)');
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('Configuration error: postgresAdminUrl must be a postgres:// URL');
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    adminUrl: url,
  };
}

function databaseUrl(pg: PostgresTarget, database: string): string {
  const url = new URL(pg.adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function hasSchemaVersion(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query(`SELECT to_regclass('public.schema_version') IS NOT NULL AS present`);
    return found.rows[0]?.present === true;
  } finally {
    await client.end();
  }
}

/** Creates the two databases if missing, sets up their schemas on first use and applies newer versions (idempotent). */
async function setUpSchemas(build: TemporalServerBuild, pg: PostgresTarget, log: (line: string) => void): Promise<void> {
  for (const [kind, database] of Object.entries(TEMPORAL_DATABASES)) {
    await ensureDatabase(pg.adminUrl, database);
    const dir = join(build.schemaDir, kind === 'default' ? 'temporal' : 'visibility', 'versioned');
    const common = ['--plugin', 'postgres12', '--endpoint', pg.host, '--port', String(pg.port), '--user', pg.user, '--database', database];
    // The password goes through the environment, not the command line that `ps` shows.
    const run = async (args: string[]) => {
      try {
        await execFileAsync(build.sqlTool, [...common, ...args], { env: { ...process.env, SQL_PASSWORD: pg.password }, maxBuffer: 4 << 20 });
      } catch (err) {
        const e = err as { stderr?: string; stdout?: string; message: string };
        throw new Error(`Temporal's SQL tool failed on ${database} (${args[0]}): ${(e.stderr || e.stdout || e.message).trim().slice(-2000)}`, {
          cause: err,
        });
      }
    };
    if (!(await hasSchemaVersion(databaseUrl(pg, database)))) {
      log(`setting up Temporal's ${kind} schema in database ${database}`);
      await run(['setup-schema', '--version', '0.0']);
    }
    await run(['update-schema', '--schema-dir', dir]);
  }
}

/**
 * Forgets the membership rows of this machine's hosts that no longer listen (a stopped or killed run): the services
 * read hosts that heartbeated in the last 20 s as the ring to join, and wait for dead ones up to maxJoinDuration.
 */
async function forgetDeadMembers(pg: PostgresTarget): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(pg, TEMPORAL_DATABASES.default) });
  await client.connect();
  try {
    const members = await client.query<{ rpc_port: number }>(
      `SELECT DISTINCT rpc_port FROM cluster_membership WHERE rpc_address = '127.0.0.1'`,
    );
    for (const { rpc_port: port } of members.rows) {
      if (!(await listening(port))) {
        await client.query(`DELETE FROM cluster_membership WHERE rpc_address = '127.0.0.1' AND rpc_port = $1`, [port]);
      }
    }
  } finally {
    await client.end();
  }
}

interface ServicePorts {
  grpcPort: number;
  membershipPort: number;
}

/** The server's config: valid YAML written as JSON (a subset of YAML), so every value is quoted safely. */
function serverConfig(o: {
  pg: PostgresTarget;
  historyShards: number;
  ports: Record<TemporalServiceName, ServicePorts>;
  frontendPort: number;
}): string {
  const datastore = (database: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `${o.pg.host.includes(':') ? `[${o.pg.host}]` : o.pg.host}:${o.pg.port}`,
      connectProtocol: 'tcp',
      user: o.pg.user,
      password: o.pg.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const services = Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, { rpc: { ...o.ports[name], bindOnLocalHost: true } }]),
  );
  const config = {
    log: { stdout: true, level: 'warn', format: 'json' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: o.historyShards,
      datastores: {
        'postgres-default': datastore(TEMPORAL_DATABASES.default, 20),
        'postgres-visibility': datastore(TEMPORAL_DATABASES.visibility, 10),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services,
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${o.frontendPort}` },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
  };
  return `# Generated by infra/temporal/temporal-cluster.ts at each start: edits are overwritten.\n${JSON.stringify(config, null, 2)}\n`;
}

function uiConfig(o: { frontendAddress: string; uiPort: number; namespace: string; codecEndpoint?: string }): string {
  const config = {
    temporalGrpcAddress: o.frontendAddress,
    host: '127.0.0.1',
    port: o.uiPort,
    enableUi: true,
    defaultNamespace: o.namespace,
    notifyOnNewVersion: false,
    hideLogs: true,
    cors: { cookieInsecure: true, unsafeAllowAllOrigins: false, allowOrigins: [] as string[] },
    codec: { endpoint: o.codecEndpoint ?? '', passAccessToken: false, includeCredentials: false },
  };
  return `# Generated by infra/temporal/temporal-cluster.ts at each start: edits are overwritten.\n${JSON.stringify(config, null, 2)}\n`;
}

/** True when something accepts a TCP connection on 127.0.0.1:`port` within a second. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function tail(file: string, chars = 3000): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.slice(-chars).trim();
  } catch {
    return '';
  }
}

/**
 * A watchdog with an IPC channel to this process: when the channel closes without a clean stop (this process was
 * killed), it stops every service process it was told of (SIGTERM, then SIGKILL after 10 s).
 */
const WATCHDOG_SOURCE = `
const pids = new Set();
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const signal = (pid, sig) => { try { process.kill(-pid, sig); } catch { try { process.kill(pid, sig); } catch {} } };
process.on('message', (m) => { if (m && m.stop) process.exit(0); if (m && typeof m.pid === 'number') pids.add(m.pid); });
process.on('disconnect', () => {
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + 10000;
  setInterval(() => {
    const left = [...pids].filter(alive);
    if (left.length === 0 || Date.now() > deadline) { for (const pid of left) signal(pid, 'SIGKILL'); process.exit(0); }
  }, 200);
});
`;

function startWatchdog(): ChildProcess {
  const child = spawn(process.execPath, ['-e', WATCHDOG_SOURCE], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], detached: true });
  child.unref();
  (child.channel as { unref?: () => void } | undefined)?.unref?.();
  return child;
}

async function frontendServing(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1_000 });
  try {
    const { status } = await connection.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' });
    if (status !== 1 /* SERVING */) return false;
    await connection.workflowService.getSystemInfo({});
    return true;
  } finally {
    await connection.close();
  }
}

/**
 * True when the frontend reaches a history and a matching host for `namespace`: the frontend answers before the
 * membership ring holds them (and, after a restart, while the ring still lists the previous run's hosts).
 */
async function clusterServing(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1_000 });
  try {
    const probe = `vardflode-readiness-probe-${Date.now()}`;
    const history = await connection.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId: probe } }).then(
      () => true,
      (err: { code?: number }) => err.code === 5 /* NOT_FOUND: a history host looked */,
    );
    if (!history) return false;
    await connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name: probe } });
    return true;
  } finally {
    await connection.close();
  }
}

/** Registers `namespace` unless it exists, then waits until the frontend serves it. */
async function ensureNamespace(address: string, namespace: string, log: (line: string) => void): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const exists = await connection.workflowService.describeNamespace({ namespace }).then(
      () => true,
      () => false,
    );
    if (!exists) {
      log(`registering the Temporal namespace ${namespace}`);
      await connection.workflowService
        .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(NAMESPACE_RETENTION) })
        .catch((err: { code?: number }) => {
          if (err.code !== 6 /* ALREADY_EXISTS: another process registered it meanwhile */) throw err;
        });
    }
    await waitFor(
      `Temporal namespace ${namespace}`,
      () => connection.workflowService.describeNamespace({ namespace }).then(() => true),
      60_000,
    );
    await waitFor(`Temporal's history and matching services for ${namespace}`, () => clusterServing(address, namespace), 90_000, 500);
  } finally {
    await connection.close();
  }
}

/**
 * Builds (or reuses) the server, sets up the schemas, writes `<dataDir>/config/cluster.yaml`, starts the four
 * services as separate processes (and the Web UI when `uiPort` is given), and waits until the frontend serves
 * `namespace`.
 */
export async function startTemporalCluster(o: TemporalClusterOptions): Promise<RunningTemporalCluster> {
  const log = o.log;
  const dataDir = resolve(o.dataDir);
  const pg = parsePostgresUrl(o.postgresAdminUrl);
  const build = await resolveTemporalServer(log);
  await setUpSchemas(build, pg, log);

  // Temporal stores membership ports in a SMALLINT: below 32768, so under Linux's ephemeral range too.
  const taken = new Set<number>([o.frontendPort, ...(o.uiPort ? [o.uiPort] : [])]);
  const pick = async () => {
    const port = await freePortInRange(20_000, 32_767, taken);
    taken.add(port);
    return port;
  };
  const ports = {} as Record<TemporalServiceName, ServicePorts>;
  for (const name of SERVICE_NAMES) {
    ports[name] = { grpcPort: name === 'frontend' ? o.frontendPort : await pick(), membershipPort: await pick() };
  }
  const configDir = join(dataDir, 'config');
  const logDir = join(dataDir, 'logs');
  mkdirSync(configDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  writeFileSync(
    join(configDir, 'cluster.yaml'),
    serverConfig({ pg, historyShards: o.historyShards ?? 4, ports, frontendPort: o.frontendPort }),
    { mode: 0o600 }, // it holds the database password
  );

  const address = `127.0.0.1:${o.frontendPort}`;
  const watchdog = startWatchdog();
  const processes = new Map<string, ManagedProcess>();
  let stopping = false;

  const launch = (name: string, command: string, args: string[], logFile: string): ManagedProcess => {
    const fd = openSync(logFile, 'a');
    try {
      const child = ManagedProcess.start(name, command, args, { cwd: dataDir, stdio: ['ignore', fd, fd] });
      processes.set(name, child);
      if (child.child.pid !== undefined) watchdog.send({ pid: child.child.pid });
      void child.exit.then(({ code, signal }) => {
        if (!stopping && processes.get(name) === child) log(`Temporal ${name} exited (${signal ?? `code ${code}`}); log: ${logFile}`);
      });
      return child;
    } finally {
      closeSync(fd);
    }
  };

  const startService = async (name: TemporalServiceName): Promise<void> => {
    const logFile = join(logDir, `${name}.log`);
    const offset = existsSync(logFile) ? statSync(logFile).size : 0;
    const child = launch(name, build.server, ['--root', dataDir, '--config', 'config', '--env', 'cluster', '--allow-no-auth', 'start', '--service', name], logFile);
    await Promise.race([
      waitFor(`Temporal ${name} on membership port ${ports[name].membershipPort}`, () => listening(ports[name].membershipPort), 60_000),
      child.exit.then(({ code, signal }) => {
        const output = readFileSync(logFile, 'utf8').slice(offset).slice(-3000).trim();
        throw new Error(`Temporal ${name} exited (${signal ?? `code ${code}`}) during start:\n${output}`);
      }),
    ]);
  };

  const stopService = async (name: string): Promise<void> => {
    await processes.get(name)?.stop('SIGTERM', 10_000);
  };

  const stop = async (): Promise<void> => {
    stopping = true;
    await stopService('ui');
    // The frontend first, so no new request arrives while the others drain.
    await stopService('frontend');
    await Promise.all(['worker', 'matching', 'history'].map(stopService));
    if (watchdog.connected) watchdog.send({ stop: true });
    watchdog.kill('SIGKILL');
  };

  let uiUrl: string | undefined;
  try {
    log(`starting Temporal ${TEMPORAL_SERVER_VERSION}'s four services on 127.0.0.1 (frontend ${address}; logs in ${logDir})`);
    // Each service writes the cluster's metadata at start when the config changed it (a new frontend port):
    // concurrent writers fail on a version mismatch, so one goes first and the rest follow together.
    await forgetDeadMembers(pg);
    await startService('history');
    await Promise.all(SERVICE_NAMES.filter((name) => name !== 'history').map(startService));
    await Promise.race([
      waitFor(`Temporal frontend at ${address}`, () => frontendServing(address), 90_000, 500),
      processes.get('frontend')!.exit.then(() => {
        throw new Error(`Temporal frontend exited during start:\n${tail(join(logDir, 'frontend.log'))}`);
      }),
    ]);
    await ensureNamespace(address, o.namespace, log);

    if (o.uiPort) {
      const ui = await resolveTemporalUi(log);
      if (ui) {
        const uiConfigDir = join(dataDir, 'ui-config');
        mkdirSync(uiConfigDir, { recursive: true });
        writeFileSync(join(uiConfigDir, 'cluster.yaml'), uiConfig({ frontendAddress: address, uiPort: o.uiPort, namespace: o.namespace, codecEndpoint: o.uiCodecEndpoint }));
        const uiLog = join(logDir, 'ui.log');
        const child = launch('ui', ui, ['--root', dataDir, '--config', 'ui-config', '--env', 'cluster', 'start'], uiLog);
        const uiPort = o.uiPort;
        await Promise.race([
          waitFor(`Temporal Web UI on port ${uiPort}`, () => listening(uiPort), 30_000),
          child.exit.then(() => {
            throw new Error(`the Temporal Web UI exited during start:\n${tail(uiLog)}`);
          }),
        ]);
        uiUrl = `http://127.0.0.1:${uiPort}`;
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  log(`Temporal cluster ready on ${address}${uiUrl ? `, Web UI ${uiUrl}` : ''}`);

  const service = (name: TemporalServiceName): TemporalService => ({
    get pid() {
      return processes.get(name)?.child.pid ?? -1;
    },
    async restart() {
      log(`restarting Temporal ${name}`);
      await stopService(name);
      await forgetDeadMembers(pg);
      await startService(name);
      await waitFor(`Temporal ${name} back in the cluster`, () => clusterServing(address, o.namespace), 90_000, 500);
    },
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      const pid = processes.get(name)?.child.pid;
      if (pid !== undefined && processes.get(name)?.running) process.kill(pid, signal);
    },
  });

  return {
    address,
    uiUrl,
    services: { frontend: service('frontend'), history: service('history'), matching: service('matching'), worker: service('worker') },
    stop,
  };
}
