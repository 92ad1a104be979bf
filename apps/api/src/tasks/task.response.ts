import { ROLES } from '../../../../libs/auth/src/principal';
import { TASK_STATUSES } from '../../../../libs/contracts/src/human-task.contract';
import {
  BooleanProperty,
  EnumProperty,
  InstantProperty,
  IntegerProperty,
  JsonObjectProperty,
  NestedProperty,
  TextProperty,
  UuidProperty,
} from '../common/api-properties';
import { CASE_TYPES, TASK_KINDS } from '../../../../libs/contracts/src/case-catalogue';

/** A task in an inbox: no personal data (that is on the task itself, whose reads are audited). */
export class TaskSummaryDto {
  @UuidProperty() id: string;
  @UuidProperty() caseId: string;
  @EnumProperty(CASE_TYPES, 'CaseType') caseType: string;
  @EnumProperty(TASK_KINDS, 'TaskKind') kind: string;
  @EnumProperty(TASK_STATUSES, 'TaskStatus') status: string;
  @TextProperty() assignedOrg: string;
  @EnumProperty(ROLES, 'Role') requiredRole: string;
  @InstantProperty() dueAt: string;
  @BooleanProperty({ description: 'Open and past due.' }) overdue: boolean;
  @TextProperty({ nullable: true }) claimedBy: string | null;
  @InstantProperty() createdAt: string;
}

export class TaskPageDto {
  @NestedProperty(() => TaskSummaryDto, { isArray: true }) items: TaskSummaryDto[];
  @TextProperty({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' }) nextCursor: string | null;
}

/** One task with what the person needs to decide and the answer it expects. */
export class TaskDetailDto extends TaskSummaryDto {
  @JsonObjectProperty({ description: 'What the person needs to decide (may hold personal data).' }) input: Record<string, unknown>;
  @JsonObjectProperty({ description: 'The JSON Schema of the answer `decision` must fit.' }) answerSchema: Record<string, unknown>;
  @JsonObjectProperty({ nullable: true }) decision: Record<string, unknown> | null;
  @JsonObjectProperty({ nullable: true, description: "The case's note of what the decision did." }) result: Record<string, unknown> | null;
  @TextProperty({ nullable: true }) completedBy: string | null;
  @InstantProperty({ nullable: true }) completedAt: string | null;
  @TextProperty({ nullable: true }) cancelledReason: string | null;
}

export class TaskCompletionDto {
  @NestedProperty(() => TaskDetailDto, { nullable: true }) task: TaskDetailDto | null;
  @JsonObjectProperty({ nullable: true, description: "The case's note of what the decision did." }) outcome: Record<string, unknown> | null;
  @BooleanProperty({ description: 'True when the same decision was completed before and this is its first answer again.' }) replayed: boolean;
}

/** How many open tasks the caller's inbox holds: cheap to poll, so the app's header stays live without a stream. */
export class TaskCountDto {
  @IntegerProperty({ minimum: 0, description: "Open tasks of the caller's organisation for the caller's roles." }) open: number;
  @IntegerProperty({ minimum: 0, description: 'Of those, past their due time.' }) overdue: number;
  @InstantProperty({ nullable: true, description: 'When the newest of them was created (null when none is open): a change means new work arrived.' })
  newestCreatedAt: string | null;
}
