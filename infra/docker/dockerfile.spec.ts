/**
 * The Dockerfile without Docker: its syntax, its two stages, and every path it (and its entry point) copies or runs
 * held to what the build writes. The build's layout is infra/scripts/dist-layout.js; tsc's own mapping of each entry
 * point's source (tsconfig.build.json) and the compiled code's lookups of the web app and the workflow bundle are held
 * to that layout in turn. `npm run docker:build` builds the image itself where Docker runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, posix, relative, resolve } from 'node:path';
import ignore from '@balena/dockerignore';
import { DockerfileParser, Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import * as ts from 'typescript';
import { DEFAULT_WEB_DIR } from '../../apps/api/src/common/web-app';
import { HealthController } from '../../apps/api/src/health/health.controller';
import { PREBUILT_WORKFLOW_BUNDLE } from '../../apps/worker/src/case-worker';
import { API_MAIN, commandLines, healthcheck, READINESS_PATH, readinessUrl, runsApi } from './healthcheck';

type Layout = Record<'dist' | 'web' | 'workflowBundle' | 'apiMain' | 'workerMain' | 'healthcheck', string>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DIST_LAYOUT, inRepo } = require('../scripts/dist-layout.js') as { DIST_LAYOUT: Layout; inRepo(path: string): string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { outDir: webOutDir } = require('../scripts/web.js') as { outDir: string };

const root = resolve(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const dockerfileText = read('Dockerfile');
const dockerfile = DockerfileParser.parse(dockerfileText);
const entrypointText = read('infra/docker/entrypoint.sh');
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

/** The Dockerfile's stages: each FROM and the instructions after it. */
function stages(): { name: string | null; instructions: Instruction[] }[] {
  const result: { name: string | null; instructions: Instruction[] }[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const stage = /\bAS\s+(\S+)/i.exec(instruction.getArgumentsContent() ?? '');
      result.push({ name: stage ? stage[1] : null, instructions: [] });
    } else if (result.length > 0) {
      result[result.length - 1].instructions.push(instruction);
    }
  }
  return result;
}
const of = (instructions: Instruction[], keyword: string) => instructions.filter((i) => i.getKeyword() === keyword);
/** An instruction's arguments, without its flags (--from=…, --interval=…). */
const args = (instruction: Instruction) => instruction.getArguments().map((a) => a.getValue());
/** The stage a COPY copies from (--from=<stage>), if any. */
const copiesFrom = (copy: Instruction) => (copy as ModifiableInstruction).getFlags().find((f) => f.getName() === 'from')?.getValue() ?? undefined;
/** An exec-form instruction's strings (CMD ["node", "x.js"] → node, x.js). */
const execForm = (instruction: Instruction) => JSON.parse((instruction.getArgumentsContent() ?? '').replace(/^CMD\s+/, '')) as string[];

const tsconfigBuild = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
})!;

/** The source whose compiled output a dist/ path is, when tsc (tsconfig.build.json) emits it there. */
function compiledFrom(distPath: string): string | undefined {
  const source = distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts');
  if (!existsSync(join(root, source))) return undefined;
  const outputs = ts.getOutputFileNames(tsconfigBuild, join(root, source), false);
  return outputs.includes(inRepo(distPath)) ? source : undefined;
}

/** Files reachable from `roots` by relative imports (what tsc and Vite read besides node_modules). */
function withRelativeImports(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = roots.map((f) => resolve(f));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(tsx?|js)$/.test(file)) continue;
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const base = resolve(dirname(file), fileName);
      const found = ['', '.ts', '.tsx', '.js', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((f) => existsSync(f) && /\.\w+$/.test(f));
      if (found) queue.push(found);
    }
  }
  return seen;
}

describe('the Dockerfile', () => {
  it('is a valid Dockerfile', () => {
    const errors = validate(dockerfileText).filter((d) => d.severity === 1);
    expect(errors.map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('builds in one stage (npm ci, npm run build) and runs in another from production dependencies and the build’s dist/', () => {
    const [build, runtime, ...more] = stages();
    expect(more).toEqual([]);
    expect(build.name).toBe('build');
    const buildRuns = of(build.instructions, 'RUN').map((i) => i.getArgumentsContent());
    expect(buildRuns).toEqual([expect.stringMatching(/^npm ci\b/), 'npm run build']);
    expect(packageJson.scripts.build).toBe('node infra/scripts/build.js');

    const runtimeRuns = of(runtime.instructions, 'RUN').map((i) => i.getArgumentsContent());
    expect(runtimeRuns).toEqual([expect.stringMatching(/^npm ci --omit=dev\b/)]);
    // What the build stage wrote under its WORKDIR lands at the runtime stage's WORKDIR, where the commands run.
    const buildDir = args(of(build.instructions, 'WORKDIR')[0])[0];
    const runtimeDir = args(of(runtime.instructions, 'WORKDIR')[0])[0];
    const fromBuild = of(runtime.instructions, 'COPY').filter((c) => copiesFrom(c) !== undefined);
    expect(fromBuild.map(copiesFrom)).toEqual([build.name]);
    expect(fromBuild.map(args)).toEqual([
      [posix.join(buildDir, DIST_LAYOUT.dist), `./${DIST_LAYOUT.dist}`],
    ]);
    expect(runtimeDir).toBe(buildDir);
  });

  it('copies from the build context only files that exist', () => {
    for (const stage of stages()) {
      for (const copy of of(stage.instructions, 'COPY').filter((c) => copiesFrom(c) === undefined)) {
        const sources = args(copy).slice(0, -1);
        for (const source of sources.filter((s) => s !== '.')) expect([source, existsSync(join(root, source))]).toEqual([source, true]);
      }
    }
  });

  it('runs as an unprivileged user, the API on 0.0.0.0:PORT in production mode', () => {
    const runtime = stages()[1];
    const users = of(runtime.instructions, 'USER').map((u) => args(u)[0]);
    expect(users).toHaveLength(1);
    expect(['root', '0']).not.toContain(users[0].split(':')[0]);
    const env = of(runtime.instructions, 'ENV').flatMap(args).join(' ');
    expect(env).toContain('NODE_ENV=production');
    expect(env).toContain('HOST=0.0.0.0');
    const port = /PORT=(\d+)/.exec(env)![1];
    expect(of(runtime.instructions, 'EXPOSE').flatMap(args)).toEqual([port]);
  });

  it('checks health with the compiled healthcheck, which asks the API’s readiness route', () => {
    const healthchecks = dockerfile.getHEALTHCHECKs();
    expect(healthchecks).toHaveLength(1);
    const command = /\bCMD\s+(\[.*\])\s*$/s.exec(healthchecks[0].getArgumentsContent() ?? '')![1];
    expect(JSON.parse(command)).toEqual(['node', DIST_LAYOUT.healthcheck]);
    // The route is the health controller's: @Controller('health') and @Get('ready').
    const route = `/${Reflect.getMetadata('path', HealthController)}/${Reflect.getMetadata('path', HealthController.prototype.ready)}`;
    expect(READINESS_PATH).toBe(route);
    expect(API_MAIN).toBe(DIST_LAYOUT.apiMain);
  });

  it('starts through the entry point it copies into the image: `api` by default, `worker`, or a command as given', () => {
    const [entrypoint] = dockerfile.getENTRYPOINTs();
    const script = execForm(entrypoint).find((a) => a.endsWith('entrypoint.sh'))!;
    const runtime = stages()[1];
    const copied = of(runtime.instructions, 'COPY').filter((c) => copiesFrom(c) === undefined).map(args);
    const runtimeDir = args(of(runtime.instructions, 'WORKDIR')[0])[0];
    expect(copied).toContainEqual(['infra/docker/entrypoint.sh', `./${posix.relative(runtimeDir, script)}`]);
    expect(execForm(dockerfile.getCMDs()[0])).toEqual(['api']);

    const commandOf = (name: string) => new RegExp(`^\\s*${name}\\)\\s*shift;\\s*exec node (\\S+) "\\$@"`, 'm').exec(entrypointText)?.[1];
    expect(commandOf('api')).toBe(DIST_LAYOUT.apiMain);
    expect(commandOf('worker')).toBe(DIST_LAYOUT.workerMain);
    // The same files `npm run start:api` and `npm run start:worker` run.
    expect(packageJson.scripts['start:api']).toBe(`node ${DIST_LAYOUT.apiMain}`);
    expect(packageJson.scripts['start:worker']).toBe(`node ${DIST_LAYOUT.workerMain}`);
  });
});

describe('the build’s layout (infra/scripts/dist-layout.js)', () => {
  it('names tsc’s output of each entry point’s source (tsconfig.build.json)', () => {
    expect(compiledFrom(DIST_LAYOUT.apiMain)).toBe('apps/api/src/main.ts');
    expect(compiledFrom(DIST_LAYOUT.workerMain)).toBe('apps/worker/src/main.ts');
    expect(compiledFrom(DIST_LAYOUT.healthcheck)).toBe('infra/docker/healthcheck.ts');
    expect(tsconfigBuild.fileNames).toEqual(expect.arrayContaining(['apps/api/src/main.ts', 'apps/worker/src/main.ts', 'infra/docker/healthcheck.ts'].map((f) => join(root, f))));
  });

  it('is where the build writes the web app and the workflow bundle, and where the compiled code looks for them', () => {
    expect(webOutDir).toBe(inRepo(DIST_LAYOUT.web));
    expect(read('infra/scripts/build.js')).toContain('writeFileSync(inRepo(DIST_LAYOUT.workflowBundle), code)');
    // Code compiled to dist/<its path> finds, from there, dist/<what it finds from its source>.
    const fromDist = (found: string) => posix.join(DIST_LAYOUT.dist, relative(root, found).split('\\').join('/'));
    expect(fromDist(DEFAULT_WEB_DIR)).toBe(DIST_LAYOUT.web);
    expect(fromDist(PREBUILT_WORKFLOW_BUNDLE)).toBe(DIST_LAYOUT.workflowBundle);
  });

  it('holds every dist/ path that the Dockerfile and its entry point name', () => {
    const known = new Set(Object.values(DIST_LAYOUT));
    const named = [...`${dockerfileText}\n${entrypointText}`.matchAll(/(?<![\w/])dist\/[\w./-]*\w/g)].map((m) => m[0]);
    expect(named.length).toBeGreaterThan(5);
    for (const path of new Set(named)) {
      // A path outside the layout (an example in a comment) must still be something the build emits.
      expect([path, known.has(path) || compiledFrom(path) !== undefined]).toEqual([path, true]);
    }
  });
});

describe('.dockerignore', () => {
  const ignored = ignore().add(read('.dockerignore'));

  it('leaves out local state, installed modules, old builds and secrets', () => {
    for (const path of ['node_modules/jest/package.json', 'dist/apps/api/src/main.js', '.data/postgres/PG_VERSION', '.git/HEAD', '.env']) {
      expect([path, ignored.ignores(path)]).toEqual([path, true]);
    }
  });

  it('keeps every file the build reads', () => {
    const webConfig = ts.getParsedCommandLineOfConfigFile(join(root, 'apps/web/tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const read = withRelativeImports([
      ...tsconfigBuild.fileNames,
      ...webConfig.fileNames,
      ...['infra/scripts/build.js', 'infra/scripts/web.js'].map((f) => join(root, f)),
    ]);
    const needed = [
      'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'apps/web/tsconfig.json', 'apps/web/index.html',
      'infra/docker/entrypoint.sh',
      ...[...read].map((f) => relative(root, f).split('\\').join('/')),
    ];
    // infra/web/screenshots.ts imports test/ support code, so test/ is part of the build's input.
    expect(needed.some((f) => f.startsWith('test/'))).toBe(true);
    expect(needed.filter((f) => ignored.ignores(f))).toEqual([]);
  });
});

describe('the healthcheck (infra/docker/healthcheck.ts)', () => {
  let server: Server;
  let status = 200;
  let requests: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status: status === 200 ? 'ok' : 'error', error: { temporal: { status: 'down' } } }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  beforeEach(() => {
    requests = [];
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const api = [['/bin/sh', '/app/infra/docker/entrypoint.sh', 'api'], ['node', 'dist/apps/api/src/main.js']];
  const worker = [['node', 'dist/apps/worker/src/main.js']];
  const env = () => ({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String((server.address() as AddressInfo).port) });

  it('tells the API’s container from a worker’s by its processes', () => {
    expect(runsApi(api)).toBe(true);
    expect(runsApi([['node', '/app/dist/apps/api/src/main.js']])).toBe(true);
    expect(runsApi(worker)).toBe(false);
    expect(runsApi([['node', 'dist/infra/audit/verify.cli.js']])).toBe(false);
  });

  it('reads the container’s processes from /proc, this one among them', () => {
    if (process.platform !== 'linux') return;
    expect(commandLines()).toContainEqual(readFileSync(`/proc/${process.pid}/cmdline`, 'utf8').split('\0').filter(Boolean));
  });

  it('asks the API on loopback when it listens on every interface', () => {
    expect(readinessUrl({ HOST: '0.0.0.0', PORT: 3000 })).toBe('http://127.0.0.1:3000/health/ready');
    expect(readinessUrl({ HOST: '::', PORT: 8080 })).toBe('http://127.0.0.1:8080/health/ready');
    expect(readinessUrl({ HOST: '::1', PORT: 3000 })).toBe('http://[::1]:3000/health/ready');
  });

  it('is healthy when the readiness answers 200, and not when it answers 503 or nothing answers', async () => {
    status = 200;
    await expect(healthcheck(api, env())).resolves.toBe(0);
    status = 503;
    await expect(healthcheck(api, env())).resolves.toBe(1);
    expect(requests).toEqual([READINESS_PATH, READINESS_PATH]);
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    await expect(healthcheck(api, { ...env(), PORT: String(port) })).resolves.toBe(1);
  });

  it('is healthy in a worker’s container without asking anything', async () => {
    status = 503;
    await expect(healthcheck(worker, env())).resolves.toBe(0);
    expect(requests).toEqual([]);
  });
});
