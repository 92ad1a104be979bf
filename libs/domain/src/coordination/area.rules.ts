/**
 * A coordinating vårdcentral for one area (HSN 2020-0222, HSN 2020-1821): designation by HSN, acceptance or a
 * decline with reason, onboarding with SLSO until active, and re-designation that hands over without a gap.
 * Pure: the workflow calls these, and the API calls `designationProblem` before it starts an area's case.
 */
import { Actor, Decision, firstRefusal, outcome, Outcome, refuse, Refusal, SYSTEM } from '../case/case';
import { isCalendarDate } from '../time/stockholm';
import type { Succession } from './area-validity';
import { Area, AreaPolicy, COORDINATION_DECLINE_ALLOWED_DEFAULT, COORDINATION_EARLIEST_START, DesignateCoordinator, EndArea, OnboardingAnswer, OnboardingStep } from './area.types';

export function openArea(input: { caseId: string; areaCode: string; areaName: string }): Outcome<Area> {
  return outcome({ ...input, status: 'none', history: [] }, 'area_opened', SYSTEM, { areaCode: input.areaCode });
}

/** Who may see an area's case: the area itself, HSN, SLSO, and its vårdcentraler (current and designated). */
export function areaParties(a: Area): string[] {
  return [...new Set([a.areaCode, 'HSN', 'SLSO', ...[a.current?.vardcentralCode, a.pending?.vardcentralCode].filter((v): v is string => !!v)])];
}

/** What is wrong with a designation as such (before any case exists), or null. */
export function designationProblem(cmd: Pick<DesignateCoordinator, 'startDate' | 'by'>): Refusal | null {
  if (cmd.by.organisationCode !== 'HSN') return refuse('forbidden', 'only HSN designates coordinating vårdcentraler');
  if (!isCalendarDate(cmd.startDate)) return refuse('invalid_input', 'startDate must be a date YYYY-MM-DD', { field: 'startDate' });
  if (cmd.startDate < COORDINATION_EARLIEST_START) return refuse('invalid_input', `startDate must not be before ${COORDINATION_EARLIEST_START}`, { field: 'startDate' });
  return null;
}

/** HSN designates (or re-designates) the area's vårdcentral; one designation at a time. */
export function designate(a: Area, cmd: DesignateCoordinator, now: string): Decision<Area> {
  const refused = firstRefusal(
    () => designationProblem(cmd),
    () => (a.pending ? refuse('conflict', `${a.pending.vardcentralCode} is already designated and has not answered yet`) : null),
    () => (a.current?.vardcentralCode === cmd.vardcentralCode ? refuse('conflict', `${cmd.vardcentralCode} already holds the responsibility`) : null),
  );
  if (refused) return refused;
  return outcome({ ...a, pending: { ...cmd, at: now }, status: a.current ? 'handing_over' : 'designated' }, 'coordinator_designated', cmd.by, {
    vardcentralCode: cmd.vardcentralCode,
    startDate: cmd.startDate,
    handover: !!a.current,
  });
}

/**
 * The designated vårdcentral accepts: one instant ends the old vårdcentral's responsibility and starts the new
 * one's, so there is never a gap or an overlap.
 */
export function acceptDesignation(a: Area, by: Actor, now: string): Decision<Area> {
  const d = a.pending;
  if (!d) return refuse('conflict', 'no designation waits for an answer');
  const history = a.history.map((h, i) => (i === a.history.length - 1 && !h.to ? { ...h, to: now } : h));
  const events = a.current ? outcome(a, 'responsibility_handed_over', by, { from: a.current.vardcentralCode, to: d.vardcentralCode }).events : [];
  const accepted = outcome<Area>(
    {
      ...a,
      pending: undefined,
      status: 'onboarding',
      current: { vardcentralCode: d.vardcentralCode, startDate: d.startDate, acceptedAt: now, onboarding: {} },
      history: [...history, { vardcentralCode: d.vardcentralCode, from: now }],
    },
    'designation_accepted',
    by,
    { vardcentralCode: d.vardcentralCode },
  );
  return { state: accepted.state, events: [...events, ...accepted.events] };
}

/** Whether the case's policy lets a designated vårdcentral decline (COORDINATION_DECLINE_ALLOWED). */
export const declineAllowed = (policy: Pick<AreaPolicy, 'declineAllowed'> | undefined): boolean => policy?.declineAllowed ?? COORDINATION_DECLINE_ALLOWED_DEFAULT;

export function declineDesignation(a: Area, reason: string | undefined, by: Actor, policy?: Pick<AreaPolicy, 'declineAllowed'>): Decision<Area> {
  const d = a.pending;
  if (!d) return refuse('conflict', 'no designation waits for an answer');
  if (!declineAllowed(policy)) return refuse('invalid_decision', "HSN's designation may not be declined (COORDINATION_DECLINE_ALLOWED is false)");
  if (!reason) return refuse('invalid_decision', 'a decline needs a reason');
  const status = a.current ? (a.current.activeSince ? 'active' : 'onboarding') : 'none';
  return outcome({ ...a, pending: undefined, status }, 'designation_declined', by, { vardcentralCode: d.vardcentralCode, reason });
}

/**
 * A new area formed by merging areas (Stockholm's districts on 2023-07-01) opens with its succession
 * (area-validity.ts `successionOf`): the vårdcentral that held every merged area holds the new one from `at`, the
 * instant the old areas ended, and starts the new area's onboarding (a new district administration, a new
 * municipal contact); otherwise nobody holds it yet and HSN is asked to designate one.
 */
export function openSuccessor(a: Area, s: Succession, at: string): Outcome<Area> {
  const predecessors = s.predecessors.map((p) => p.areaCode);
  if (s.kind === 'designate') return outcome(a, 'successor_designation_needed', SYSTEM, { predecessors: s.predecessors, reason: s.reason, from: s.from });
  return outcome<Area>(
    {
      ...a,
      status: 'onboarding',
      current: { vardcentralCode: s.vardcentralCode, startDate: s.from, acceptedAt: at, onboarding: {} },
      history: [...a.history, { vardcentralCode: s.vardcentralCode, from: at }],
    },
    'responsibility_carried_over',
    SYSTEM,
    { vardcentralCode: s.vardcentralCode, predecessors, from: s.from },
  );
}

/**
 * An area merged into its successor ends: its vårdcentral's responsibility ends with the area's last day (the
 * successor's case carries it over or has HSN designate), its open tasks close, and SLSO follows it up no more.
 */
export function endArea(a: Area, cmd: EndArea): Decision<Area> {
  if (a.status === 'ended') return refuse('conflict', `area ${a.areaCode} has already ended`);
  if (!isCalendarDate(cmd.lastDay)) return refuse('invalid_input', 'lastDay must be a date (YYYY-MM-DD)', { field: 'lastDay' });
  const history = a.history.map((h) => (h.to === undefined ? { ...h, to: cmd.lastDay } : h));
  const { pending: _pending, ...rest } = a;
  return outcome<Area>({ ...rest, status: 'ended', history }, 'area_ended', cmd.by, {
    lastDay: cmd.lastDay,
    successorCode: cmd.successorCode,
    vardcentralCode: a.current?.vardcentralCode ?? null,
  });
}

const onboardingApplied: Record<OnboardingStep, (a: NonNullable<Area['current']>, d: OnboardingAnswer, by: Actor) => NonNullable<Area['current']>['onboarding']> = {
  assign_slso_support: (c, d, by) => ({ ...c.onboarding, slsoContact: { name: d.contactName as string, guidancePlan: d.guidancePlan as string, by } }),
  name_coordinator: (c, d) => ({ ...c.onboarding, coordinatorName: d.name }),
  confirm_municipal_contact: (c, d) => ({ ...c.onboarding, municipalContact: { name: d.municipalContactName as string } }),
  municipality_confirms_contact: (c, _d, by) => ({ ...c.onboarding, municipalContact: c.onboarding.municipalContact && { ...c.onboarding.municipalContact, confirmedBy: by } }),
  first_local_meeting: (c, d) => ({ ...c.onboarding, firstMeetingOn: d.heldOn }),
  join_subregional: (c, d) => ({ ...c.onboarding, joinedSubregionalOn: d.joinedOn }),
};

/** One onboarding step; when all are done the area is active (unless a handover is already under way). */
export function completeOnboardingStep(a: Area, kind: string, step: OnboardingStep, d: OnboardingAnswer, by: Actor, now: string): Decision<Area> {
  const current = a.current;
  if (!current) return refuse('conflict', 'no vårdcentral holds the responsibility');
  const onboarding = onboardingApplied[step](current, d, by);
  const stepDone = outcome<Area>({ ...a, current: { ...current, onboarding } }, `onboarding:${kind}`, by, {});
  const o = onboarding;
  const complete = !!(o.slsoContact && o.coordinatorName && o.municipalContact?.confirmedBy && o.firstMeetingOn && o.joinedSubregionalOn);
  if (!complete || current.activeSince) return stepDone;
  const active = outcome<Area>(
    { ...stepDone.state, status: a.pending ? a.status : 'active', current: { ...current, onboarding, activeSince: now } },
    'area_active',
    SYSTEM,
    { vardcentralCode: current.vardcentralCode },
  );
  return { state: active.state, events: [...stepDone.events, ...active.events] };
}

export const followUpDue = (a: Area, vardcentralCode: string): Outcome<Area> => outcome(a, 'annual_follow_up_due', SYSTEM, { vardcentralCode });
export const followUpDone = (a: Area, comment: string | undefined, by: Actor): Outcome<Area> => outcome(a, 'annual_follow_up_done', by, { note: comment ?? null });

export function areaListSummary(a: Area): Record<string, unknown> {
  return { areaCode: a.areaCode, areaName: a.areaName, vardcentralCode: a.current?.vardcentralCode ?? null, pending: a.pending?.vardcentralCode ?? null };
}
