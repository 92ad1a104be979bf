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

/** The patient of a case (personal data): shown only on the case's own reads, to those who may read the case. */
export class CaseSubjectDto {
  @TextProperty({ description: 'Personnummer, 12 digits without separator.' }) personnummer: string;
  @TextProperty() name: string;
}

export class CaseDetailDto extends CaseListItemDto {
  @NestedProperty(() => CaseSubjectDto, {
    nullable: true,
    description: "The case's patient; null for a case without one, and once the patient's data is erased (see patientDataErasedAt).",
  })
  subject: CaseSubjectDto | null;
  @InstantProperty({ nullable: true, description: "When the patient's data was erased (gallring); the case and its statistics stay." })
  patientDataErasedAt: string | null;
  @NestedProperty(() => TaskSummaryDto, { isArray: true }) openTasks: TaskSummaryDto[];
  @NestedProperty(() => CaseTimelineEntryDto, { isArray: true }) timeline: CaseTimelineEntryDto[];
}
