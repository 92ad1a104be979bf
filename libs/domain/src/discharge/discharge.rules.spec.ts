/**
 * The discharge handover's rules (Lag 2017:612, the 2020 patient-flow rules): what each request and task answer
 * changes, the timeline events it produces, and each refusal in the order the checks run. Every state and command
 * is deep-frozen, so a rule that mutates its input fails. Fixed instants only (Stockholm is UTC+1 in November).
 */
import type { Actor } from '../case/case';
import { accepted, deepFreeze, nextState, refused, timeline } from '../case/rule-testing';
import {
  acknowledgeNotice,
  acknowledgeReady,
  appointFastVardkontakt,
  assessNeeds,
  awaitDailyAmounts,
  callSip,
  cancelDischargeHandover,
  changeEstimatedDischargeDate,
  declareReadyForDischarge,
  determinePaymentLiability,
  dischargeCaseEnded,
  DischargeNotice,
  dischargeNoticeProblem,
  estimatedDischargeDateProblem,
  ESTIMATED_DISCHARGE_MAX_DAYS_AHEAD,
  dischargeParties,
  FUTURE_TOLERANCE_MS,
  liabilityYears,
  missingStepsForDischarge,
  needsAssessmentProblem,
  openDischargeCase,
  provideInformation,
  recordDischarge,
  recordInvoice,
  revokeReadyForDischarge,
  RULES_BEFORE_ISSUE_11,
  CURRENT_RULES,
  takeOverMedicalResponsibility,
} from './discharge.rules';
import type { DischargeCase, NeedsAssessmentDecision } from './discharge.types';
import { dischargeListSummary, dischargeSummary } from './discharge.views';

const KS: Actor = { actor: 'karin', organisationCode: 'KS' };
const OTHER_HOSPITAL: Actor = { actor: 'sven', organisationCode: 'SÖS' };
const EKERO: Actor = { actor: 'maja', organisationCode: '0125' };
const VC: Actor = { actor: 'vera', organisationCode: 'VC-EKERO' };
const ASIH: Actor = { actor: 'anders', organisationCode: 'ASIH-NORD' };
const HSF_FIN: Actor = { actor: 'fia', organisationCode: 'HSF-FIN' };

/** Monday 22 November 2027, 08:15 in Stockholm. */
const ADMITTED = '2027-11-22T08:15:00+01:00';
const OPENED = '2027-11-22T10:00:00+01:00';
/** Thursday 25 November 2027, 10:00 in Stockholm: "now" for the requests. */
const NOW = '2027-11-25T10:00:00+01:00';
const DECLARED = '2027-11-25T09:00:00+01:00';
const LATER = '2027-11-29T10:00:00+01:00';

const plusMs = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();

function notice(over: Partial<DischargeNotice> = {}): DischargeNotice {
  return deepFreeze({
    caseId: 'case-1',
    openedBy: KS,
    hospitalCode: 'KS',
    municipalityCode: '0125',
    vardcentralCode: 'VC-EKERO',
    asihCode: 'ASIH-NORD',
    careType: 'somatic',
    needs: { municipal: ['home_care'], region: ['primary_care_home_health_care'] },
    admittedAt: ADMITTED,
    openedAt: OPENED,
    estimatedDischargeDate: '2027-11-26',
    noticeDeadlineHours: 24,
    ...over,
  });
}

/** A case in planning, frozen. */
const planning = (over: Partial<DischargeCase> = {}): DischargeCase => deepFreeze({ ...openDischargeCase(notice()).state, ...over });

/** The later of NOW and an instant: when a step taken at `instant` is recorded. */
const atOrAfter = (instant: string) => (Date.parse(instant) > Date.parse(NOW) ? instant : NOW);

/** Declared ready (by default on a weekday, Thursday 09:00: the vårdcentral takes over). */
const ready = (declaredAt = DECLARED, plannedDischargeAt?: string): DischargeCase =>
  nextState(declareReadyForDischarge(planning(), { ...KS, declaredAt, ...(plannedDischargeAt ? { plannedDischargeAt } : {}) }, atOrAfter(declaredAt)));

/**
 * Ready, with the routine's checklist done (primary care's kvittens, the fast vårdkontakt, the SIP call, the
 * acknowledged takeover) and the municipality's decision: the discharge may be recorded.
 */
function readyToLeave(declaredAt = DECLARED): DischargeCase {
  const now = atOrAfter(declaredAt);
  let s = nextState(acknowledgeReady(ready(declaredAt), 'primaryCare', VC, now));
  s = nextState(appointFastVardkontakt(s, { name: 'Eva Ek' }, VC, now));
  s = nextState(callSip(s, { plannedSipDate: '2027-11-29' }, VC, now));
  const withTakeover = nextState(takeOverMedicalResponsibility(s, { acknowledged: true }, VC, now));
  return nextState(assessNeeds(withTakeover, { outcome: 'granted', services: ['home_care'], startDate: '2027-11-26' }, EKERO, now));
}

const discharged = (dischargedAt: string, declaredAt = DECLARED, now = LATER): DischargeCase =>
  nextState(recordDischarge(readyToLeave(declaredAt), { ...KS, dischargedAt }, now));

describe('dischargeNoticeProblem (before a case opens)', () => {
  it('accepts an inskrivningsmeddelande admitted in the past and an estimated date from the admission day on', () => {
    expect(dischargeNoticeProblem(deepFreeze({ admittedAt: ADMITTED, estimatedDischargeDate: '2027-11-22' }), NOW)).toBeNull();
  });

  it('tolerates a caller clock up to 5 minutes ahead, not more', () => {
    expect(FUTURE_TOLERANCE_MS).toBe(5 * 60_000);
    expect(dischargeNoticeProblem({ admittedAt: plusMs(NOW, FUTURE_TOLERANCE_MS), estimatedDischargeDate: '2027-11-30' }, NOW)).toBeNull();
    expect(dischargeNoticeProblem({ admittedAt: plusMs(NOW, FUTURE_TOLERANCE_MS + 1000), estimatedDischargeDate: '2027-11-30' }, NOW)).toEqual({
      refused: 'invalid_input',
      message: 'admittedAt is in the future',
      field: 'admittedAt',
    });
  });

  it('refuses an estimated discharge date before the Stockholm date of the admission', () => {
    // 23:30 UTC on 21 November is 00:30 on 22 November in Stockholm.
    const admittedAt = '2027-11-21T23:30:00Z';
    expect(dischargeNoticeProblem({ admittedAt, estimatedDischargeDate: '2027-11-22' }, NOW)).toBeNull();
    expect(dischargeNoticeProblem({ admittedAt, estimatedDischargeDate: '2027-11-21' }, NOW)).toEqual({
      refused: 'invalid_input',
      message: 'estimatedDischargeDate is before the admission date',
      field: 'estimatedDischargeDate',
    });
  });

  it('refuses an admission more than the configured number of days before now (default 365)', () => {
    expect(dischargeNoticeProblem({ admittedAt: plusMs(NOW, -365 * 86_400_000), estimatedDischargeDate: '2027-11-30' }, NOW)).toBeNull();
    expect(dischargeNoticeProblem({ admittedAt: plusMs(NOW, -365 * 86_400_000 - 1000), estimatedDischargeDate: '2027-11-30' }, NOW)).toEqual({
      refused: 'invalid_input',
      message: 'admittedAt is more than 365 days ago',
      field: 'admittedAt',
    });
    expect(dischargeNoticeProblem({ admittedAt: '2027-10-20T08:00:00+02:00', estimatedDischargeDate: '2027-11-30' }, NOW, 30)).toMatchObject({
      message: 'admittedAt is more than 30 days ago',
    });
    expect(dischargeNoticeProblem({ admittedAt: '2021-02-20T08:00:00+01:00', estimatedDischargeDate: '2021-03-01' }, NOW, 36_500)).toBeNull();
  });

  it('refuses an estimated discharge date more than a year after today (Stockholm), however far the admission', () => {
    expect(ESTIMATED_DISCHARGE_MAX_DAYS_AHEAD).toBe(365);
    // NOW is 25 November 2027 in Stockholm: 2028 is a leap year, so 365 days on is 24 November 2028.
    expect(dischargeNoticeProblem({ admittedAt: ADMITTED, estimatedDischargeDate: '2028-11-24' }, NOW)).toBeNull();
    expect(dischargeNoticeProblem({ admittedAt: ADMITTED, estimatedDischargeDate: '2028-11-25' }, NOW)).toEqual({
      refused: 'invalid_input',
      message: 'estimatedDischargeDate is more than 365 days ahead (latest 2028-11-24)',
      field: 'estimatedDischargeDate',
    });
    expect(estimatedDischargeDateProblem('9999-12-31', NOW)).toMatchObject({ field: 'estimatedDischargeDate' });
    // 23:30 UTC on 31 December is already 1 January in Stockholm: the year counts from the Stockholm date.
    expect(estimatedDischargeDateProblem('2028-12-31', '2027-12-31T23:30:00Z')).toBeNull();
  });

  it('names the future admission first when both are wrong', () => {
    expect(dischargeNoticeProblem({ admittedAt: '2027-12-01T10:00:00+01:00', estimatedDischargeDate: '2027-11-01' }, NOW)).toMatchObject({ field: 'admittedAt' });
  });
});

describe('openDischargeCase', () => {
  it('opens a case in planning, with no acknowledgements yet, and a SIP when both municipal and region services are needed', () => {
    const o = openDischargeCase(notice());
    expect(o.state).toEqual({
      caseId: 'case-1',
      status: 'planning',
      hospitalCode: 'KS',
      municipalityCode: '0125',
      vardcentralCode: 'VC-EKERO',
      asihCode: 'ASIH-NORD',
      careType: 'somatic',
      needs: { municipal: ['home_care'], region: ['primary_care_home_health_care'] },
      admittedAt: ADMITTED,
      openedAt: OPENED,
      estimatedDischargeDate: '2027-11-26',
      lateNotice: { late: false, delayMinutes: 0 },
      acknowledgements: {},
      informationRequests: [],
      readyAcknowledgements: {},
      sip: { required: true },
      joinedParties: [],
    });
    expect(timeline(o)).toEqual([
      {
        type: 'case_opened',
        actor: 'karin',
        organisationCode: 'KS',
        detail: { estimatedDischargeDate: '2027-11-26', needs: { municipal: ['home_care'], region: ['primary_care_home_health_care'] } },
      },
    ]);
    expect(o.effects).toBeUndefined();
  });

  it.each([
    ['only municipal services', { municipal: ['home_care' as const], region: [] }],
    ['only region services', { municipal: [], region: ['asih' as const] }],
  ])('needs no SIP with %s', (_what, needs) => {
    expect(openDischargeCase(notice({ needs })).state.sip).toEqual({ required: false });
  });

  it('marks a notice sent after the deadline, with its delay, on the timeline', () => {
    // 24 hours after 08:15 is 08:15 the next day; sent 09:15, one hour late.
    const o = openDischargeCase(notice({ openedAt: '2027-11-23T09:15:00+01:00' }));
    expect(o.state.lateNotice).toEqual({ late: true, delayMinutes: 60 });
    expect(timeline(o).map((e) => [e.type, e.actor, e.detail])).toEqual([
      ['case_opened', 'karin', expect.any(Object)],
      ['notice_late', 'karin', { delayMinutes: 60 }],
    ]);
  });

  it('is on time exactly at the deadline', () => {
    const o = openDischargeCase(notice({ openedAt: '2027-11-23T08:15:00+01:00' }));
    expect(o.state.lateNotice.late).toBe(false);
    expect(o.events).toHaveLength(1);
  });
});

describe('dischargeParties', () => {
  it('is the hospital, the municipality and the vårdcentral, then anyone who joined, each once', () => {
    expect(dischargeParties(planning())).toEqual(['KS', '0125', 'VC-EKERO']);
    expect(dischargeParties(planning({ joinedParties: ['ASIH-NORD', 'KS', 'HSF-FIN'] }))).toEqual(['KS', '0125', 'VC-EKERO', 'ASIH-NORD', 'HSF-FIN']);
  });
});

describe('requests only the opening hospital makes', () => {
  const requests: [string, (s: DischargeCase, by: Actor) => unknown][] = [
    ['changeEstimatedDischargeDate', (s, by) => changeEstimatedDischargeDate(s, { ...by, estimatedDischargeDate: '2027-11-30' })],
    ['declareReadyForDischarge', (s, by) => declareReadyForDischarge(s, { ...by, declaredAt: DECLARED }, NOW)],
    ['revokeReadyForDischarge', (s, by) => revokeReadyForDischarge(s, { ...by, reason: 'fever' })],
    ['recordDischarge', (s, by) => recordDischarge(s, { ...by, dischargedAt: NOW }, NOW)],
    ['cancelDischargeHandover', (s, by) => cancelDischargeHandover(s, { ...by, reason: 'opened_in_error' }, NOW)],
  ];

  it.each(requests)('%s: another hospital, the municipality or the vårdcentral is forbidden', (_name, request) => {
    for (const by of [OTHER_HOSPITAL, EKERO, VC]) {
      expect(request(readyToLeave(), deepFreeze({ ...by }))).toEqual({ refused: 'forbidden', message: 'only the hospital that opened the case can do this' });
    }
  });

  it.each(requests)('%s: a cancelled case refuses, before asking who asks', (_name, request) => {
    const cancelled = nextState(cancelDischargeHandover(planning(), { ...KS, reason: 'patient_died' }, NOW));
    expect(request(cancelled, KS)).toEqual({ refused: 'conflict', message: 'the case is cancelled' });
    expect(request(cancelled, EKERO)).toEqual({ refused: 'conflict', message: 'the case is cancelled' });
  });

  it.each(requests)('%s: a discharged case refuses', (_name, request) => {
    const done = discharged('2027-11-25T11:00:00+01:00');
    expect(request(done, KS)).toEqual({ refused: 'conflict', message: 'the case is discharged' });
  });
});

describe('changeEstimatedDischargeDate', () => {
  it('changes the date and tells the parties from what to what', () => {
    const s = planning();
    const o = accepted(changeEstimatedDischargeDate(s, deepFreeze({ ...KS, estimatedDischargeDate: '2027-11-30' })));
    expect(o.state).toEqual({ ...s, estimatedDischargeDate: '2027-11-30' });
    expect(timeline(o)).toEqual([{ type: 'estimated_discharge_date_changed', actor: 'karin', organisationCode: 'KS', detail: { from: '2027-11-26', to: '2027-11-30' } }]);
  });

  it('accepts the admission day itself, also once the patient is ready', () => {
    expect(accepted(changeEstimatedDischargeDate(ready(), { ...KS, estimatedDischargeDate: '2027-11-22' })).state.estimatedDischargeDate).toBe('2027-11-22');
  });

  it('refuses a date before the admission date, naming the field', () => {
    expect(changeEstimatedDischargeDate(planning(), { ...KS, estimatedDischargeDate: '2027-11-21' })).toEqual({
      refused: 'invalid_input',
      message: 'estimatedDischargeDate is before the admission date',
      field: 'estimatedDischargeDate',
    });
  });

  it('refuses the date it already has', () => {
    expect(changeEstimatedDischargeDate(planning(), { ...KS, estimatedDischargeDate: '2027-11-26' })).toEqual({
      refused: 'conflict',
      message: 'estimatedDischargeDate is already 2027-11-26',
    });
  });

  it('checks who asks before the date', () => {
    expect(refused(changeEstimatedDischargeDate(planning(), { ...EKERO, estimatedDischargeDate: '2027-11-01' })).refused).toBe('forbidden');
  });
});

describe('declareReadyForDischarge (utskrivningsklar)', () => {
  it('on a weekday: ready now, the patient leaves when declared, and the vårdcentral takes over', () => {
    const s = planning();
    const o = accepted(declareReadyForDischarge(s, deepFreeze({ ...KS, declaredAt: DECLARED }), NOW));
    expect(o.state).toEqual({
      ...s,
      status: 'ready_for_discharge',
      readyForDischargeAt: DECLARED,
      // The notice went out with the request (NOW, 10:00); the doctor judged the patient ready at 09:00.
      readyNoticeAt: NOW,
      plannedDischargeAt: DECLARED,
      readyAcknowledgements: {},
      takeover: { receiver: 'primary_care', organisationCode: 'VC-EKERO' },
      joinedParties: [],
    });
    expect(timeline(o)).toEqual([
      {
        type: 'ready_for_discharge_declared',
        actor: 'karin',
        organisationCode: 'KS',
        detail: {
          declaredAt: DECLARED,
          noticeAt: NOW,
          plannedDischargeAt: DECLARED,
          takeover: {
            receiver: 'primary_care',
            organisationCode: 'VC-EKERO',
            date: '2027-11-25',
            day: 'weekday',
            withinAsihHours: true,
            holidayEves: 'helg',
            rule: 'a weekday: the vårdcentral takes over',
          },
        },
      },
    ]);
  });

  it('a discharge planned for Saturday 13:00 Stockholm time goes to ASIH, which joins the parties', () => {
    // Saturday 27 November 2027; 12:00 UTC is 13:00 in Stockholm.
    const o = accepted(declareReadyForDischarge(planning(), { ...KS, declaredAt: DECLARED, plannedDischargeAt: '2027-11-27T12:00:00Z' }, NOW));
    expect(o.state.takeover).toEqual({ receiver: 'asih', organisationCode: 'ASIH-NORD' });
    expect(o.state.plannedDischargeAt).toBe('2027-11-27T12:00:00Z');
    expect(o.state.joinedParties).toEqual(['ASIH-NORD']);
    expect(dischargeParties(o.state)).toEqual(['KS', '0125', 'VC-EKERO', 'ASIH-NORD']);
    expect(timeline(o)[0].detail).toMatchObject({
      declaredAt: DECLARED,
      plannedDischargeAt: '2027-11-27T12:00:00Z',
      takeover: { receiver: 'asih', organisationCode: 'ASIH-NORD', day: 'saturday', rule: 'saturday 08:00–17:00: ASIH takes over' },
    });
  });

  it('a discharge planned for Saturday evening stays with the vårdcentral', () => {
    const o = accepted(declareReadyForDischarge(planning(), { ...KS, declaredAt: DECLARED, plannedDischargeAt: '2027-11-27T18:00:00+01:00' }, NOW));
    expect(o.state.takeover).toEqual({ receiver: 'primary_care', organisationCode: 'VC-EKERO' });
    expect(o.state.joinedParties).toEqual([]);
  });

  it('ASIH joins once, however often the patient is declared ready for a weekend', () => {
    const saturday = '2027-11-27T13:00:00+01:00';
    const first = ready(DECLARED, saturday);
    const revoked = nextState(revokeReadyForDischarge(first, { ...KS, reason: 'fever' }));
    const again = accepted(declareReadyForDischarge(revoked, { ...KS, declaredAt: NOW, plannedDischargeAt: saturday }, NOW));
    expect(again.state.joinedParties).toEqual(['ASIH-NORD']);
  });

  it('starts a new notice: earlier acknowledgements of readiness do not count', () => {
    const s = planning({ readyAcknowledgements: { municipality: { at: OPENED, actor: 'maja', organisationCode: '0125' } } });
    expect(accepted(declareReadyForDischarge(s, { ...KS, declaredAt: DECLARED }, NOW)).state.readyAcknowledgements).toEqual({});
  });

  it('refuses a patient already declared ready', () => {
    expect(declareReadyForDischarge(ready(), { ...KS, declaredAt: DECLARED }, NOW)).toEqual({
      refused: 'conflict',
      message: 'the patient is already declared ready for discharge',
    });
  });

  it('tolerates declaredAt up to 5 minutes ahead of now, and refuses it further in the future', () => {
    expect(accepted(declareReadyForDischarge(planning(), { ...KS, declaredAt: plusMs(NOW, FUTURE_TOLERANCE_MS) }, NOW)).state.status).toBe('ready_for_discharge');
    expect(declareReadyForDischarge(planning(), { ...KS, declaredAt: plusMs(NOW, FUTURE_TOLERANCE_MS + 60_000) }, NOW)).toEqual({
      refused: 'invalid_input',
      message: 'declaredAt is in the future',
      field: 'declaredAt',
    });
  });

  it('refuses declaredAt before the admission', () => {
    expect(declareReadyForDischarge(planning(), { ...KS, declaredAt: '2027-11-22T08:14:00+01:00' }, NOW)).toEqual({
      refused: 'invalid_input',
      message: 'declaredAt is before the admission',
      field: 'declaredAt',
    });
    expect(accepted(declareReadyForDischarge(planning(), { ...KS, declaredAt: ADMITTED }, NOW)).state.readyForDischargeAt).toBe(ADMITTED);
  });

  it('refuses a planned discharge before the declaration', () => {
    expect(declareReadyForDischarge(planning(), { ...KS, declaredAt: DECLARED, plannedDischargeAt: '2027-11-25T08:59:00+01:00' }, NOW)).toEqual({
      refused: 'invalid_input',
      message: 'plannedDischargeAt is before declaredAt',
      field: 'plannedDischargeAt',
    });
  });

  it('runs its checks in order: who, the state, then the times', () => {
    const future = plusMs(NOW, 3_600_000);
    expect(refused(declareReadyForDischarge(planning(), { ...EKERO, declaredAt: future }, NOW)).refused).toBe('forbidden');
    expect(refused(declareReadyForDischarge(ready(), { ...KS, declaredAt: future }, NOW)).refused).toBe('conflict');
    expect(refused(declareReadyForDischarge(planning(), { ...KS, declaredAt: future, plannedDischargeAt: ADMITTED }, NOW)).field).toBe('declaredAt');
  });
});

describe('revokeReadyForDischarge', () => {
  it('clears the readiness, its acknowledgements and the planned takeover, and says why', () => {
    const acknowledged = nextState(acknowledgeReady(ready(), 'municipality', EKERO, NOW));
    const o = accepted(revokeReadyForDischarge(acknowledged, deepFreeze({ ...KS, reason: 'fever again' })));
    expect(o.state.status).toBe('planning');
    expect(o.state.readyAcknowledgements).toEqual({});
    expect(o.state).not.toHaveProperty('readyForDischargeAt');
    expect(o.state).not.toHaveProperty('plannedDischargeAt');
    expect(o.state).not.toHaveProperty('takeover');
    expect(timeline(o)).toEqual([{ type: 'ready_for_discharge_revoked', actor: 'karin', organisationCode: 'KS', detail: { reason: 'fever again', declaredAt: DECLARED } }]);
  });

  it('keeps what planning already has (acknowledgements, the municipal decision)', () => {
    const s = readyToLeave();
    const o = accepted(revokeReadyForDischarge(s, { ...KS, reason: 'fever' }));
    expect(o.state.assessment).toEqual(s.assessment);
    expect(missingStepsForDischarge(o.state)).toEqual(['ready_for_discharge_declared']);
  });

  it('refuses when the patient is not declared ready', () => {
    expect(revokeReadyForDischarge(planning(), { ...KS, reason: 'fever' })).toEqual({ refused: 'conflict', message: 'the patient is not declared ready for discharge' });
  });

  it('asks who asks before the state', () => {
    expect(refused(revokeReadyForDischarge(planning(), { ...VC, reason: 'fever' })).refused).toBe('forbidden');
  });
});

describe('missingStepsForDischarge', () => {
  it('waits first of all for the utskrivningsklar notice', () => {
    expect(missingStepsForDischarge(planning())).toEqual(['ready_for_discharge_declared']);
  });

  it("then for the routine's checklist and the municipal decision, in that order (psykiatristod.se, Gemensam rutin)", () => {
    expect(missingStepsForDischarge(ready())).toEqual([
      'ready_for_discharge_acknowledged_by_primary_care',
      'fast_vardkontakt_appointed',
      'sip_called',
      'takeover_of_medical_responsibility_acknowledged',
      'municipal_decision_on_services',
    ]);
    const acknowledged = nextState(acknowledgeReady(ready(), 'primaryCare', VC, NOW));
    expect(missingStepsForDischarge(acknowledged)[0]).toBe('fast_vardkontakt_appointed');
    const takenOver = nextState(takeOverMedicalResponsibility(ready(), { acknowledged: true }, VC, NOW));
    expect(missingStepsForDischarge(takenOver)).not.toContain('takeover_of_medical_responsibility_acknowledged');
    const decided = nextState(assessNeeds(ready(), { outcome: 'not_needed' }, EKERO, NOW));
    expect(missingStepsForDischarge(decided)).not.toContain('municipal_decision_on_services');
    expect(missingStepsForDischarge(readyToLeave())).toEqual([]);
  });

  it("the municipality's kvittens is not on primary care's checklist", () => {
    const byMunicipality = nextState(acknowledgeReady(ready(), 'municipality', EKERO, NOW));
    expect(missingStepsForDischarge(byMunicipality)[0]).toBe('ready_for_discharge_acknowledged_by_primary_care');
  });

  it('no SIP call is waited for when only region services are needed', () => {
    const regionOnly = nextState(declareReadyForDischarge(planning({ needs: { municipal: [], region: ['asih'] }, sip: { required: false } }), { ...KS, declaredAt: DECLARED }, NOW));
    expect(missingStepsForDischarge(regionOnly)).not.toContain('sip_called');
  });

  it('cases opened before issue 11 keep their checklist: the takeover and the municipal decision only', () => {
    const old = nextState(declareReadyForDischarge(planning(), { ...KS, declaredAt: DECLARED }, NOW, RULES_BEFORE_ISSUE_11));
    expect(missingStepsForDischarge(old, RULES_BEFORE_ISSUE_11)).toEqual(['takeover_of_medical_responsibility_acknowledged', 'municipal_decision_on_services']);
  });

  it('a question to the hospital is not a decision', () => {
    const asked = nextState(assessNeeds(ready(), { outcome: 'more_information_requested', question: 'Stairs at home?' }, EKERO, NOW));
    expect(missingStepsForDischarge(asked)).toContain('municipal_decision_on_services');
  });
});

describe('recordDischarge', () => {
  it('discharges the same day: 0 days from the notice, the target', () => {
    const o = accepted(recordDischarge(readyToLeave(), deepFreeze({ ...KS, dischargedAt: '2027-11-25T09:45:00+01:00' }), NOW));
    expect(o.state.status).toBe('discharged');
    expect(o.state.discharge).toEqual({ dischargedAt: '2027-11-25T09:45:00+01:00', daysFromReady: 0, sameDay: true, paymentLiability: null });
    expect(timeline(o)).toEqual([{ type: 'discharged', actor: 'karin', organisationCode: 'KS', detail: { dischargedAt: '2027-11-25T09:45:00+01:00', daysFromReady: 0 } }]);
  });

  it('counts calendar days in Stockholm', () => {
    // 23:30 UTC on Thursday 25 November is 00:30 on Friday in Stockholm: one day after the notice.
    const o = accepted(recordDischarge(readyToLeave(), { ...KS, dischargedAt: '2027-11-25T23:30:00Z' }, LATER));
    expect(o.state.discharge).toMatchObject({ daysFromReady: 1, sameDay: false });
  });

  it('refuses while steps are missing, naming them in order', () => {
    const takenOver = nextState(takeOverMedicalResponsibility(ready(), { acknowledged: true }, VC, NOW));
    expect(recordDischarge(takenOver, { ...KS, dischargedAt: NOW }, NOW)).toEqual({
      refused: 'conflict',
      message: 'discharge refused: missing ready_for_discharge_acknowledged_by_primary_care, fast_vardkontakt_appointed, sip_called, municipal_decision_on_services',
      details: { missingSteps: ['ready_for_discharge_acknowledged_by_primary_care', 'fast_vardkontakt_appointed', 'sip_called', 'municipal_decision_on_services'] },
    });
    expect(recordDischarge(planning(), { ...KS, dischargedAt: NOW }, NOW)).toEqual({
      refused: 'conflict',
      message: 'discharge refused: missing ready_for_discharge_declared',
      details: { missingSteps: ['ready_for_discharge_declared'] },
    });
  });

  it('refuses a discharge time in the future (beyond the tolerance)', () => {
    expect(recordDischarge(readyToLeave(), { ...KS, dischargedAt: plusMs(NOW, FUTURE_TOLERANCE_MS + 1000) }, NOW)).toEqual({
      refused: 'invalid_input',
      message: 'dischargedAt is in the future',
      field: 'dischargedAt',
    });
  });

  it('refuses a discharge before the patient was declared ready', () => {
    expect(recordDischarge(readyToLeave(), { ...KS, dischargedAt: '2027-11-25T08:59:00+01:00' }, NOW)).toEqual({
      refused: 'invalid_input',
      message: 'dischargedAt is before the patient was declared ready',
      field: 'dischargedAt',
    });
  });

  it('names missing steps before a wrong time', () => {
    expect(refused(recordDischarge(ready(), { ...KS, dischargedAt: '2028-01-01T10:00:00+01:00' }, NOW)).refused).toBe('conflict');
  });
});

describe('cancelDischargeHandover', () => {
  it.each(['patient_died', 'moved_to_other_inpatient_care', 'opened_in_error'] as const)('ends the case: %s', (reason) => {
    const o = accepted(cancelDischargeHandover(ready(), deepFreeze({ ...KS, reason }), NOW));
    expect(o.state.status).toBe('cancelled');
    expect(o.state.cancellation).toEqual({ reason, at: NOW });
    expect(timeline(o)).toEqual([{ type: 'case_cancelled', actor: 'karin', organisationCode: 'KS', detail: { reason } }]);
    expect(dischargeCaseEnded(o.state)).toBe(true);
  });
});

describe('answers to the case tasks', () => {
  it('acknowledgeNotice records who acknowledged for which party, keeping the other', () => {
    const first = accepted(acknowledgeNotice(planning(), 'municipality', deepFreeze({ acknowledged: true as const }), EKERO, NOW));
    expect(first.state.acknowledgements).toEqual({ municipality: { at: NOW, actor: 'maja', organisationCode: '0125' } });
    expect(timeline(first)).toEqual([{ type: 'notice_acknowledged', actor: 'maja', organisationCode: '0125', detail: { party: 'municipality', comment: null } }]);
    const second = accepted(acknowledgeNotice(deepFreeze(first.state), 'primaryCare', { acknowledged: true, comment: 'planning started' }, VC, LATER));
    expect(second.state.acknowledgements).toEqual({
      municipality: { at: NOW, actor: 'maja', organisationCode: '0125' },
      primaryCare: { at: LATER, actor: 'vera', organisationCode: 'VC-EKERO' },
    });
    expect(timeline(second)[0].detail).toEqual({ party: 'primaryCare', comment: 'planning started' });
  });

  it('appointFastVardkontakt names the contact; the phone number stays off the timeline', () => {
    const o = accepted(appointFastVardkontakt(planning(), deepFreeze({ name: 'Eva Ek', phone: '08-123 456' }), VC, NOW));
    expect(o.state.fastVardkontakt).toEqual({ at: NOW, actor: 'vera', organisationCode: 'VC-EKERO', name: 'Eva Ek', phone: '08-123 456' });
    expect(timeline(o)).toEqual([{ type: 'fast_vardkontakt_appointed', actor: 'vera', organisationCode: 'VC-EKERO', detail: { name: 'Eva Ek' } }]);
    expect(accepted(appointFastVardkontakt(planning(), { name: 'Eva Ek' }, VC, NOW)).state.fastVardkontakt).not.toHaveProperty('phone');
  });

  describe('needsAssessmentProblem', () => {
    it.each<[string, NeedsAssessmentDecision, string | null]>([
      ['granted with services and start', { outcome: 'granted', services: ['home_care'], startDate: '2027-11-26' }, null],
      ['not needed', { outcome: 'not_needed' }, null],
      ['a question', { outcome: 'more_information_requested', question: 'Stairs at home?' }, null],
      ['granted without services', { outcome: 'granted', startDate: '2027-11-26' }, 'a granted decision needs services and startDate'],
      ['granted with no service', { outcome: 'granted', services: [], startDate: '2027-11-26' }, 'a granted decision needs services and startDate'],
      ['granted without start', { outcome: 'granted', services: ['home_care'] }, 'a granted decision needs services and startDate'],
      ['a request without its question', { outcome: 'more_information_requested' }, 'asking for more information needs a question'],
      ['not needed with services', { outcome: 'not_needed', services: ['home_care'] }, 'services and startDate belong to a granted decision'],
      ['not needed with a start', { outcome: 'not_needed', startDate: '2027-11-26' }, 'services and startDate belong to a granted decision'],
      ['a question with services', { outcome: 'more_information_requested', question: 'Stairs?', services: ['lss'] }, 'services and startDate belong to a granted decision'],
    ])('%s', (_what, d, problem) => {
      expect(needsAssessmentProblem(deepFreeze(d))).toBe(problem);
    });
  });

  describe('assessNeeds', () => {
    it('records a granted decision with its services and start', () => {
      const o = accepted(assessNeeds(planning(), deepFreeze({ outcome: 'granted' as const, services: ['home_care' as const], startDate: '2027-11-26' }), EKERO, NOW));
      expect(o.state.assessment).toEqual({ at: NOW, actor: 'maja', organisationCode: '0125', outcome: 'granted', services: ['home_care'], startDate: '2027-11-26' });
      expect(timeline(o)).toEqual([
        { type: 'needs_assessed', actor: 'maja', organisationCode: '0125', detail: { outcome: 'granted', services: ['home_care'], startDate: '2027-11-26' } },
      ]);
    });

    it('records that no services are needed', () => {
      const o = accepted(assessNeeds(planning(), { outcome: 'not_needed' }, EKERO, NOW));
      expect(o.state.assessment).toEqual({ at: NOW, actor: 'maja', organisationCode: '0125', outcome: 'not_needed', services: [] });
      expect(timeline(o)[0].detail).toEqual({ outcome: 'not_needed', services: [], startDate: null });
    });

    it('asks the hospital first: the question is kept, no decision yet', () => {
      const o = accepted(assessNeeds(planning(), { outcome: 'more_information_requested', question: 'Stairs at home?' }, EKERO, NOW));
      expect(o.state.informationRequests).toEqual([{ question: 'Stairs at home?', askedAt: NOW }]);
      expect(o.state).not.toHaveProperty('assessment');
      expect(timeline(o)).toEqual([{ type: 'more_information_requested', actor: 'maja', organisationCode: '0125', detail: { question: 'Stairs at home?' } }]);
    });

    it('refuses an incomplete decision as an invalid decision', () => {
      expect(assessNeeds(planning(), { outcome: 'granted' }, EKERO, NOW)).toEqual({ refused: 'invalid_decision', message: 'a granted decision needs services and startDate' });
    });
  });

  it('provideInformation answers the question it was asked for, and only that one', () => {
    const asked = planning({
      informationRequests: [
        { question: 'Stairs at home?', askedAt: OPENED },
        { question: 'Oxygen?', askedAt: NOW },
      ],
    });
    const o = accepted(provideInformation(asked, 1, deepFreeze({ information: 'Yes, 2 l/min' }), KS, LATER));
    expect(o.state.informationRequests).toEqual([
      { question: 'Stairs at home?', askedAt: OPENED },
      { question: 'Oxygen?', askedAt: NOW, answer: 'Yes, 2 l/min', answeredAt: LATER },
    ]);
    expect(timeline(o)).toEqual([{ type: 'information_provided', actor: 'karin', organisationCode: 'KS', detail: {} }]);
  });

  it('acknowledgeReady records the kvittens of the current notice per party', () => {
    const o = accepted(acknowledgeReady(ready(), 'primaryCare', VC, NOW));
    expect(o.state.readyAcknowledgements).toEqual({ primaryCare: { at: NOW, actor: 'vera', organisationCode: 'VC-EKERO' } });
    expect(timeline(o)).toEqual([{ type: 'ready_for_discharge_acknowledged', actor: 'vera', organisationCode: 'VC-EKERO', detail: { party: 'primaryCare' } }]);
  });

  it('callSip records the call and the planned SIP date', () => {
    const o = accepted(callSip(ready(), deepFreeze({ plannedSipDate: '2027-11-26' }), VC, NOW));
    expect(o.state.sip).toEqual({ required: true, call: { at: NOW, actor: 'vera', organisationCode: 'VC-EKERO', plannedSipDate: '2027-11-26' } });
    expect(timeline(o)).toEqual([{ type: 'sip_called', actor: 'vera', organisationCode: 'VC-EKERO', detail: { plannedSipDate: '2027-11-26' } }]);
  });

  describe('takeOverMedicalResponsibility', () => {
    it('acknowledges the planned takeover, with the responsible physician', () => {
      const o = accepted(takeOverMedicalResponsibility(ready(), deepFreeze({ acknowledged: true as const, responsiblePhysician: 'Dr Lind' }), VC, NOW));
      expect(o.state.takeover).toEqual({
        receiver: 'primary_care',
        organisationCode: 'VC-EKERO',
        acknowledged: { at: NOW, actor: 'vera', organisationCode: 'VC-EKERO', responsiblePhysician: 'Dr Lind' },
      });
      expect(timeline(o)).toEqual([{ type: 'medical_responsibility_taken_over', actor: 'vera', organisationCode: 'VC-EKERO', detail: { receiver: 'primary_care' } }]);
    });

    it('ASIH acknowledges a weekend takeover', () => {
      const o = accepted(takeOverMedicalResponsibility(ready(DECLARED, '2027-11-27T13:00:00+01:00'), { acknowledged: true }, ASIH, NOW));
      expect(o.state.takeover?.acknowledged).toEqual({ at: NOW, actor: 'anders', organisationCode: 'ASIH-NORD' });
      expect(timeline(o)[0].detail).toEqual({ receiver: 'asih' });
    });

    it('refuses when no takeover is planned (no utskrivningsklar notice)', () => {
      expect(takeOverMedicalResponsibility(planning(), { acknowledged: true }, VC, NOW)).toEqual({ refused: 'conflict', message: 'no takeover is planned' });
    });
  });
});

describe('payment liability', () => {
  // Monday 27 December 2027 at 09:00: national liability starts on the third day after, Thursday 30 December.
  const DEC_27 = '2027-12-27T09:00:00+01:00';
  const amounts = deepFreeze([
    { year: 2027, amountOre: 1_000_000 },
    { year: 2028, amountOre: 1_050_000 },
  ]);

  describe('liabilityYears', () => {
    it('is empty before the discharge', () => {
      expect(liabilityYears(readyToLeave(DEC_27), 'national')).toEqual([]);
    });

    it('is empty when the patient left before liability began', () => {
      expect(liabilityYears(discharged('2027-12-29T15:00:00+01:00', DEC_27, '2028-01-10T10:00:00+01:00'), 'national')).toEqual([]);
    });

    it('names every year the liable days touch, across New Year', () => {
      const s = discharged('2028-01-03T11:00:00+01:00', DEC_27, '2028-01-10T10:00:00+01:00');
      expect(liabilityYears(s, 'national')).toEqual([2027, 2028]);
      expect(liabilityYears(s, 'stockholm-2020')).toEqual([2027, 2028]);
    });

    it('follows the policy and the care type', () => {
      // Psychiatric care under the 2020 agreement, notice after noon: day 0 is 28 December, liable from 2 January.
      const psychiatric = deepFreeze({ ...discharged('2028-01-03T11:00:00+01:00', '2027-12-27T13:00:00+01:00', '2028-01-10T10:00:00+01:00'), careType: 'psychiatric' as const });
      expect(liabilityYears(psychiatric, 'stockholm-2020')).toEqual([2028]);
    });

    it('reads the discharge date in Stockholm: 23:30 UTC on New Year’s Eve is already 2028', () => {
      expect(liabilityYears(discharged('2027-12-31T23:30:00Z', DEC_27, '2028-01-10T10:00:00+01:00'), 'national')).toEqual([2027, 2028]);
      expect(liabilityYears(discharged('2027-12-31T22:30:00Z', DEC_27, '2028-01-10T10:00:00+01:00'), 'national')).toEqual([2027]);
    });
  });

  it('awaitDailyAmounts marks the years HSF must register, without a timeline event, and the case waits', () => {
    const s = discharged('2028-01-03T11:00:00+01:00', DEC_27, '2028-01-10T10:00:00+01:00');
    const o = awaitDailyAmounts(s, [2028]);
    expect(o.events).toEqual([]);
    expect(o.state.discharge).toEqual({ ...s.discharge, awaitingDailyAmounts: [2028] });
    expect(dischargeCaseEnded(o.state)).toBe(false);
  });

  describe('determinePaymentLiability', () => {
    it('past the liability day: the invoice basis, per year, and HSF finance joins the case', () => {
      const s = nextState(awaitDailyAmounts(discharged('2028-01-03T11:00:00+01:00', DEC_27, '2028-01-10T10:00:00+01:00'), [2028]));
      const o = determinePaymentLiability(s, 'national', amounts);
      expect(o.state.discharge?.awaitingDailyAmounts).toEqual([]);
      expect(o.state.discharge?.paymentLiability).toEqual({
        policy: 'national',
        noticeAt: DEC_27,
        dischargedAt: '2028-01-03T11:00:00+01:00',
        liabilityStartDate: '2027-12-30',
        dischargeDate: '2028-01-03',
        liableDays: 5,
        lines: [
          { year: 2027, days: 2, dailyAmountOre: 1_000_000, amountOre: 2_000_000 },
          { year: 2028, days: 3, dailyAmountOre: 1_050_000, amountOre: 3_150_000 },
        ],
        totalOre: 5_150_000,
      });
      expect(o.state.joinedParties).toEqual(['HSF-FIN']);
      expect(dischargeParties(o.state)).toContain('HSF-FIN');
      expect(timeline(o)).toEqual([{ type: 'payment_liability_determined', actor: 'system', organisationCode: null, detail: { liableDays: 5, totalOre: 5_150_000 } }]);
      expect(dischargeCaseEnded(o.state)).toBe(false);
    });

    it('a discharge before the liability day gives no basis, no event, and nobody joins', () => {
      const s = discharged('2027-12-29T15:00:00+01:00', DEC_27, '2028-01-10T10:00:00+01:00');
      const o = determinePaymentLiability(s, 'national', amounts);
      expect(o.events).toEqual([]);
      expect(o.state.discharge).toEqual({ ...s.discharge, awaitingDailyAmounts: [], paymentLiability: null });
      expect(o.state.joinedParties).toEqual([]);
      expect(dischargeCaseEnded(o.state)).toBe(true);
    });

    it('changes nothing before the discharge', () => {
      const s = readyToLeave();
      expect(determinePaymentLiability(s, 'national', amounts)).toEqual({ state: s, events: [] });
    });

    it('HSF finance joins once', () => {
      const s = deepFreeze({ ...discharged('2028-01-03T11:00:00+01:00', DEC_27, '2028-01-10T10:00:00+01:00'), joinedParties: ['HSF-FIN'] });
      expect(determinePaymentLiability(s, 'national', amounts).state.joinedParties).toEqual(['HSF-FIN']);
    });
  });

  describe('recordInvoice', () => {
    const liable = () => nextState(determinePaymentLiability(discharged('2028-01-03T11:00:00+01:00', DEC_27, '2028-01-10T10:00:00+01:00'), 'national', amounts));

    it('records HSF finance’s invoice, and the case ends', () => {
      const o = accepted(recordInvoice(liable(), deepFreeze({ invoiceReference: 'F-2028-0042' }), HSF_FIN, '2028-01-12T10:00:00+01:00'));
      expect(o.state.discharge?.invoice).toEqual({ at: '2028-01-12T10:00:00+01:00', actor: 'fia', organisationCode: 'HSF-FIN', invoiceReference: 'F-2028-0042' });
      expect(timeline(o)).toEqual([
        { type: 'payment_liability_invoiced', actor: 'fia', organisationCode: 'HSF-FIN', detail: { invoiceReference: 'F-2028-0042', totalOre: 5_150_000 } },
      ]);
      expect(dischargeCaseEnded(o.state)).toBe(true);
    });

    it('refuses without a payment liability', () => {
      const expected = { refused: 'conflict', message: 'there is no payment liability to invoice' };
      expect(recordInvoice(readyToLeave(), { invoiceReference: 'F-1' }, HSF_FIN, NOW)).toEqual(expected);
      expect(recordInvoice(discharged('2027-11-25T11:00:00+01:00'), { invoiceReference: 'F-1' }, HSF_FIN, NOW)).toEqual(expected);
    });
  });
});

describe('dischargeCaseEnded', () => {
  it('is open while planning and while the patient is ready', () => {
    expect(dischargeCaseEnded(planning())).toBe(false);
    expect(dischargeCaseEnded(readyToLeave())).toBe(false);
  });

  it('ends when cancelled, or discharged with nothing to invoice', () => {
    expect(dischargeCaseEnded(nextState(cancelDischargeHandover(planning(), { ...KS, reason: 'opened_in_error' }, NOW)))).toBe(true);
    expect(dischargeCaseEnded(discharged('2027-11-25T11:00:00+01:00'))).toBe(true);
  });

  it('a discharged status without its discharge record is not an end', () => {
    expect(dischargeCaseEnded(planning({ status: 'discharged' }))).toBe(false);
  });
});

describe('views', () => {
  it('the patient’s written summary names ASIH first when it takes over', () => {
    const s = nextState(appointFastVardkontakt(ready(DECLARED, '2027-11-27T13:00:00+01:00'), { name: 'Eva Ek' }, VC, NOW));
    const summary = dischargeSummary(s, 'Tolvan Tolvansson');
    expect(summary.contacts[0]).toEqual({ role: 'medical responsibility (ASIH)', organisationCode: 'ASIH-NORD' });
    expect(summary.medicalResponsibility).toEqual({ organisationCode: 'ASIH-NORD', receiver: 'asih', acknowledged: false });
    expect(summary.fastVardkontakt).toEqual({ name: 'Eva Ek', phone: null, organisationCode: 'VC-EKERO' });
  });

  it('the list summary shows the state of the handover, not the parties’ identities', () => {
    expect(dischargeListSummary(discharged('2027-11-25T11:00:00+01:00'))).toMatchObject({
      careType: 'somatic',
      readyForDischargeAt: DECLARED,
      assessment: { outcome: 'granted', services: ['home_care'] },
      discharge: { daysFromReady: 0, sameDay: true },
      cancellation: null,
    });
  });
});

describe('issue 11: deadlines count from when the utskrivningsklar notice went out (DOMAIN.md)', () => {
  /** A case admitted on Monday 23 March 2026 and opened at once (Stockholm is on winter time until 29 March). */
  const march = (over: Partial<DischargeNotice> = {}) =>
    deepFreeze(openDischargeCase(notice({ admittedAt: '2026-03-23T08:00:00+01:00', openedAt: '2026-03-23T09:00:00+01:00', estimatedDischargeDate: '2026-03-27', ...over })).state);

  /** Declared ready at `declaredAt` (the doctor's judgement) by a request at `noticeAt`, then the checklist, then discharged. */
  function stay(noticeAt: string, dischargedAt: string, declaredAt = '2026-03-27T08:00:00+01:00', start = march()): DischargeCase {
    let s = nextState(declareReadyForDischarge(start, { ...KS, declaredAt }, noticeAt));
    s = nextState(acknowledgeReady(s, 'primaryCare', VC, noticeAt));
    s = nextState(appointFastVardkontakt(s, { name: 'Eva Ek' }, VC, noticeAt));
    if (s.sip.required) s = nextState(callSip(s, { plannedSipDate: '2026-03-30' }, VC, noticeAt));
    s = nextState(takeOverMedicalResponsibility(s, { acknowledged: true }, VC, noticeAt));
    if (s.needs.municipal.length) s = nextState(assessNeeds(s, { outcome: 'not_needed' }, EKERO, noticeAt));
    return nextState(recordDischarge(s, { ...KS, dischargedAt }, '2026-04-10T10:00:00+02:00'));
  }
  const amounts = deepFreeze([{ year: 2026, amountOre: 1_000_000 }]);
  const basis = (s: DischargeCase, policy: 'national' | 'stockholm-2020') => determinePaymentLiability(s, policy, amounts).state.discharge?.paymentLiability;

  it('records the notice moment beside the doctor’s judgement, and clears both when revoked', () => {
    const s = nextState(declareReadyForDischarge(march(), { ...KS, declaredAt: '2026-03-24T15:00:00+01:00' }, '2026-03-27T10:00:00+01:00'));
    expect(s).toMatchObject({ readyForDischargeAt: '2026-03-24T15:00:00+01:00', readyNoticeAt: '2026-03-27T10:00:00+01:00' });
    const revoked = nextState(revokeReadyForDischarge(s, { ...KS, reason: 'Feber' }));
    expect(revoked.readyNoticeAt).toBeUndefined();
  });

  it('national liability: a judgement backdated to 24 March 2026 and a notice on 27 March at 10:00 make the municipality liable from 30 March, not 27 March', () => {
    const s = stay('2026-03-27T10:00:00+01:00', '2026-04-01T10:00:00+02:00', '2026-03-24T15:00:00+01:00');
    expect(liabilityYears(s, 'national')).toEqual([2026]);
    expect(basis(s, 'national')).toMatchObject({ noticeAt: '2026-03-27T10:00:00+01:00', liabilityStartDate: '2026-03-30', liableDays: 3, totalOre: 3_000_000 });
  });

  it('the Stockholm 2020 noon rule reads the notice: sent on 27 March 2026 at 11:59, day 0 is 27 March; at 12:00, 28 March (the judgement was at 08:00 both times)', () => {
    const at1159 = stay('2026-03-27T11:59:00+01:00', '2026-04-02T10:00:00+02:00');
    const at1200 = stay('2026-03-27T12:00:00+01:00', '2026-04-02T10:00:00+02:00');
    expect(basis(at1159, 'stockholm-2020')).toMatchObject({ liabilityStartDate: '2026-03-30', liableDays: 4 });
    expect(basis(at1200, 'stockholm-2020')).toMatchObject({ liabilityStartDate: '2026-03-31', liableDays: 3 });
  });

  it('cases opened before issue 11 keep counting from the judgement (they recorded no notice moment)', () => {
    const old = deepFreeze({ ...stay('2026-03-27T12:00:00+01:00', '2026-04-02T10:00:00+02:00'), readyNoticeAt: undefined });
    expect(determinePaymentLiability(old, 'stockholm-2020', amounts, RULES_BEFORE_ISSUE_11).state.discharge?.paymentLiability).toMatchObject({
      noticeAt: '2026-03-27T08:00:00+01:00',
      liabilityStartDate: '2026-03-30',
    });
  });

  it('the discharge day is billed by default; the named policy can leave it out', () => {
    const s = stay('2026-03-27T10:00:00+01:00', '2026-04-01T10:00:00+02:00');
    const withoutDischargeDay = { ...CURRENT_RULES, billsDischargeDay: false };
    expect(liabilityYears(s, 'national', withoutDischargeDay)).toEqual([2026]);
    expect(determinePaymentLiability(s, 'national', amounts, withoutDischargeDay).state.discharge?.paymentLiability).toMatchObject({
      liabilityStartDate: '2026-03-30',
      liableDays: 2,
    });
    // Leaving on the liability day itself: liable for it by default, not at all without the discharge day.
    const onTheDay = stay('2026-03-27T10:00:00+01:00', '2026-03-30T10:00:00+02:00');
    expect(basis(onTheDay, 'national')).toMatchObject({ liableDays: 1 });
    expect(liabilityYears(onTheDay, 'national', withoutDischargeDay)).toEqual([]);
  });

  it('a patient with no municipal needs (region services only, 27 March 2026) is discharged without a municipal decision, and no municipality pays', () => {
    const regionOnly = march({ needs: { municipal: [], region: ['primary_care_home_health_care'] } });
    const s = nextState(declareReadyForDischarge(regionOnly, { ...KS, declaredAt: '2026-03-27T08:00:00+01:00' }, '2026-03-27T10:00:00+01:00'));
    expect(missingStepsForDischarge(s)).toEqual(['ready_for_discharge_acknowledged_by_primary_care', 'fast_vardkontakt_appointed', 'takeover_of_medical_responsibility_acknowledged']);
    // Ten days later: the municipality was never notified, so it is not liable (Lag 2017:612 needs both notices).
    const left = stay('2026-03-27T10:00:00+01:00', '2026-04-06T10:00:00+02:00', undefined, regionOnly);
    expect(left.status).toBe('discharged');
    expect(left.assessment).toBeUndefined();
    expect(liabilityYears(left, 'national')).toEqual([]);
    expect(determinePaymentLiability(left, 'national', amounts).state).toBe(left);
  });

  it('a notice with municipal needs still waits for the municipal decision', () => {
    const s = nextState(declareReadyForDischarge(march(), { ...KS, declaredAt: '2026-03-27T08:00:00+01:00' }, '2026-03-27T10:00:00+01:00'));
    expect(missingStepsForDischarge(s)).toContain('municipal_decision_on_services');
  });

  it('the timeline shows the eve policy that decided who takes over: julafton 2027 at 10:00', () => {
    const onJulafton = (holidayEves: 'helg' | 'weekday') =>
      timeline(accepted(declareReadyForDischarge(planning(), { ...KS, declaredAt: DECLARED, plannedDischargeAt: '2027-12-24T10:00:00+01:00' }, NOW, { ...CURRENT_RULES, holidayEves })))[0]
        .detail;
    expect(onJulafton('helg')).toMatchObject({ takeover: { receiver: 'asih', organisationCode: 'ASIH-NORD', eve: 'Julafton', holidayEves: 'helg' } });
    expect(onJulafton('weekday')).toMatchObject({ takeover: { receiver: 'primary_care', organisationCode: 'VC-EKERO', eve: 'Julafton', holidayEves: 'weekday' } });
  });
});

describe('issue 11: the inskrivningsmeddelande’s 24 hours count from admission, or from the later judgement of needs', () => {
  // Admitted on Friday 27 March 2026 at 10:00; the doctor judges on Sunday 29 March at 09:00 (summer time) that the
  // patient may need help after discharge.
  const ADMITTED_27_MARCH = '2026-03-27T10:00:00+01:00';
  const JUDGED_29_MARCH = '2026-03-29T09:00:00+02:00';
  const open = (openedAt: string, needsJudgedAt?: string) =>
    openDischargeCase(notice({ admittedAt: ADMITTED_27_MARCH, openedAt, estimatedDischargeDate: '2026-04-02', ...(needsJudgedAt ? { needsJudgedAt } : {}) }));

  it('a notice sent within 24 hours of the judgement is not late, though 2 days after admission', () => {
    const o = open('2026-03-30T08:30:00+02:00', JUDGED_29_MARCH);
    expect(o.state.lateNotice).toEqual({ late: false, delayMinutes: 0 });
    expect(o.state.needsJudgedAt).toBe(JUDGED_29_MARCH);
    expect(o.events.map((e) => e.type)).toEqual(['case_opened']);
    expect(o.events[0].detail).toMatchObject({ needsJudgedAt: JUDGED_29_MARCH });
  });

  it('counts the 24 hours from the judgement: an hour after them is late by 60 minutes', () => {
    expect(open('2026-03-30T10:00:00+02:00', JUDGED_29_MARCH).state.lateNotice).toEqual({ late: true, delayMinutes: 60 });
  });

  it('without a judgement, from the admission as before', () => {
    const o = open('2026-03-30T08:30:00+02:00');
    expect(o.state.lateNotice.late).toBe(true);
    expect(o.state.needsJudgedAt).toBeUndefined();
  });

  it('refuses a judgement before the admission or in the future, naming the field', () => {
    const now = '2026-03-30T08:30:00+02:00';
    expect(dischargeNoticeProblem({ admittedAt: ADMITTED_27_MARCH, needsJudgedAt: '2026-03-27T09:59:00+01:00', estimatedDischargeDate: '2026-04-02' }, now)).toEqual({
      refused: 'invalid_input',
      message: 'needsJudgedAt is before the admission',
      field: 'needsJudgedAt',
    });
    expect(dischargeNoticeProblem({ admittedAt: ADMITTED_27_MARCH, needsJudgedAt: '2026-03-30T09:00:00+02:00', estimatedDischargeDate: '2026-04-02' }, now)).toEqual({
      refused: 'invalid_input',
      message: 'needsJudgedAt is in the future',
      field: 'needsJudgedAt',
    });
    expect(dischargeNoticeProblem({ admittedAt: ADMITTED_27_MARCH, needsJudgedAt: JUDGED_29_MARCH, estimatedDischargeDate: '2026-04-02' }, now)).toBeNull();
  });
});
