/**
 * One workflow per area (a municipality other than Stockholm, or one of Stockholm city's districts): which
 * vårdcentral holds the geographic coordinating responsibility (HSN 2020-0222), its onboarding with SLSO's
 * support (HSN 2020-1821), yearly follow-up, and re-designation without a gap.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseEvent } from './discharge-handover.contract';
import type { TaskActor } from '../../../libs/contracts/src/human-task.contract';

export const AREA_CASE_TYPE = 'coordination_area';
export const AREA_WORKFLOW_TYPE = 'coordinationAreaWorkflow';
export const areaWorkflowId = (areaCode: string) => `coordination-area-${areaCode}`;
/** No coordinating responsibility starts before 1 February 2021. */
export const COORDINATION_EARLIEST_START = '2021-02-01';

export type AreaStatus = 'none' | 'designated' | 'onboarding' | 'active' | 'handing_over';

export interface AreaPolicy {
  acceptDueMs: number;
  onboardingDueMs: number;
  escalationDueMs: number;
  followUpIntervalMs: number;
}

export interface AreaInput {
  caseId: string;
  areaCode: string;
  areaName: string;
  policy: AreaPolicy;
}

export interface Designation {
  vardcentralCode: string;
  startDate: string;
  by: TaskActor;
  at: string;
}

export interface Onboarding {
  slsoContact?: { name: string; guidancePlan: string; by: TaskActor };
  coordinatorName?: string;
  municipalContact?: { name: string; confirmedBy?: TaskActor };
  firstMeetingOn?: string;
  joinedSubregionalOn?: string;
}

export interface AreaState {
  caseId: string;
  areaCode: string;
  areaName: string;
  status: AreaStatus;
  /** The vårdcentral holding the responsibility now; it keeps it until a new one has accepted. */
  current?: { vardcentralCode: string; startDate: string; acceptedAt: string; onboarding: Onboarding; activeSince?: string };
  /** A designation waiting for the vårdcentral's answer. */
  pending?: Designation;
  history: { vardcentralCode: string; from: string; to?: string }[];
  version: number;
  events: CaseEvent[];
  openTasks: { taskId: string; kind: string; assignedOrg: string; dueAt: string }[];
}

export interface DesignateCoordinator {
  vardcentralCode: string;
  startDate: string;
  by: TaskActor;
}

export const AREA_TASK_KINDS = {
  accept: 'coordination.accept_designation',
  designateAnother: 'coordination.designate_another',
  assignSupport: 'coordination.assign_slso_support',
  nameCoordinator: 'coordination.name_coordinator',
  confirmContact: 'coordination.confirm_municipal_contact',
  municipalityConfirms: 'coordination.municipality_confirms_contact',
  firstMeeting: 'coordination.first_local_meeting',
  joinSubregional: 'coordination.join_subregional',
  escalation: 'coordination.onboarding_escalation',
  followUp: 'coordination.annual_follow_up',
} as const;

export const designateCoordinatorUpdate = defineUpdate<AreaState, [DesignateCoordinator]>('designateCoordinator');
export const areaStateQuery = defineQuery<AreaState>('areaState');

export interface CoordinationActivities {
  projectArea(state: AreaState): Promise<void>;
  /** Whether `code` is an active organisation of `kind` (answers from tasks are checked against the register). */
  isActiveOrganisation(code: string, kind: string): Promise<boolean>;
}
