/**
 * One area (a municipality other than Stockholm, or one of Stockholm city's districts): which vårdcentral holds the
 * geographic coordinating responsibility (HSN 2020-0222), its onboarding with SLSO's support (HSN 2020-1821),
 * yearly follow-up, and re-designation without a gap.
 */
import type { Actor } from '../case/case';

/** No coordinating responsibility starts before 1 February 2021. */
export const COORDINATION_EARLIEST_START = '2021-02-01';

export const AREA_STATUSES = ['none', 'designated', 'onboarding', 'active', 'handing_over', 'ended'] as const;
export type AreaStatus = (typeof AREA_STATUSES)[number];

/**
 * Whether a designated vårdcentral may decline HSN's designation. No source says: HSN 2020-0222 puts the
 * responsibility in the primary-care contract terms (förfrågningsunderlaget), and seed 001 speaks only of the
 * vårdcentraler that "get the assignment". Our assumption: it may, with a reason, and HSN then designates another
 * (setting COORDINATION_DECLINE_ALLOWED).
 */
export const COORDINATION_DECLINE_ALLOWED_DEFAULT = true;

export interface AreaPolicy {
  acceptDueMs: number;
  onboardingDueMs: number;
  escalationDueMs: number;
  followUpIntervalMs: number;
  /** Absent in cases started before the setting existed: they allow a decline, as they always did. */
  declineAllowed?: boolean;
}

export interface Designation {
  vardcentralCode: string;
  startDate: string;
  by: Actor;
  at: string;
}

export interface Onboarding {
  slsoContact?: { name: string; guidancePlan: string; by: Actor };
  coordinatorName?: string;
  municipalContact?: { name: string; confirmedBy?: Actor };
  firstMeetingOn?: string;
  joinedSubregionalOn?: string;
}

export interface Area {
  caseId: string;
  areaCode: string;
  areaName: string;
  status: AreaStatus;
  /** The vårdcentral holding the responsibility now; it keeps it until a new one has accepted. */
  current?: { vardcentralCode: string; startDate: string; acceptedAt: string; onboarding: Onboarding; activeSince?: string };
  /** A designation waiting for the vårdcentral's answer. */
  pending?: Designation;
  history: { vardcentralCode: string; from: string; to?: string }[];
}

/** An area merged into another (Stockholm's districts on 2023-07-01) ends with its last day. */
export interface EndArea {
  lastDay: string;
  successorCode: string;
  by: Actor;
}

export interface DesignateCoordinator {
  vardcentralCode: string;
  startDate: string;
  by: Actor;
}

export type OnboardingStep = 'assign_slso_support' | 'name_coordinator' | 'confirm_municipal_contact' | 'municipality_confirms_contact' | 'first_local_meeting' | 'join_subregional';

export interface OnboardingAnswer {
  contactName?: string;
  guidancePlan?: string;
  name?: string;
  municipalContactName?: string;
  confirmed?: true;
  heldOn?: string;
  joinedOn?: string;
}
