/** Finding programs and the user's cache folder, for the launchers that build or fetch what they run. */
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` on PATH. */
export function onPath(name: string): string | undefined {
  const exe = process.platform === 'win32' ? `${name}.exe` : name;
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, exe))
    .find(isExecutable);
}

/** A folder of ours in the user's cache (XDG_CACHE_HOME, else ~/.cache), shared by every checkout. */
export function userCacheDir(...parts: string[]): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'vardflode', ...parts);
}
