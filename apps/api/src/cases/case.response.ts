import {
  EnumProperty,
  InstantProperty,
  IntegerProperty,
  JsonObjectProperty,
  NestedProperty,
  TextArrayProperty,
  TextProperty,
  UuidProperty,
} from '../common/api-properties';
import { CASE_STATUSES, CASE_TYPES } from '../../../../libs/contracts/src/case-catalogue';
import { WaitingForDto } from '../common/case-view.response';
import { TaskSummaryDto } from '../tasks/task.response';

/** A case in a list: no personal data. */
export class CaseListItemDto {
  @UuidProperty() id: string;
  @EnumProperty(CASE_TYPES, 'CaseType') type: string;
  @EnumProperty(CASE_STATUSES, 'CaseStatus') status: string;
  @TextArrayProperty({ description: 'Organisation codes party to the case.' }) parties: string[];
  @TextProperty() workflowId: string;
  @JsonObjectProperty({ description: "Non-identifying summary, in the shape of the case's type." }) summary: Record<string, unknown>;
  @NestedProperty(() => WaitingForDto, { nullable: true }) waitingFor: WaitingForDto | null;
  @InstantProperty() createdAt: string;
  @InstantProperty() updatedAt: string;
}

export class CasePageDto {
  @NestedProperty(() => CaseListItemDto, { isArray: true }) items: CaseListItemDto[];
  @TextProperty({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' }) nextCursor: string | null;
}

/** A line of the case's timeline as stored. */
export class CaseTimelineEntryDto {
  @IntegerProperty({ minimum: 1 }) seq: number;
  @InstantProperty() at: string;
  @TextProperty() actor: string;
  @TextProperty({ nullable: true }) organisationCode: string | null;
  @TextProperty() type: string;
  @JsonObjectProperty({ nullable: true }) detail: Record<string, unknown> | null;
}

export class CaseDetailDto extends CaseListItemDto {
  @NestedProperty(() => TaskSummaryDto, { isArray: true }) openTasks: TaskSummaryDto[];
  @NestedProperty(() => CaseTimelineEntryDto, { isArray: true }) timeline: CaseTimelineEntryDto[];
}
