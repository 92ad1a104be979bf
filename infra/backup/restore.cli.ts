/**
 * `npm run restore <file>`: checks a backup made by `npm run backup` (its manifest, every file's checksum, the
 * PostgreSQL major version, the migrations this vardflode knows), renames the current DATA_DIR aside and puts the
 * backup's in its place. The stack must be stopped. See infra/backup/backup.ts and README.md, "Backup and restore".
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadAppConfig } from '../../libs/config/src/app-config';
import { BackupError, describeManifest, restore } from './backup';

const log = (line: string) => console.log(`[restore] ${line}`);

async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new BackupError('usage: npm run restore <file.tar.gz> (a file that npm run backup wrote)');
  const config = loadAppConfig();
  const { manifest, keptAside } = await restore(config, positionals[0], log);
  log(`restored ${positionals[0]} into ${config.DATA_DIR}`);
  for (const line of describeManifest(manifest)) log(`  ${line}`);
  log(keptAside ? `the data that was in DATA_DIR is kept in ${keptAside} (renamed, not deleted): remove it once you no longer need it` : 'DATA_DIR was empty: nothing kept aside');
  const cluster = manifest.temporal.clusterDatabases && !manifest.temporal.devServerFile;
  log(`start it with: ${cluster ? 'npm run start:cluster (the workflows are in the cluster databases)' : 'npm start'}`);
}

main().catch((err: unknown) => {
  const known = err instanceof BackupError || err instanceof ConfigError;
  console.error(`[restore] ${known ? (err as Error).message : `failed: ${(err as Error).stack ?? err}`}`);
  process.exit(1);
});
