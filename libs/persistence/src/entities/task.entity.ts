import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { TaskStatus } from '../../../contracts/src/human-task.contract';

export type { TaskStatus };

/** A human task in one organisation's inbox, for one role. The inbox reads it on tasks_inbox_idx. */
@Entity({ name: 'tasks' })
export class TaskEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'case_type', type: 'text' })
  caseType: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'assigned_org', type: 'text' })
  assignedOrg: string;

  @Column({ name: 'required_role', type: 'text' })
  requiredRole: string;

  @Column({ type: 'text', default: 'open' })
  status: TaskStatus;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  /** What the person needs to decide; may hold personal data (shown on the task itself, never in lists). */
  @Column({ type: 'jsonb' })
  input: Record<string, unknown>;

  @Column({ name: 'answer_schema', type: 'jsonb' })
  answerSchema: Record<string, unknown>;

  @Column({ name: 'claimed_by', type: 'text', nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  decision: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completion_request_hash', type: 'text', nullable: true })
  completionRequestHash: string | null;

  @Column({ name: 'cancelled_reason', type: 'text', nullable: true })
  cancelledReason: string | null;

  /** The task a reminder or an escalation is about (it closes with it). */
  @Column({ name: 'parent_task_id', type: 'uuid', nullable: true })
  parentTaskId: string | null;

  /** Reference data the task asks for, e.g. `lpik:2022`: registering it through the API wakes the case. */
  @Column({ name: 'reference_key', type: 'text', nullable: true })
  referenceKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set by every query-builder update. */
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', select: false })
  updatedAt: Date;
}
