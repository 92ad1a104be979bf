import type { RunningPostgres } from '../../infra/postgres/embedded-postgres';
import type { RunningDevServer } from '../../infra/temporal/dev-server';

/** How global setup tells the test files where the shared servers are. */
export const TEST_ENV = {
  postgresAdminUrl: 'VARDFLODE_TEST_POSTGRES_ADMIN_URL',
  temporalAddress: 'VARDFLODE_TEST_TEMPORAL_ADDRESS',
  workflowBundle: 'VARDFLODE_TEST_WORKFLOW_BUNDLE',
} as const;

export type TestStackGlobals = typeof globalThis & {
  __vardflodeTestStack?: { postgres: RunningPostgres; temporal: RunningDevServer; base: string };
};
