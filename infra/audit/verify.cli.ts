/**
 * `npm run audit:verify`: walks every chain of the audit trail (the legacy chain of the rows from before partitions,
 * and one chain per case or per organisation and Stockholm day since), checks each ends at its recorded head with its
 * recorded row count, prints what that proves, and exits non-zero naming each broken chain's partition and row.
 * Each run's outcome goes into `audit_verifications`, which the API exports as `vardflode_audit_chain_verified`.
 */
import { ConfigError, loadAppConfig } from '../../libs/config/src/app-config';
import { verifyAndRecord } from './verify-and-record';
import { withAppDatabase } from '../cli/database';

/** Broken chains listed at most (the count says how many more). */
const LISTED = 20;

async function main(): Promise<number> {
  const config = loadAppConfig();
  const verdict = await withAppDatabase(config, (line) => console.error(`[audit:verify] ${line}`), verifyAndRecord);
  const walked =
    `${verdict.rows} rows in ${verdict.chains} chains (${verdict.caseChains} case, ${verdict.organisationDayChains} organisation-day` +
    `${verdict.legacyRows > 0 ? `, and the legacy chain of ${verdict.legacyRows} rows from before partitions` : ''})`;
  if (verdict.ok) {
    console.log(`audit chain intact: ${verdict.rows} rows verified, ${walked}.`);
    console.log(
      'Proved: every row links to the row before it in its chain from the genesis hash, its content matches its hash, ' +
        'it sits in the chain of its own case or organisation-day, and every chain ends at the row, hash and count its ' +
        'head records (nothing altered, reordered, or removed from the middle or the end of any chain).',
    );
    return 0;
  }
  const { failures } = verdict;
  console.log(`audit chain BROKEN at row ${verdict.brokenId ?? '(none)'} in partition ${verdict.partition}: ${verdict.reason} (${walked} read)`);
  for (const f of failures.slice(1, LISTED)) console.log(`  also broken: partition ${f.partition} at row ${f.brokenId ?? '(none)'}: ${f.reason}`);
  if (failures.length > LISTED) console.log(`  and ${failures.length - LISTED} more broken chains`);
  return 1;
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `audit:verify failed: ${(err as Error).message}`);
    process.exit(2);
  });
