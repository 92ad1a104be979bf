/**
 * A coordinating vårdcentral for one area (HSN 2020-0222, HSN 2020-1821): HSN's designation, the vårdcentral's
 * answer, onboarding with SLSO until active, and re-designation that hands over at one instant. Every state and
 * command is deep-frozen, so a rule that mutates its input fails. Fixed instants only.
 */
import type { Actor } from '../case/case';
import { accepted, deepFreeze, nextState, refused, timeline } from '../case/rule-testing';
import {
  acceptDesignation,
  areaListSummary,
  areaParties,
  completeOnboardingStep,
  declineDesignation,
  designate,
  declineAllowed,
  designationProblem,
  endArea,
  followUpDone,
  followUpDue,
  openArea,
  openSuccessor,
} from './area.rules';
import { Area, COORDINATION_DECLINE_ALLOWED_DEFAULT, COORDINATION_EARLIEST_START, OnboardingAnswer, OnboardingStep } from './area.types';

const HSN: Actor = { actor: 'hanna', organisationCode: 'HSN' };
const SLSO: Actor = { actor: 'sara', organisationCode: 'SLSO' };
const EKERO: Actor = { actor: 'maja', organisationCode: '0125' };
const VC1: Actor = { actor: 'vera', organisationCode: 'VC-EKERO' };
const VC2: Actor = { actor: 'viktor', organisationCode: 'VC-TAPPSTROM' };

const DESIGNATED = '2021-01-15T10:00:00+01:00';
const ACCEPTED = '2021-01-18T09:00:00+01:00';
const STEP = '2021-02-10T13:00:00+01:00';
const REDESIGNATED = '2022-05-02T10:00:00+02:00';
const HANDED_OVER = '2022-05-04T15:30:00+02:00';

const opened = (): Area => nextState(openArea(deepFreeze({ caseId: 'area-0125', areaCode: '0125', areaName: 'Ekerö' })));
const designated = (): Area => nextState(designate(opened(), { vardcentralCode: 'VC-EKERO', startDate: '2021-02-01', by: HSN }, DESIGNATED));
const onboarding = (): Area => nextState(acceptDesignation(designated(), VC1, ACCEPTED));

const STEPS: [OnboardingStep, Actor, OnboardingAnswer][] = [
  ['assign_slso_support', SLSO, { contactName: 'Siv Sund', guidancePlan: 'Monthly meetings' }],
  ['name_coordinator', VC1, { name: 'Cecilia Berg' }],
  ['confirm_municipal_contact', VC1, { municipalContactName: 'Maja Ek' }],
  ['municipality_confirms_contact', EKERO, { confirmed: true }],
  ['first_local_meeting', VC1, { heldOn: '2021-02-08' }],
  ['join_subregional', VC1, { joinedOn: '2021-02-09' }],
];
const step = (a: Area, i: number, now = STEP) => completeOnboardingStep(a, `coordination.${STEPS[i][0]}`, STEPS[i][0], deepFreeze({ ...STEPS[i][2] }), STEPS[i][1], now);
/** Onboarding with every step but the last done. */
const allButLast = (a: Area = onboarding()): Area => STEPS.slice(0, -1).reduce((s, _x, i) => nextState(step(s, i)), a);
const active = (): Area => nextState(step(allButLast(), STEPS.length - 1));
const handingOver = (): Area => nextState(designate(active(), { vardcentralCode: 'VC-TAPPSTROM', startDate: '2022-06-01', by: HSN }, REDESIGNATED));

describe('openArea', () => {
  it('opens an area with no vårdcentral yet; the system records it', () => {
    const o = openArea(deepFreeze({ caseId: 'area-0125', areaCode: '0125', areaName: 'Ekerö' }));
    expect(o.state).toEqual({ caseId: 'area-0125', areaCode: '0125', areaName: 'Ekerö', status: 'none', history: [] });
    expect(timeline(o)).toEqual([{ type: 'area_opened', actor: 'system', organisationCode: null, detail: { areaCode: '0125' } }]);
  });
});

describe('areaParties', () => {
  it('the area, HSN and SLSO, then the current and the designated vårdcentral', () => {
    expect(areaParties(opened())).toEqual(['0125', 'HSN', 'SLSO']);
    expect(areaParties(designated())).toEqual(['0125', 'HSN', 'SLSO', 'VC-EKERO']);
    expect(areaParties(handingOver())).toEqual(['0125', 'HSN', 'SLSO', 'VC-EKERO', 'VC-TAPPSTROM']);
  });
});

describe('designationProblem', () => {
  it('accepts HSN designating from 1 February 2021', () => {
    expect(COORDINATION_EARLIEST_START).toBe('2021-02-01');
    expect(designationProblem(deepFreeze({ startDate: '2021-02-01', by: HSN }))).toBeNull();
  });

  it('only HSN designates', () => {
    for (const by of [SLSO, VC1, EKERO]) {
      expect(designationProblem({ startDate: '2021-02-01', by })).toEqual({ refused: 'forbidden', message: 'only HSN designates coordinating vårdcentraler' });
    }
  });

  it.each(['2021-02-30', '2021-2-1', '1 February 2021', ''])('refuses %p as a start date', (startDate) => {
    expect(designationProblem({ startDate, by: HSN })).toEqual({ refused: 'invalid_input', message: 'startDate must be a date YYYY-MM-DD', field: 'startDate' });
  });

  it('refuses a start before 1 February 2021', () => {
    expect(designationProblem({ startDate: '2021-01-31', by: HSN })).toEqual({
      refused: 'invalid_input',
      message: 'startDate must not be before 2021-02-01',
      field: 'startDate',
    });
  });

  it('asks who first', () => {
    expect(designationProblem({ startDate: '2020-01-01', by: SLSO })?.refused).toBe('forbidden');
  });
});

describe('designate', () => {
  it('designates the first vårdcentral: it must now answer', () => {
    const o = accepted(designate(opened(), deepFreeze({ vardcentralCode: 'VC-EKERO', startDate: '2021-02-01', by: HSN }), DESIGNATED));
    expect(o.state).toEqual({ ...opened(), status: 'designated', pending: { vardcentralCode: 'VC-EKERO', startDate: '2021-02-01', by: HSN, at: DESIGNATED } });
    expect(timeline(o)).toEqual([
      { type: 'coordinator_designated', actor: 'hanna', organisationCode: 'HSN', detail: { vardcentralCode: 'VC-EKERO', startDate: '2021-02-01', handover: false } },
    ]);
  });

  it('re-designates: the current vårdcentral keeps the responsibility while the new one answers', () => {
    const before = active();
    const o = accepted(designate(before, { vardcentralCode: 'VC-TAPPSTROM', startDate: '2022-06-01', by: HSN }, REDESIGNATED));
    expect(o.state.status).toBe('handing_over');
    expect(o.state.current).toEqual(before.current);
    expect(o.state.pending).toEqual({ vardcentralCode: 'VC-TAPPSTROM', startDate: '2022-06-01', by: HSN, at: REDESIGNATED });
    expect(timeline(o)[0].detail).toEqual({ vardcentralCode: 'VC-TAPPSTROM', startDate: '2022-06-01', handover: true });
  });

  it('one designation at a time', () => {
    expect(designate(designated(), { vardcentralCode: 'VC-TAPPSTROM', startDate: '2021-02-01', by: HSN }, DESIGNATED)).toEqual({
      refused: 'conflict',
      message: 'VC-EKERO is already designated and has not answered yet',
    });
  });

  it('not the vårdcentral that already holds the responsibility', () => {
    expect(designate(active(), { vardcentralCode: 'VC-EKERO', startDate: '2022-06-01', by: HSN }, REDESIGNATED)).toEqual({
      refused: 'conflict',
      message: 'VC-EKERO already holds the responsibility',
    });
  });

  it('checks the designation itself, then the pending one, then the current one', () => {
    expect(refused(designate(designated(), { vardcentralCode: 'VC-EKERO', startDate: '2021-01-01', by: HSN }, DESIGNATED)).field).toBe('startDate');
    expect(refused(designate(handingOver(), { vardcentralCode: 'VC-EKERO', startDate: '2022-06-01', by: HSN }, REDESIGNATED)).message).toBe(
      'VC-TAPPSTROM is already designated and has not answered yet',
    );
  });
});

describe('acceptDesignation', () => {
  it('the first vårdcentral accepts: it holds the responsibility from now and starts onboarding', () => {
    const o = accepted(acceptDesignation(designated(), VC1, ACCEPTED));
    expect(o.state.status).toBe('onboarding');
    expect(o.state.pending).toBeUndefined();
    expect(o.state.current).toEqual({ vardcentralCode: 'VC-EKERO', startDate: '2021-02-01', acceptedAt: ACCEPTED, onboarding: {} });
    expect(o.state.history).toEqual([{ vardcentralCode: 'VC-EKERO', from: ACCEPTED }]);
    expect(timeline(o)).toEqual([{ type: 'designation_accepted', actor: 'vera', organisationCode: 'VC-EKERO', detail: { vardcentralCode: 'VC-EKERO' } }]);
  });

  it('a handover ends the old responsibility and starts the new one at the same instant: no gap, no overlap', () => {
    const o = accepted(acceptDesignation(handingOver(), VC2, HANDED_OVER));
    const [old, next] = o.state.history;
    expect(o.state.history).toEqual([
      { vardcentralCode: 'VC-EKERO', from: ACCEPTED, to: HANDED_OVER },
      { vardcentralCode: 'VC-TAPPSTROM', from: HANDED_OVER },
    ]);
    expect(old.to).toBe(next.from);
    expect(o.state.status).toBe('onboarding');
    expect(o.state.current).toEqual({ vardcentralCode: 'VC-TAPPSTROM', startDate: '2022-06-01', acceptedAt: HANDED_OVER, onboarding: {} });
    expect(timeline(o)).toEqual([
      { type: 'responsibility_handed_over', actor: 'viktor', organisationCode: 'VC-TAPPSTROM', detail: { from: 'VC-EKERO', to: 'VC-TAPPSTROM' } },
      { type: 'designation_accepted', actor: 'viktor', organisationCode: 'VC-TAPPSTROM', detail: { vardcentralCode: 'VC-TAPPSTROM' } },
    ]);
  });

  it('closes only the open period of the history', () => {
    const twice = nextState(designate(nextState(acceptDesignation(handingOver(), VC2, HANDED_OVER)), { vardcentralCode: 'VC-EKERO', startDate: '2023-01-01', by: HSN }, '2022-12-01T10:00:00+01:00'));
    const o = accepted(acceptDesignation(twice, VC1, '2022-12-02T10:00:00+01:00'));
    expect(o.state.history).toEqual([
      { vardcentralCode: 'VC-EKERO', from: ACCEPTED, to: HANDED_OVER },
      { vardcentralCode: 'VC-TAPPSTROM', from: HANDED_OVER, to: '2022-12-02T10:00:00+01:00' },
      { vardcentralCode: 'VC-EKERO', from: '2022-12-02T10:00:00+01:00' },
    ]);
  });

  it('refuses when nobody is designated', () => {
    const expected = { refused: 'conflict', message: 'no designation waits for an answer' };
    expect(acceptDesignation(opened(), VC1, ACCEPTED)).toEqual(expected);
    expect(acceptDesignation(active(), VC1, ACCEPTED)).toEqual(expected);
  });
});

describe('declineDesignation', () => {
  it('a first designation declined with a reason: the area has no vårdcentral again', () => {
    const o = accepted(declineDesignation(designated(), 'No physician available', VC1));
    expect(o.state.status).toBe('none');
    expect(o.state.pending).toBeUndefined();
    expect(o.state).not.toHaveProperty('current');
    expect(timeline(o)).toEqual([
      { type: 'designation_declined', actor: 'vera', organisationCode: 'VC-EKERO', detail: { vardcentralCode: 'VC-EKERO', reason: 'No physician available' } },
    ]);
  });

  it('a re-designation declined: the current vårdcentral simply keeps the responsibility', () => {
    const before = handingOver();
    const o = accepted(declineDesignation(before, 'Too small', VC2));
    expect(o.state.status).toBe('active');
    expect(o.state.current).toEqual(before.current);
    expect(o.state.history).toEqual(before.history);
  });

  it('while the current one is still onboarding, it goes back to onboarding', () => {
    const s = nextState(designate(onboarding(), { vardcentralCode: 'VC-TAPPSTROM', startDate: '2021-03-01', by: HSN }, STEP));
    expect(s.status).toBe('handing_over');
    expect(accepted(declineDesignation(s, 'Too small', VC2)).state.status).toBe('onboarding');
  });

  it('needs a reason', () => {
    expect(declineDesignation(designated(), undefined, VC1)).toEqual({ refused: 'invalid_decision', message: 'a decline needs a reason' });
    expect(declineDesignation(designated(), '', VC1)).toEqual({ refused: 'invalid_decision', message: 'a decline needs a reason' });
  });

  it('refuses when nobody is designated, before asking for the reason', () => {
    expect(declineDesignation(active(), undefined, VC1)).toEqual({ refused: 'conflict', message: 'no designation waits for an answer' });
  });

  it('COORDINATION_DECLINE_ALLOWED: allowed by default (our assumption), and in cases whose policy predates the setting', () => {
    expect(COORDINATION_DECLINE_ALLOWED_DEFAULT).toBe(true);
    expect(declineAllowed(undefined)).toBe(true);
    expect(declineAllowed({})).toBe(true);
    expect(accepted(declineDesignation(designated(), 'No physician available', VC1, {})).state.status).toBe('none');
    expect(accepted(declineDesignation(designated(), 'No physician available', VC1, { declineAllowed: true })).state.status).toBe('none');
  });

  it('COORDINATION_DECLINE_ALLOWED=false: the designated vårdcentral may only accept', () => {
    expect(declineAllowed({ declineAllowed: false })).toBe(false);
    expect(declineDesignation(designated(), 'No physician available', VC1, deepFreeze({ declineAllowed: false }))).toEqual({
      refused: 'invalid_decision',
      message: "HSN's designation may not be declined (COORDINATION_DECLINE_ALLOWED is false)",
    });
  });
});

describe('openSuccessor (Stockholm district reform, 2023-07-01)', () => {
  /** The first instant of 2023-07-01 in Stockholm (summer time): the instant Rinkeby-Kista and Spånga-Tensta ended. */
  const JARVA_STARTS = '2023-06-30T22:00:00.000Z';
  const jarva = (): Area => nextState(openArea(deepFreeze({ caseId: 'area-jarva', areaCode: '0180-JARVA', areaName: 'Järva' })));
  const predecessors = [
    { areaCode: '0180-RINKEBY-KISTA', vardcentralCode: 'VC-RINKEBY' },
    { areaCode: '0180-SPANGA-TENSTA', vardcentralCode: 'VC-RINKEBY' },
  ];

  it('the vårdcentral of both old districts holds Järva from the instant they ended, and onboards with the new district', () => {
    const o = openSuccessor(jarva(), deepFreeze({ kind: 'carry_over', from: '2023-07-01', vardcentralCode: 'VC-RINKEBY', predecessors }), JARVA_STARTS);
    expect(o.state).toMatchObject({
      status: 'onboarding',
      current: { vardcentralCode: 'VC-RINKEBY', startDate: '2023-07-01', acceptedAt: JARVA_STARTS, onboarding: {} },
      history: [{ vardcentralCode: 'VC-RINKEBY', from: JARVA_STARTS }],
    });
    expect(o.state.pending).toBeUndefined();
    expect(timeline(o)).toEqual([
      {
        type: 'responsibility_carried_over',
        actor: 'system',
        organisationCode: null,
        detail: { vardcentralCode: 'VC-RINKEBY', predecessors: ['0180-RINKEBY-KISTA', '0180-SPANGA-TENSTA'], from: '2023-07-01' },
      },
    ]);
  });

  it('different vårdcentraler: nobody holds Järva yet, and the timeline says HSN must designate', () => {
    const held = [predecessors[0], { areaCode: '0180-SPANGA-TENSTA', vardcentralCode: 'VC-TENSTA' }];
    const o = openSuccessor(jarva(), { kind: 'designate', from: '2023-07-01', reason: 'different_vardcentraler', predecessors: held }, JARVA_STARTS);
    expect(o.state).toEqual(jarva());
    expect(timeline(o)).toEqual([
      { type: 'successor_designation_needed', actor: 'system', organisationCode: null, detail: { predecessors: held, reason: 'different_vardcentraler', from: '2023-07-01' } },
    ]);
  });
});

describe('completeOnboardingStep', () => {
  it.each<[OnboardingStep, number, Partial<NonNullable<Area['current']>['onboarding']>]>([
    ['assign_slso_support', 0, { slsoContact: { name: 'Siv Sund', guidancePlan: 'Monthly meetings', by: SLSO } }],
    ['name_coordinator', 1, { coordinatorName: 'Cecilia Berg' }],
    ['confirm_municipal_contact', 2, { municipalContact: { name: 'Maja Ek' } }],
    ['first_local_meeting', 4, { firstMeetingOn: '2021-02-08' }],
    ['join_subregional', 5, { joinedSubregionalOn: '2021-02-09' }],
  ])('%s records its answer; one timeline event named after the task kind', (name, i, recorded) => {
    const o = accepted(step(onboarding(), i));
    expect(o.state.current?.onboarding).toEqual(recorded);
    expect(o.state.status).toBe('onboarding');
    expect(timeline(o)).toEqual([{ type: `onboarding:coordination.${name}`, actor: STEPS[i][1].actor, organisationCode: STEPS[i][1].organisationCode, detail: {} }]);
  });

  it('the municipality confirms the contact the vårdcentral named', () => {
    const named = nextState(step(onboarding(), 2));
    expect(accepted(step(named, 3)).state.current?.onboarding.municipalContact).toEqual({ name: 'Maja Ek', confirmedBy: EKERO });
  });

  it('keeps the earlier steps', () => {
    expect(allButLast().current?.onboarding).toEqual({
      slsoContact: { name: 'Siv Sund', guidancePlan: 'Monthly meetings', by: SLSO },
      coordinatorName: 'Cecilia Berg',
      municipalContact: { name: 'Maja Ek', confirmedBy: EKERO },
      firstMeetingOn: '2021-02-08',
    });
    expect(allButLast().status).toBe('onboarding');
    expect(allButLast().current).not.toHaveProperty('activeSince');
  });

  it('the last step makes the area active, which the system records', () => {
    const o = accepted(step(allButLast(), 5, '2021-02-11T09:00:00+01:00'));
    expect(o.state.status).toBe('active');
    expect(o.state.current?.activeSince).toBe('2021-02-11T09:00:00+01:00');
    expect(timeline(o)).toEqual([
      { type: 'onboarding:coordination.join_subregional', actor: 'vera', organisationCode: 'VC-EKERO', detail: {} },
      { type: 'area_active', actor: 'system', organisationCode: null, detail: { vardcentralCode: 'VC-EKERO' } },
    ]);
  });

  it('an unconfirmed municipal contact keeps the area onboarding', () => {
    const withoutConfirmation = [0, 1, 2, 4, 5].reduce((s, i) => nextState(step(s, i)), onboarding());
    expect(withoutConfirmation.status).toBe('onboarding');
    expect(withoutConfirmation.current).not.toHaveProperty('activeSince');
  });

  it('is not active while a handover is pending; a decline then leaves it active', () => {
    const pending = nextState(designate(allButLast(), { vardcentralCode: 'VC-TAPPSTROM', startDate: '2021-03-01', by: HSN }, STEP));
    const o = accepted(step(pending, 5));
    expect(o.state.status).toBe('handing_over');
    expect(o.state.current?.activeSince).toBe(STEP);
    expect(timeline(o).map((e) => e.type)).toEqual(['onboarding:coordination.join_subregional', 'area_active']);
    expect(accepted(declineDesignation(deepFreeze(o.state), 'Too small', VC2)).state.status).toBe('active');
  });

  it('once active, a step again changes the answer but not activeSince, and says nothing of activity', () => {
    const a = active();
    const o = accepted(completeOnboardingStep(a, 'coordination.name_coordinator', 'name_coordinator', { name: 'Cecilia Lind' }, VC1, '2021-06-01T10:00:00+02:00'));
    expect(o.state.current?.onboarding.coordinatorName).toBe('Cecilia Lind');
    expect(o.state.current?.activeSince).toBe(a.current?.activeSince);
    expect(o.state.status).toBe('active');
    expect(timeline(o).map((e) => e.type)).toEqual(['onboarding:coordination.name_coordinator']);
  });

  it('refuses when no vårdcentral holds the responsibility', () => {
    expect(step(designated(), 0)).toEqual({ refused: 'conflict', message: 'no vårdcentral holds the responsibility' });
  });
});

describe('follow-up', () => {
  it('followUpDue: the system asks SLSO once a year, the state stays', () => {
    const a = active();
    const o = followUpDue(a, 'VC-EKERO');
    expect(o.state).toBe(a);
    expect(timeline(o)).toEqual([{ type: 'annual_follow_up_due', actor: 'system', organisationCode: null, detail: { vardcentralCode: 'VC-EKERO' } }]);
  });

  it('followUpDone: SLSO records it, with its note or null', () => {
    expect(timeline(followUpDone(active(), 'All well', SLSO))).toEqual([{ type: 'annual_follow_up_done', actor: 'sara', organisationCode: 'SLSO', detail: { note: 'All well' } }]);
    expect(timeline(followUpDone(active(), undefined, SLSO))[0].detail).toEqual({ note: null });
  });
});

describe('areaListSummary', () => {
  it('names the area, its vårdcentral and the designated one', () => {
    expect(areaListSummary(opened())).toEqual({ areaCode: '0125', areaName: 'Ekerö', vardcentralCode: null, pending: null });
    expect(areaListSummary(handingOver())).toEqual({ areaCode: '0125', areaName: 'Ekerö', vardcentralCode: 'VC-EKERO', pending: 'VC-TAPPSTROM' });
  });
});

describe('questionable (not changed here)', () => {
  it.todo(
    'acceptDesignation starts the responsibility (history.from) at the acceptance instant, not at the designated startDate: an acceptance in January 2021 starts it before 2021-02-01, and a handover designated for a future date happens at once',
  );
});

describe('endArea (a district merged into its successor, Stockholm 2023-07-01)', () => {
  it('ends the area with its last day: the vårdcentral holds it to 30 June 2023, and the timeline says who succeeds it', () => {
    const o = accepted(endArea(active(), { lastDay: '2023-06-30', successorCode: '0180-JARVA', by: HSN }));
    expect(o.state).toMatchObject({ status: 'ended', current: { vardcentralCode: 'VC-EKERO' }, history: [{ vardcentralCode: 'VC-EKERO', to: '2023-06-30' }] });
    expect(timeline(o)).toEqual([{ type: 'area_ended', actor: 'hanna', organisationCode: 'HSN', detail: { lastDay: '2023-06-30', successorCode: '0180-JARVA', vardcentralCode: 'VC-EKERO' } }]);
  });

  it('drops a designation still waiting for its answer, and ends an area nobody held', () => {
    const o = accepted(endArea(handingOver(), { lastDay: '2023-06-30', successorCode: '0180-JARVA', by: HSN }));
    expect(o.state.pending).toBeUndefined();
    expect(nextState(endArea(opened(), { lastDay: '2023-06-30', successorCode: '0180-JARVA', by: HSN }))).toMatchObject({ status: 'ended', history: [] });
  });

  it('ends once, and only on a real date', () => {
    const ended = nextState(endArea(active(), { lastDay: '2023-06-30', successorCode: '0180-JARVA', by: HSN }));
    expect(refused(endArea(ended, { lastDay: '2023-06-30', successorCode: '0180-JARVA', by: HSN }))).toMatchObject({ refused: 'conflict' });
    expect(refused(endArea(active(), { lastDay: '2023-06-31', successorCode: '0180-JARVA', by: HSN }))).toMatchObject({ refused: 'invalid_input', field: 'lastDay' });
  });
});
