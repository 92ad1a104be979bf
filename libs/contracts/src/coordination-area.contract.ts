/**
 * One workflow per area (a municipality other than Stockholm, or one of Stockholm city's districts): which
 * vårdcentral holds the geographic coordinating responsibility (HSN 2020-0222), its onboarding with SLSO's
 * support (HSN 2020-1821), yearly follow-up, and re-designation without a gap.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/src/case/case';
import type { Succession } from '../../domain/src/coordination/area-validity';
import type { Area, AreaPolicy, DesignateCoordinator, EndArea } from '../../domain/src/coordination/area.types';
import type { CaseCarry, CaseRuntimeView, CommandResult } from './case-runtime.contract';

export { COORDINATION_DECLINE_ALLOWED_DEFAULT, COORDINATION_EARLIEST_START } from '../../domain/src/coordination/area.types';
export type { Succession } from '../../domain/src/coordination/area-validity';
export type { Area, AreaPolicy, AreaStatus, DesignateCoordinator, Designation, EndArea, Onboarding } from '../../domain/src/coordination/area.types';

export const AREA_CASE_TYPE = 'coordination_area';
/** V2 runs on the shared case runtime; `coordinationAreaWorkflow` (workflows/legacy) keeps its cases in flight. */
export const AREA_WORKFLOW_TYPE = 'coordinationAreaV2';
export const areaWorkflowId = (areaCode: string) => `coordination-area-${areaCode}`;

export interface AreaInput {
  caseId: string;
  areaCode: string;
  areaName: string;
  policy: AreaPolicy & { maxHistoryLength?: number };
  carried?: CaseCarry<Area>;
  /**
   * A new area formed by merging areas opens with its succession (area-validity.ts), asked for by HSN. Only cases
   * started with it have it: cases in flight never see it, so they replay as before.
   */
  succession?: Succession & { by: Actor };
  /** The request that opened a successor's case (its audit row). */
  requestId?: string;
}

/** What the state query and every request answer with. */
export type AreaState = Area & CaseRuntimeView;

export const AREA_TASK_KINDS = {
  accept: 'coordination.accept_designation',
  designateAnother: 'coordination.designate_another',
  /** HSN designates the vårdcentral of an area formed by merging areas that had different ones (or none). */
  designateSuccessor: 'coordination.designate_successor',
  assignSupport: 'coordination.assign_slso_support',
  nameCoordinator: 'coordination.name_coordinator',
  confirmContact: 'coordination.confirm_municipal_contact',
  municipalityConfirms: 'coordination.municipality_confirms_contact',
  firstMeeting: 'coordination.first_local_meeting',
  joinSubregional: 'coordination.join_subregional',
  escalation: 'coordination.onboarding_escalation',
  followUp: 'coordination.annual_follow_up',
} as const;

export const designateCoordinatorUpdate = defineUpdate<CommandResult<AreaState>, [DesignateCoordinator & { requestId?: string }]>('designateCoordinator');
/** An area merged into its successor ends (sent by the successor's succession); its case then closes. */
export const endAreaUpdate = defineUpdate<CommandResult<AreaState>, [EndArea & { requestId?: string }]>('endArea');
/** Answers once a successor's case is opened and projected (sent with its start). */
export const areaOpenedUpdate = defineUpdate<CommandResult<AreaState>>('areaOpened');
export const areaStateQuery = defineQuery<AreaState>('areaState');
