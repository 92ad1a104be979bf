import type { DataSource } from 'typeorm';
import type { TrailVerdict } from '../../libs/persistence/src/audit/audit-chain';
import { AuditRepository } from '../../libs/persistence/src/audit/audit.repository';
import { OperationalMetricsRepository } from '../../libs/persistence/src/metrics/operational-metrics.repository';

/**
 * Walks every chain of the audit trail and records the outcome in `audit_verifications`, which the API exports as
 * `vardflode_audit_chain_verified` and `vardflode_audit_chain_verification_timestamp_seconds`.
 */
export async function verifyAndRecord(ds: DataSource): Promise<TrailVerdict> {
  const started = performance.now();
  const verdict = await new AuditRepository(ds).verify();
  await new OperationalMetricsRepository(ds).recordAuditVerification({
    ok: verdict.ok,
    rowsVerified: verdict.rows,
    chains: verdict.chains,
    brokenChains: verdict.ok ? 0 : verdict.failures.length,
    durationMs: performance.now() - started,
  });
  return verdict;
}
