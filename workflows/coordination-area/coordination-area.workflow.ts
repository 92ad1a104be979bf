/**
 * A coordinating vårdcentral for one area (HSN 2020-0222, HSN 2020-1821), one workflow per area for as long as
 * the region's organisation lasts (it continues as new when its history grows):
 *
 * 1. HSN designates a vårdcentral with a start date (not before 1 February 2021); the vårdcentral accepts or
 *    declines. A decline (with reason) gives HSN a task to designate another.
 * 2. On acceptance SLSO assigns a named support contact and a guidance plan; the vårdcentral names its
 *    coordinator, confirms contact with the municipality or district (which confirms from its own inbox) and
 *    records its first local cooperation meeting; SLSO records the area's place in the sub-regional cooperation
 *    (delregional samverkan is SLSO's task, HSN 2020-1821). All done: active.
 *    An overdue onboarding task escalates to SLSO's coordinator.
 * 3. Once a year SLSO gets a follow-up task while the area is active.
 * 4. Re-designation hands over without a gap: the old vårdcentral keeps the responsibility, and its tasks,
 *    until the new one has accepted.
 * 5. An area formed by merging areas (Stockholm's districts on 2023-07-01) may open with its succession: the
 *    vårdcentral that held every merged area holds it from the instant they ended and onboards with the new
 *    district; otherwise HSN's approver gets a task to designate its vårdcentral. Only such new cases have a
 *    succession in their input, so cases in flight replay unchanged.
 * Whether a vårdcentral may decline is the case's policy (COORDINATION_DECLINE_ALLOWED; absent in older cases: yes).
 *
 * The rules are in libs/domain/src/coordination/area.rules.ts.
 */
import { patched } from '@temporalio/workflow';
import { DATE, object, text } from '../../libs/contracts/src/answer-schema';
import {
  AREA_CASE_TYPE,
  AREA_TASK_KINDS as KIND,
  AreaInput,
  areaOpenedUpdate,
  AreaState,
  areaStateQuery,
  designateCoordinatorUpdate,
  endAreaUpdate,
  Succession,
} from '../../libs/contracts/src/coordination-area.contract';
import { refuse } from '../../libs/domain/src/case/case';
import * as rules from '../../libs/domain/src/coordination/area.rules';
import { designationValidityProblem } from '../../libs/domain/src/coordination/area-validity';
import type { Area, OnboardingAnswer, OnboardingStep } from '../../libs/domain/src/coordination/area.types';
import { stockholmMidnight } from '../../libs/domain/src/time/stockholm-clock';
import { CaseRuntime, reads, refusalFailure, TaskKinds, TaskSpec } from '../shared/case-runtime';

const SCHEMAS = {
  accept: object({ accept: { type: 'boolean' }, reason: text(2000) }, ['accept']),
  designate: object({ vardcentralCode: { type: 'string', minLength: 2, maxLength: 40 }, startDate: DATE }, ['vardcentralCode', 'startDate']),
  followUp: object({ acknowledged: { type: 'boolean', const: true }, note: text(2000) }, ['acknowledged']),
};
/** Each onboarding step: its kind, who answers (the vårdcentral unless named), and its answer. */
const ONBOARDING: [string, OnboardingStep, 'SLSO' | 'area' | 'vardcentral', ReturnType<typeof object>][] = [
  [KIND.assignSupport, 'assign_slso_support', 'SLSO', object({ contactName: text(200), guidancePlan: text(4000) }, ['contactName', 'guidancePlan'])],
  [KIND.nameCoordinator, 'name_coordinator', 'vardcentral', object({ name: text(200) }, ['name'])],
  [KIND.confirmContact, 'confirm_municipal_contact', 'vardcentral', object({ municipalContactName: text(200) }, ['municipalContactName'])],
  [KIND.municipalityConfirms, 'municipality_confirms_contact', 'area', object({ confirmed: { type: 'boolean', const: true } }, ['confirmed'])],
  [KIND.firstMeeting, 'first_local_meeting', 'vardcentral', object({ heldOn: DATE }, ['heldOn'])],
  // HSN 2020-1821 (seed 001): "Överenskommelsen innebär även att SLSO ska delta i delregional samverkan".
  [KIND.joinSubregional, 'join_subregional', 'SLSO', object({ joinedOn: DATE }, ['joinedOn'])],
];
/** Areas onboarded before this asked the vårdcentral to join the sub-regional cooperation: they keep doing so. */
const SUBREGIONAL_BY_SLSO_PATCH = 'join-subregional-by-slso';

export async function coordinationAreaV2(input: AreaInput): Promise<AreaState> {
  const { policy } = input;
  const opening = rules.openArea(input);
  const rt = new CaseRuntime<Area>({
    caseType: AREA_CASE_TYPE,
    caseId: input.caseId,
    initial: opening.state,
    carried: input.carried,
    continueWith: (carried) => ({ ...input, carried }),
    status: (s) => s.status,
    parties: rules.areaParties,
    summary: rules.areaListSummary,
    processProjections: (s, version) => [{ kind: 'area', area: { ...s, version } }],
    // Only an area merged into another ends (no case in flight has that status, so histories replay as before).
    ended: (s) => s.status === 'ended',
    takesOver: true,
    waitingFor: (s) => (s.status === 'none' ? { what: 'request', description: "HSN's designation of a coordinating vårdcentral", until: null } : null),
    escalation: { kind: KIND.escalation, dueInMs: policy.escalationDueMs, to: (_t, level) => (level === 1 ? { org: 'SLSO', role: 'coordinator' } : null), context: (s) => ({ areaCode: s.areaCode }), overdueEvent: 'onboarding_task_overdue' },
    maxHistoryLength: policy.maxHistoryLength,
  });
  const base = (s: Area) => ({ areaCode: s.areaCode, areaName: s.areaName });
  /** The current vårdcentral's tasks and timers: a handover closes them. */
  const scopeOf = (vardcentralCode: string) => `vardcentral:${vardcentralCode}`;

  const onboarding: TaskKinds<Area> = {};
  for (const [kind, step, who, answerSchema] of ONBOARDING) {
    onboarding[kind] = ({ vardcentralCode, answeredBy }: { vardcentralCode: string; answeredBy?: 'vardcentral' }) => ({
      assignedOrg: answeredBy === 'vardcentral' || who === 'vardcentral' ? vardcentralCode : who === 'SLSO' ? 'SLSO' : input.areaCode,
      requiredRole: 'case_handler',
      dueInMs: policy.onboardingDueMs,
      input: { ...base(rt.state), vardcentralCode },
      answerSchema,
      scope: scopeOf(vardcentralCode),
      escalate: true,
      decide: (s, d: OnboardingAnswer, by, now) => rules.completeOnboardingStep(s, kind, step, d, by, now),
      then: () => {
        // The municipality (or district) confirms the contact from its own inbox.
        if (kind === KIND.confirmContact) rt.openTask(KIND.municipalityConfirms, { vardcentralCode });
        if (rt.state.current?.activeSince && !rt.hasTimer('follow_up', scopeOf(vardcentralCode))) followUpAfterInterval(vardcentralCode);
      },
    });
  }
  const followUpAfterInterval = (vardcentralCode: string) => rt.schedule('follow_up', Date.now() + policy.followUpIntervalMs, { vardcentralCode }, scopeOf(vardcentralCode));
  const openOnboarding = (vardcentralCode: string) => {
    const subregionalBySlso = patched(SUBREGIONAL_BY_SLSO_PATCH);
    for (const kind of [KIND.assignSupport, KIND.nameCoordinator, KIND.confirmContact, KIND.firstMeeting, KIND.joinSubregional]) {
      rt.openTask(kind, kind === KIND.joinSubregional && !subregionalBySlso ? { vardcentralCode, answeredBy: 'vardcentral' } : { vardcentralCode });
    }
  };

  /** HSN's approver designates a vårdcentral (another after a decline, or a merged area's first), which is then asked. */
  const hsnDesignates = (context: Record<string, unknown>, validFrom: string | null): TaskSpec<Area, { vardcentralCode: string; startDate: string }> => ({
    assignedOrg: 'HSN',
    requiredRole: 'approver',
    dueInMs: policy.acceptDueMs,
    input: { ...base(rt.state), ...context },
    answerSchema: SCHEMAS.designate,
    decide: (s, d, by, now) => designationValidityProblem({ code: input.areaCode, validFrom, validTo: null }, d.startDate) ?? rules.designate(s, { ...d, by }, now),
    then: async (d) => {
      if (!(await reads.isActiveOrganisation(d.vardcentralCode, 'vardcentral'))) throw refusalFailure(refuse('invalid_decision', `${d.vardcentralCode} is not an active vårdcentral`));
      rt.openTask(KIND.accept, { vardcentralCode: d.vardcentralCode });
    },
    result: (_s, d) => ({ designated: d.vardcentralCode }),
  });

  rt.tasks({
    ...onboarding,
    [KIND.accept]: ({ vardcentralCode }: { vardcentralCode: string }) => ({
      assignedOrg: vardcentralCode,
      requiredRole: 'case_handler',
      dueInMs: policy.acceptDueMs,
      input: {
        ...base(rt.state),
        startDate: rt.state.pending?.startDate,
        designatedBy: rt.state.pending?.by.organisationCode,
        handoverFrom: rt.state.current?.vardcentralCode ?? null,
        // Only cases started with the setting say so (older cases' tasks keep their input).
        ...(policy.declineAllowed === undefined ? {} : { declineAllowed: policy.declineAllowed }),
      },
      answerSchema: SCHEMAS.accept,
      decide: (s, d: { accept: boolean; reason?: string }, by, now) => (d.accept ? rules.acceptDesignation(s, by, now) : rules.declineDesignation(s, d.reason, by, policy)),
      then: (d: { accept: boolean; reason?: string }) => {
        if (!d.accept) return void rt.openTask(KIND.designateAnother, { declinedBy: vardcentralCode, reason: d.reason });
        const previous = rt.state.history[rt.state.history.length - 2]?.vardcentralCode;
        if (previous) rt.cancelScope(scopeOf(previous), 'responsibility handed over');
        openOnboarding(rt.state.current?.vardcentralCode as string);
      },
      result: (s, d) => ({ accepted: d.accept, status: s.status }),
    }),
    [KIND.designateAnother]: ({ declinedBy, reason }: { declinedBy: string; reason: string }) => hsnDesignates({ declinedBy, reason }, null),
    // The same validity rule as the API's designation: never before the new area's first day.
    [KIND.designateSuccessor]: ({ predecessors, reason }: Pick<Extract<Succession, { kind: 'designate' }>, 'predecessors' | 'reason'>) =>
      hsnDesignates({ predecessors, reason }, input.succession?.from ?? null),
    [KIND.followUp]: ({ vardcentralCode }: { vardcentralCode: string }) => ({
      assignedOrg: 'SLSO',
      requiredRole: 'case_handler',
      dueInMs: policy.onboardingDueMs,
      input: { ...base(rt.state), vardcentralCode },
      answerSchema: SCHEMAS.followUp,
      scope: scopeOf(vardcentralCode),
      decide: (s, d: { note?: string }, by) => rules.followUpDone(s, d.note, by),
      result: () => ({ followedUp: true }),
    }),
  });
  // SLSO follows up every active area once a year (a durable timer, carried across continue-as-new).
  rt.onTimer<{ vardcentralCode: string }>(
    'follow_up',
    ({ vardcentralCode }) => {
      rt.apply(rules.followUpDue(rt.state, vardcentralCode));
      rt.openTask(KIND.followUp, { vardcentralCode });
      followUpAfterInterval(vardcentralCode);
    },
    ({ vardcentralCode }) => `SLSO's yearly follow-up of ${vardcentralCode}`,
  );

  rt.query(areaStateQuery, (view) => view);
  rt.command(endAreaUpdate, { decide: (s, cmd) => rules.endArea(s, cmd), by: (cmd) => cmd.by, audit: 'coordination.end_area' });
  rt.command(designateCoordinatorUpdate, { decide: (s, cmd) => rules.designate(s, cmd, rt.now()), by: (cmd) => cmd.by, audit: 'coordination.designate', then: (cmd) => void rt.openTask(KIND.accept, { vardcentralCode: cmd.vardcentralCode }) });

  const { succession } = input;
  if (succession) rt.openedUpdate(areaOpenedUpdate, input.requestId);

  return rt.run(() => {
    rt.apply(opening);
    if (!succession) return;
    rt.auditRequest('coordination.succession', succession.by, input.requestId);
    // The merged areas ended at the end of their last day: the successor's first instant, Stockholm time.
    rt.apply(rules.openSuccessor(rt.state, succession, new Date(stockholmMidnight(succession.from)).toISOString()));
    if (succession.kind === 'carry_over') openOnboarding(succession.vardcentralCode);
    else rt.openTask(KIND.designateSuccessor, { predecessors: succession.predecessors, reason: succession.reason });
  });
}
