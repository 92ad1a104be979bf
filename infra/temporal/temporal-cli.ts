import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { isExecutable, onPath, userCacheDir } from '../process/executables';
import { goInstall } from '../process/go-install';

/** The newest tag `go install` accepts (later tags carry replace directives in go.mod). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

export type TemporalCliSource = 'TEMPORAL_CLI' | 'PATH' | 'cache' | 'go install';
export type TemporalExecutable =
  | { type: 'existing-path'; path: string; source: TemporalCliSource }
  | { type: 'cached-download' };

/** Built copies live in the user's cache folder, outside the repository, shared by every checkout. */
export function temporalCliCacheDir(): string {
  return userCacheDir('temporal-cli', TEMPORAL_CLI_VERSION);
}

/**
 * Finds the Temporal CLI: TEMPORAL_CLI → `temporal` on PATH → the project's cached build → `go install`
 * (when Go exists) → the SDK's own download (needs internet access to Temporal's CDN).
 */
export async function resolveTemporalCli(
  configured: string | undefined,
  log: (line: string) => void,
): Promise<TemporalExecutable> {
  if (configured) {
    if (!isExecutable(configured)) throw new Error(`Configuration error: TEMPORAL_CLI ${configured} is not an executable file`);
    log(`using the Temporal CLI from TEMPORAL_CLI: ${configured}`);
    return { type: 'existing-path', path: configured, source: 'TEMPORAL_CLI' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) {
    log(`using the Temporal CLI on PATH: ${fromPath}`);
    return { type: 'existing-path', path: fromPath, source: 'PATH' };
  }
  const cacheDir = temporalCliCacheDir();
  const cached = join(cacheDir, process.platform === 'win32' ? 'temporal.exe' : 'temporal');
  if (isExecutable(cached)) {
    return { type: 'existing-path', path: cached, source: 'cache' };
  }
  const go = onPath('go');
  if (go && spawnSync(go, ['version']).status === 0) {
    log('the first build downloads and compiles the Temporal server: it takes several minutes (cached afterwards)');
    await goInstall(go, [GO_PACKAGE], cacheDir, `the Temporal CLI ${TEMPORAL_CLI_VERSION}`, log);
    return { type: 'existing-path', path: cached, source: 'go install' };
  }
  log("no Temporal CLI and no Go found: falling back to the Temporal SDK's download (needs internet access)");
  return { type: 'cached-download' };
}
