/**
 * `npm run audit:verify`: walks the audit trail's hash chain and exits non-zero naming the first broken row.
 */
import { ConfigError, loadAppConfig } from '../../libs/config/src/app-config';
import { AuditRepository } from '../../libs/persistence/src/audit/audit.repository';
import { withAppDatabase } from '../cli/database';

async function main(): Promise<number> {
  const config = loadAppConfig();
  const verdict = await withAppDatabase(config, (line) => console.error(`[audit:verify] ${line}`), (ds) => new AuditRepository(ds).verify());
  if (verdict.ok) {
    console.log(`audit chain intact: ${verdict.rows} rows verified`);
    return 0;
  }
  console.log(`audit chain BROKEN at row ${verdict.brokenId}: ${verdict.reason} (${verdict.rows} rows read)`);
  return 1;
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `audit:verify failed: ${(err as Error).message}`);
    process.exit(2);
  });
