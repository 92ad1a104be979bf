import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Something the worker saw failing again and again in a case's workflow (an activity, or its workflow task): one row
 * per workflow, problem and activity type, gone once it succeeds (libs/persistence/src/operations/case-problems.repository.ts).
 */
@Entity({ name: 'workflow_problems' })
export class WorkflowProblemEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  problem: 'failing_activity' | 'failing_workflow_task';

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ name: 'workflow_type', type: 'text' })
  workflowType: string;

  /** '' for a workflow task. */
  @Column({ name: 'activity_type', type: 'text', default: '' })
  activityType: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'case_type', type: 'text', nullable: true })
  caseType: string | null;

  @Column({ type: 'integer' })
  attempts: number;

  /** When the failing activity was first scheduled (its first attempt), or the first failure of the workflow task. */
  @Column({ type: 'timestamptz' })
  since: Date;

  /** The error's type or name (and SQLSTATE): never its message, which could hold personal data. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
