/**
 * `npm run backup [file]`: a cold backup of the embedded default's DATA_DIR (the stack must be stopped) into one
 * .tar.gz, by default backups/vardflode-<Stockholm date_time>.tar.gz. See infra/backup/backup.ts and README.md,
 * "Backup and restore".
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadAppConfig } from '../../libs/config/src/app-config';
import { backup, BackupError, describeManifest } from './backup';

const log = (line: string) => console.log(`[backup] ${line}`);

async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new BackupError('usage: npm run backup [file.tar.gz]');
  const { file, manifest } = await backup(loadAppConfig(), positionals[0], log);
  log(`backed up to ${file}`);
  for (const line of describeManifest(manifest)) log(`  ${line}`);
  log(`restore it with: npm run restore ${file}`);
}

main().catch((err: unknown) => {
  const known = err instanceof BackupError || err instanceof ConfigError;
  console.error(`[backup] ${known ? (err as Error).message : `failed: ${(err as Error).stack ?? err}`}`);
  process.exit(1);
});
