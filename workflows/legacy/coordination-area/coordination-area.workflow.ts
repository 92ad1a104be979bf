/**
 * A coordinating vårdcentral for one area (HSN 2020-0222, HSN 2020-1821):
 *
 * 1. HSN designates a vårdcentral with a start date (not before 1 February 2021); the vårdcentral accepts or
 *    declines. A decline (with reason) gives HSN a task to designate another.
 * 2. On acceptance SLSO assigns a named support contact and a guidance plan; the vårdcentral names its
 *    coordinator, confirms contact with the municipality or district (which confirms from its own inbox),
 *    records its first local cooperation meeting and joins the sub-regional cooperation. All done: active.
 *    Every onboarding task escalates to SLSO's coordinator when overdue.
 * 3. Once a year SLSO gets a follow-up task while the area is active.
 * 4. Re-designation hands over without a gap: the old vårdcentral keeps the responsibility until the new one
 *    has accepted.
 */
import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CaseProjectionActivities } from '../../../libs/contracts/src/case-projection.contract';
import {
  AREA_CASE_TYPE,
  AREA_TASK_KINDS as KIND,
  AreaInput,
  AreaState,
  areaStateQuery,
  areaWorkflowId,
  COORDINATION_EARLIEST_START,
  CoordinationActivities,
  DesignateCoordinator,
  designateCoordinatorUpdate,
  Designation,
} from '../contracts/coordination-area.contract';
import { TaskActor, TaskRefusal } from '../../../libs/contracts/src/human-task.contract';
import type { AnswerSchema } from '../../../libs/contracts/src/answer-schema';
import { HumanTasks, OpenTask } from '../shared/human-tasks';

const retry = { initialInterval: '1 second', maximumInterval: '1 minute' };
const { projectCase } = proxyActivities<CaseProjectionActivities>({ startToCloseTimeout: '30 seconds', retry });
const coordination = proxyActivities<CoordinationActivities>({ startToCloseTimeout: '30 seconds', retry });

const text = (maxLength: number): AnswerSchema => ({ type: 'string', minLength: 1, maxLength });
const date: AnswerSchema = { type: 'string', format: 'date' };
const object = (properties: Record<string, AnswerSchema>, required: string[]): AnswerSchema => ({ type: 'object', properties, required, additionalProperties: false });
const SCHEMAS = {
  accept: object({ accept: { type: 'boolean' }, reason: text(2000) }, ['accept']),
  designate: object({ vardcentralCode: { type: 'string', minLength: 2, maxLength: 40 }, startDate: date }, ['vardcentralCode', 'startDate']),
  support: object({ contactName: text(200), guidancePlan: text(4000) }, ['contactName', 'guidancePlan']),
  coordinator: object({ name: text(200) }, ['name']),
  contact: object({ municipalContactName: text(200) }, ['municipalContactName']),
  confirm: object({ confirmed: { type: 'boolean', const: true } }, ['confirmed']),
  meeting: object({ heldOn: date }, ['heldOn']),
  subregional: object({ joinedOn: date }, ['joinedOn']),
  acknowledge: object({ acknowledged: { type: 'boolean', const: true }, note: text(2000) }, ['acknowledged']),
};

export async function coordinationAreaWorkflow(input: AreaInput): Promise<AreaState> {
  const { caseId, areaCode, policy } = input;
  const state: AreaState = { caseId, areaCode, areaName: input.areaName, status: 'none', history: [], version: 0, events: [], openTasks: [] };
  let opened = false;
  /** Tasks of the current vårdcentral's onboarding and follow-up: a handover cancels them. */
  let currentTasks: string[] = [];
  const now = () => new Date().toISOString();
  const system: TaskActor = { actor: 'system', organisationCode: 'SLSO' };

  const tasks = new HumanTasks({ caseId, caseType: AREA_CASE_TYPE, workflowId: areaWorkflowId(areaCode), closedReason: () => null });

  const record = (by: TaskActor, type: string, detail?: Record<string, unknown>) => {
    state.version += 1;
    state.events.push({ seq: state.events.length + 1, at: now(), actor: by.actor, organisationCode: by.organisationCode, type, detail });
  };
  const project = async () => {
    state.openTasks = tasks.list();
    const vardcentraler = [state.current?.vardcentralCode, state.pending?.vardcentralCode].filter((v): v is string => !!v);
    await projectCase({
      caseId,
      caseType: AREA_CASE_TYPE,
      workflowId: areaWorkflowId(areaCode),
      status: state.status,
      parties: [areaCode, 'HSN', 'SLSO', ...new Set(vardcentraler)],
      version: state.version,
      summary: { areaCode, areaName: input.areaName, vardcentralCode: state.current?.vardcentralCode ?? null, pending: state.pending?.vardcentralCode ?? null },
      events: state.events,
    });
    await coordination.projectArea(state);
  };

  const escalate = async (task: OpenTask) => {
    record(system, 'onboarding_task_overdue', { taskId: task.taskId, kind: task.kind, organisationCode: task.assignedOrg });
    await tasks.openTask<{ acknowledged: true; note?: string }>({
      kind: KIND.escalation,
      assignedOrg: 'SLSO',
      requiredRole: 'coordinator',
      dueInMs: policy.escalationDueMs,
      input: { areaCode, overdueTaskId: task.taskId, overdueKind: task.kind, assignedOrg: task.assignedOrg, dueAt: task.dueAt },
      answerSchema: SCHEMAS.acknowledge,
      onComplete: (d, by) => {
        record(by, 'escalation_handled', { taskId: task.taskId, note: d.note ?? null });
        return { escalatedTaskId: task.taskId };
      },
    });
    await project();
  };

  // ---- queries and updates -------------------------------------------------------------------------------

  setHandler(areaStateQuery, () => ({ ...state, openTasks: tasks.list() }));

  setHandler(
    designateCoordinatorUpdate,
    async (cmd: DesignateCoordinator) => {
      await condition(() => opened); // the first designation arrives together with the start
      await designate({ ...cmd, at: now() });
      return state;
    },
    {
      validator: (cmd: DesignateCoordinator) => {
        if (cmd.by.organisationCode !== 'HSN') {
          throw ApplicationFailure.create({ type: TaskRefusal.NotAllowed, message: 'only HSN designates coordinating vårdcentraler', nonRetryable: true });
        }
        refuseDesignation(cmd.vardcentralCode, cmd.startDate);
      },
    },
  );

  function refuseDesignation(vardcentralCode: string, startDate: string) {
    if (startDate < COORDINATION_EARLIEST_START) throw new Error(`startDate must not be before ${COORDINATION_EARLIEST_START}`);
    if (state.pending) throw new Error(`${state.pending.vardcentralCode} is already designated and has not answered yet`);
    if (state.current?.vardcentralCode === vardcentralCode) throw new Error(`${vardcentralCode} already holds the responsibility`);
  }

  // ---- the steps -----------------------------------------------------------------------------------------

  async function designate(d: Designation) {
    state.pending = d;
    state.status = state.current ? 'handing_over' : 'designated';
    record(d.by, 'coordinator_designated', { vardcentralCode: d.vardcentralCode, startDate: d.startDate, handover: !!state.current });
    await tasks.openTask<{ accept: boolean; reason?: string }>({
      kind: KIND.accept,
      assignedOrg: d.vardcentralCode,
      requiredRole: 'case_handler',
      dueInMs: policy.acceptDueMs,
      input: { areaCode, areaName: input.areaName, startDate: d.startDate, designatedBy: d.by.organisationCode, handoverFrom: state.current?.vardcentralCode ?? null },
      answerSchema: SCHEMAS.accept,
      check: (a) => (!a.accept && !a.reason ? 'a decline needs a reason' : null),
      onComplete: async (a, by) => {
        if (a.accept) await accepted(d, by);
        else await declined(d, a.reason as string, by);
        await project();
        return { accepted: a.accept, status: state.status };
      },
    });
    await project();
  }

  async function accepted(d: Designation, by: TaskActor) {
    const previous = state.current;
    // One instant for both ends: the old vårdcentral's responsibility ends exactly when the new one's begins.
    const handoverAt = now();
    if (previous) {
      const last = state.history[state.history.length - 1];
      if (last && !last.to) last.to = handoverAt;
      await tasks.cancel(currentTasks, 'responsibility handed over');
      record(by, 'responsibility_handed_over', { from: previous.vardcentralCode, to: d.vardcentralCode });
    }
    currentTasks = [];
    state.current = { vardcentralCode: d.vardcentralCode, startDate: d.startDate, acceptedAt: handoverAt, onboarding: {} };
    state.history.push({ vardcentralCode: d.vardcentralCode, from: handoverAt });
    state.pending = undefined;
    state.status = 'onboarding';
    record(by, 'designation_accepted', { vardcentralCode: d.vardcentralCode });
    await openOnboarding(d.vardcentralCode);
  }

  async function declined(d: Designation, reason: string, by: TaskActor) {
    state.pending = undefined;
    state.status = state.current ? (state.current.activeSince ? 'active' : 'onboarding') : 'none';
    record(by, 'designation_declined', { vardcentralCode: d.vardcentralCode, reason });
    await tasks.openTask<{ vardcentralCode: string; startDate: string }>({
      kind: KIND.designateAnother,
      assignedOrg: 'HSN',
      requiredRole: 'approver',
      dueInMs: policy.acceptDueMs,
      input: { areaCode, areaName: input.areaName, declinedBy: d.vardcentralCode, reason },
      answerSchema: SCHEMAS.designate,
      check: (a) => {
        try {
          refuseDesignation(a.vardcentralCode, a.startDate);
          return null;
        } catch (err) {
          return (err as Error).message;
        }
      },
      onComplete: async (a, who) => {
        if (!(await coordination.isActiveOrganisation(a.vardcentralCode, 'vardcentral'))) {
          throw ApplicationFailure.create({ type: TaskRefusal.InvalidDecision, message: `${a.vardcentralCode} is not an active vårdcentral`, nonRetryable: true });
        }
        await designate({ vardcentralCode: a.vardcentralCode, startDate: a.startDate, by: who, at: now() });
        return { designated: a.vardcentralCode };
      },
    });
  }

  async function openOnboarding(vardcentral: string) {
    const onboarding = () => state.current?.onboarding as NonNullable<AreaState['current']>['onboarding'];
    const step = async <D>(kind: string, assignedOrg: string, schema: AnswerSchema, apply: (d: D, by: TaskActor) => Promise<void> | void) => {
      currentTasks.push(
        await tasks.openTask<D>({
          kind,
          assignedOrg,
          requiredRole: 'case_handler',
          dueInMs: policy.onboardingDueMs,
          input: { areaCode, areaName: input.areaName, vardcentralCode: vardcentral },
          answerSchema: schema,
          onComplete: async (d, by) => {
            await apply(d, by);
            record(by, `onboarding:${kind}`, {});
            await becomeActiveWhenOnboarded();
            await project();
            return { status: state.status };
          },
          onOverdue: escalate,
        }),
      );
    };
    await step<{ contactName: string; guidancePlan: string }>(KIND.assignSupport, 'SLSO', SCHEMAS.support, (d, by) => {
      onboarding().slsoContact = { name: d.contactName, guidancePlan: d.guidancePlan, by };
    });
    await step<{ name: string }>(KIND.nameCoordinator, vardcentral, SCHEMAS.coordinator, (d) => {
      onboarding().coordinatorName = d.name;
    });
    await step<{ municipalContactName: string }>(KIND.confirmContact, vardcentral, SCHEMAS.contact, async (d) => {
      onboarding().municipalContact = { name: d.municipalContactName };
      // The municipality (or district) confirms the contact from its own inbox.
      await step<{ confirmed: true }>(KIND.municipalityConfirms, areaCode, SCHEMAS.confirm, (_c, by) => {
        const contact = onboarding().municipalContact;
        if (contact) contact.confirmedBy = by;
      });
    });
    await step<{ heldOn: string }>(KIND.firstMeeting, vardcentral, SCHEMAS.meeting, (d) => {
      onboarding().firstMeetingOn = d.heldOn;
    });
    await step<{ joinedOn: string }>(KIND.joinSubregional, vardcentral, SCHEMAS.subregional, (d) => {
      onboarding().joinedSubregionalOn = d.joinedOn;
    });
  }

  async function becomeActiveWhenOnboarded() {
    const current = state.current;
    const o = current?.onboarding;
    if (!current || current.activeSince || !o?.slsoContact || !o.coordinatorName || !o.municipalContact?.confirmedBy || !o.firstMeetingOn || !o.joinedSubregionalOn) return;
    current.activeSince = now();
    if (!state.pending) state.status = 'active';
    record(system, 'area_active', { vardcentralCode: current.vardcentralCode });
    void followUpYearly(current.vardcentralCode);
  }

  /** A durable timer per year: SLSO follows up on every active area. */
  async function followUpYearly(vardcentral: string) {
    for (;;) {
      const handedOver = await condition(() => state.current?.vardcentralCode !== vardcentral, policy.followUpIntervalMs);
      if (handedOver) return;
      record(system, 'annual_follow_up_due', { vardcentralCode: vardcentral });
      currentTasks.push(
        await tasks.openTask<{ acknowledged: true; note?: string }>({
          kind: KIND.followUp,
          assignedOrg: 'SLSO',
          requiredRole: 'case_handler',
          dueInMs: policy.onboardingDueMs,
          input: { areaCode, areaName: input.areaName, vardcentralCode: vardcentral },
          answerSchema: SCHEMAS.acknowledge,
          onComplete: (d, by) => {
            record(by, 'annual_follow_up_done', { note: d.note ?? null });
            return { followedUp: true };
          },
        }),
      );
      await project();
    }
  }

  // ---- the process: an area's responsibility lasts as long as the region's organisation does ----------

  record(system, 'area_opened', { areaCode });
  await project();
  opened = true;
  await condition(() => false);
  return state;
}
