import { TASK_KINDS } from '../../../../libs/contracts/src/case-catalogue';
import { WAITING_FOR_KINDS } from '../../../../libs/contracts/src/case-runtime.contract';
import {
  EnumProperty,
  InstantProperty,
  IntegerProperty,
  JsonObjectProperty,
  NestedProperty,
  TextProperty,
  UuidProperty,
} from './api-properties';

/** A person acting for an organisation. */
export class ActorDto {
  @TextProperty({ description: "The person (the token's subject)." }) actor: string;
  @TextProperty() organisationCode: string;
}

/** Who did something, and when. */
export class PartyActionDto {
  @InstantProperty() at: string;
  @TextProperty() actor: string;
  @TextProperty() organisationCode: string;
}

/** One line of a case's timeline. */
export class CaseEventDto {
  @IntegerProperty({ minimum: 1 }) seq: number;
  @InstantProperty() at: string;
  @TextProperty({ description: "The person, or 'system'." }) actor: string;
  @TextProperty({ nullable: true, description: 'null when the system acted (e.g. a deadline passed).' }) organisationCode: string | null;
  @TextProperty({ example: 'ready_for_discharge_declared' }) type: string;
  @JsonObjectProperty({ optional: true }) detail?: Record<string, unknown>;
}

/** An open task as a case view lists it (its content is on the task itself). */
export class OpenTaskViewDto {
  @UuidProperty() taskId: string;
  @EnumProperty(TASK_KINDS, 'TaskKind') kind: string;
  @TextProperty() assignedOrg: string;
  @InstantProperty() dueAt: string;
}

/** What a case waits for next, with a date when there is one. */
export class WaitingForDto {
  @EnumProperty(WAITING_FOR_KINDS, 'WaitingForKind') what: string;
  @TextProperty() description: string;
  @TextProperty({ nullable: true, description: 'An ISO instant or date (a due time, a timer, a planned date), or null.' }) until: string | null;
}

/** What every process's live view carries besides its own state. */
export class CaseRuntimeViewDto {
  @IntegerProperty({ minimum: 0, description: "The case's version: one more with every step." }) version: number;
  @NestedProperty(() => CaseEventDto, { isArray: true }) events: CaseEventDto[];
  @NestedProperty(() => OpenTaskViewDto, { isArray: true }) openTasks: OpenTaskViewDto[];
  @NestedProperty(() => WaitingForDto) waitingFor: WaitingForDto;
}
