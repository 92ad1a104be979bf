import type { RunningPostgres } from '../../infra/postgres/embedded-postgres';

/** How global setup tells the test files where the shared servers are. */
export const TEST_ENV = {
  postgresAdminUrl: 'VARDFLODE_TEST_POSTGRES_ADMIN_URL',
  temporalAddress: 'VARDFLODE_TEST_TEMPORAL_ADDRESS',
  workflowBundle: 'VARDFLODE_TEST_WORKFLOW_BUNDLE',
  /** `dev` (default): the CLI's dev server; `cluster`: Temporal's server as four services on the test PostgreSQL. */
  temporalMode: 'VARDFLODE_TEST_TEMPORAL_MODE',
} as const;

/** The dev server or the cluster: what the tests need of either. */
export interface TestTemporal {
  address: string;
  stop(): Promise<void>;
}

export type TestStackGlobals = typeof globalThis & {
  __vardflodeTestStack?: { postgres: RunningPostgres; temporal: TestTemporal; base: string };
};
