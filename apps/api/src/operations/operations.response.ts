import { CASE_PROBLEMS } from '../../../../libs/persistence/src/operations/case-problems.repository';
import { EnumProperty, InstantProperty, IntegerProperty, NestedProperty, TextProperty, UuidProperty } from '../common/api-properties';

/** One case that a system fault stops or slows, as an operator sees it: codes and ids only, no personal data. */
export class CaseProblemDto {
  @UuidProperty({ description: "The row's own id (the problem's record, or a stalled case's overdue task)." }) id: string;
  @EnumProperty(CASE_PROBLEMS, 'CaseProblem', {
    description:
      "failing_activity: an activity of the case's workflow failed OPERATIONS_FAILURE_ATTEMPTS times or more and is still retried; " +
      'failing_workflow_task: its workflow task failed that many times in a row (the workflow code throws or cannot replay); ' +
      'stalled: an open task of the case is past its deadline by more than OPERATIONS_STALLED_GRACE and the case has not moved since.',
  })
  problem: string;
  @UuidProperty({ nullable: true, description: 'Null only when neither the projection nor the activity names the case.' }) caseId: string | null;
  @TextProperty({ nullable: true, example: 'discharge_handover' }) caseType: string | null;
  @TextProperty({ example: 'discharge-handover-6f1c2b0e-1d3e-4f7a-9a51-0c2d3e4f5a6b' }) workflowId: string;
  @InstantProperty({ description: "Since when: the failing activity's first attempt, the first failed workflow task, or the overdue task's deadline." }) since: string;
  @IntegerProperty({ nullable: true, minimum: 1, description: 'Attempts so far (failing activity or workflow task); null for a stalled case.' }) attempts: number | null;
  @TextProperty({ nullable: true, example: 'applyCaseStep', description: 'The failing activity; null otherwise.' }) activityType: string | null;
  @TextProperty({
    example: 'QueryFailedError:57P01',
    description: "A short code without personal data: the error's type (and SQLSTATE), or task_overdue:<task kind> for a stalled case.",
  })
  reason: string;
  @TextProperty({ description: "The workflow in the Temporal Web UI (TEMPORAL_UI_ORIGIN); a case's data there is decoded for operators only." })
  temporalUiUrl: string;
}

export class CaseProblemPageDto {
  @NestedProperty(() => CaseProblemDto, { isArray: true }) items: CaseProblemDto[];
  @TextProperty({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' }) nextCursor: string | null;
}
