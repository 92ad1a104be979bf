/**
 * The baselines' only activity: ONE database write (an INSERT into the bench table on the same PostgreSQL), run as a
 * regular activity by `benchBaseline` and as a local activity by `benchBaselineLocal`.
 */
import { Context } from '@temporalio/activity';
import type { Pool } from 'pg';
import { BASELINE_TABLE } from './baseline.contract';

export interface BaselineWrite {
  step: string;
  data: unknown;
}

export function createBaselineActivities(pool: Pool) {
  return {
    async benchWrite(w: BaselineWrite): Promise<number> {
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
      const res = await pool.query<{ id: string }>(
        `INSERT INTO ${BASELINE_TABLE} (workflow_id, step, data) VALUES ($1, $2, $3::jsonb) RETURNING id`,
        [workflowId, w.step, JSON.stringify(w.data ?? null)],
      );
      return Number(res.rows[0].id);
    },
  };
}

export type BaselineActivities = ReturnType<typeof createBaselineActivities>;

/** The table the baseline writes to; created by the bench before the baseline worker starts. */
export const BASELINE_TABLE_DDL = `CREATE TABLE IF NOT EXISTS ${BASELINE_TABLE} (
  id bigserial PRIMARY KEY,
  workflow_id text NOT NULL,
  step text NOT NULL,
  data jsonb,
  written_at timestamptz NOT NULL DEFAULT now()
)`;
