import request from 'supertest';
import type { Role } from '../../libs/auth/src/principal';
import { callerFor, dischargeNotice, mandateBody, tokenFor, useTestStack, waitForTask } from '../support/test-app';

type Method = 'get' | 'post' | 'put';
type Who = { org: string; roles: Role[] } | 'none';

interface Row {
  route: string; // as in the OpenAPI document
  method: Method;
  /** Fresh resources for this row: the concrete path and body. */
  make: (ctx: Fixture) => Promise<{ path: string; body?: object; headers?: Record<string, string> }>;
  party: Who;
  partyStatus: number;
  nonParty?: Who;
  nonPartyStatus?: number;
  /** Optional: a party organisation without the right to do this. */
  wrongParty?: Who;
  wrongPartyStatus?: number;
  public?: true;
}

interface Fixture {
  openCase(): Promise<string>;
  /** HDIR 20348's id. */
  mandateId(): Promise<string>;
  /** A draft claim by SLSO under HDIR 20348. */
  openClaim(): Promise<string>;
  /** Records SLSO's decision on the support agreement once; returns the agreement's path. */
  agreementStarted(): Promise<string>;
  /** Ekerö's area, its case started (HSN has designated its vårdcentral). */
  areaStarted(): Promise<string>;
  /** A case whose patient the hospital has declared ready for discharge. */
  readyCase(): Promise<string>;
  taskOf(caseId: string): Promise<string>;
  /** A year whose LPIK is registered (1.5 %), a new one each call. */
  lpikYear(): Promise<number>;
  /** A situation-report round of Botkyrka and Region Uppsala, closed and its picture published (once). */
  closedRound(): Promise<string>;
  /** A new transfer request by Region Jönköping. */
  transfer(): Promise<string>;
  /** A new reinforcement request by Region Jönköping. */
  reinforcement(): Promise<string>;
}

const hospital: Who = { org: 'KS', roles: ['case_handler'] };
const ekero: Who = { org: '0125', roles: ['case_handler'] }; // party: the patient's municipality
const huddinge: Who = { org: '0126', roles: ['case_handler'] }; // not a party
// Platform roles count only at the organisation that owns the data (HSF); held elsewhere they grant nothing.
const registerAdmin: Who = { org: 'HSF', roles: ['register_admin'] };
const referenceAdmin: Who = { org: 'HSF', roles: ['reference_admin'] };
const huddingeAdmin: Who = { org: '0126', roles: ['admin'] }; // an organisation's admin administers only it
const misplacedRegisterAdmin: Who = { org: '0126', roles: ['register_admin'] };
const ekeroFinance: Who = { org: '0125', roles: ['finance'] }; // a party's role without need to know of a discharge
const slsoAdmin: Who = { org: 'SLSO', roles: ['admin'] };
const slso: Who = { org: 'SLSO', roles: ['case_handler'] };
const hsfApprover: Who = { org: 'HSF', roles: ['approver'] };
const hsnApprover: Who = { org: 'HSN', roles: ['approver'] };
const slsoApprover: Who = { org: 'SLSO', roles: ['approver'] };
const claimLine = () => ({ date: '2020-11-10', category: 'staff', description: 'Samordning', amountOre: 100_000, documentRef: 'UND-1' });
const claimBody = async (f: Fixture) => ({ mandateId: await f.mandateId(), periodFrom: '2020-11-02', periodTo: '2020-11-30', lines: [claimLine()] });
const newMandate = () => mandateBody(`AUTHZ-${Date.now()}-${(n += 1)}`);
const today = () => new Date().toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
let n = 0;
let lpikYears = 0;
const newOrg = () => ({ code: `VC-T${Date.now() % 1_000_000}${(n += 1)}`, kind: 'vardcentral', name: 'Testvårdcentralen' });

const sosCoordinator: Who = { org: 'SOCIALSTYRELSEN', roles: ['coordinator'] };
const botkyrka: Who = { org: '0127', roles: ['case_handler'] }; // reports in the round
const figures = () => ({
  staffAbsencePercent: { nurses: 5, care_staff: 6.5, other_staff: 3 },
  stockDays: { nitrile_gloves: 30, other_gloves: 30, surgical_masks: 30, ffp_respirators: 30, visors: 30, aprons: 30, hand_disinfectant: 30 },
});
const jonkoping: Who = { org: '06', roles: ['coordinator'] };
const transferBody = () => ({ patients: [{ reference: `AUTHZ-${(n += 1)}`, careLevel: 'icu', infection: 'none' }], earliestDeparture: '2021-03-01T08:00:00+01:00' });
const roundBody = () => ({ week: '2026-W40', participants: ['0127', '03'], dueAt: new Date(Date.now() + 60_000).toISOString(), cutoffAt: new Date(Date.now() + 120_000).toISOString() });

const ROWS: Row[] = [
  { route: 'GET /health', method: 'get', make: async () => ({ path: '/health' }), party: 'none', partyStatus: 200, public: true },
  // Which sign-in the web app offers (the dev sign-in or the OIDC issuer and client id): public, read before signing in.
  { route: 'GET /auth/config', method: 'get', make: async () => ({ path: '/auth/config' }), party: 'none', partyStatus: 200, public: true },
  { route: 'GET /health/ready', method: 'get', make: async () => ({ path: '/health/ready' }), party: 'none', partyStatus: 200, public: true },
  // Prometheus's scrape: no API token; without METRICS_TOKEN only callers on this machine (metrics.api.spec.ts).
  { route: 'GET /metrics', method: 'get', make: async () => ({ path: '/metrics' }), party: 'none', partyStatus: 200, public: true },
  { route: 'GET /organisations', method: 'get', make: async () => ({ path: '/organisations?kind=municipality' }), party: ekero, partyStatus: 200 },
  {
    route: 'POST /organisations', method: 'post', make: async () => ({ path: '/organisations', body: newOrg() }),
    party: registerAdmin, partyStatus: 201, nonParty: huddingeAdmin, nonPartyStatus: 403, wrongParty: misplacedRegisterAdmin, wrongPartyStatus: 403,
  },
  {
    route: 'POST /organisations/{code}/deactivate', method: 'post', make: async () => ({ path: '/organisations/VC-NACKA/deactivate' }),
    party: registerAdmin, partyStatus: 200, nonParty: huddingeAdmin, nonPartyStatus: 403, wrongParty: misplacedRegisterAdmin, wrongPartyStatus: 403,
  },
  {
    route: 'POST /organisations/{code}/activate', method: 'post', make: async () => ({ path: '/organisations/VC-NACKA/activate' }),
    party: registerAdmin, partyStatus: 200, nonParty: huddingeAdmin, nonPartyStatus: 403, wrongParty: { org: 'HSF', roles: ['admin'] }, wrongPartyStatus: 403,
  },
  { route: 'GET /tasks', method: 'get', make: async () => ({ path: '/tasks' }), party: ekero, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 200 },
  {
    route: 'GET /tasks/{taskId}', method: 'get', make: async (f) => ({ path: `/tasks/${await f.taskOf(await f.openCase())}` }),
    party: ekero, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: hospital, wrongPartyStatus: 404,
  },
  {
    route: 'POST /tasks/{taskId}/claim', method: 'post', make: async (f) => ({ path: `/tasks/${await f.taskOf(await f.openCase())}/claim` }),
    party: ekero, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404,
  },
  {
    route: 'POST /tasks/{taskId}/unclaim', method: 'post', make: async (f) => ({ path: `/tasks/${await f.taskOf(await f.openCase())}/unclaim` }),
    party: ekero, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404,
  },
  {
    route: 'POST /tasks/{taskId}/complete', method: 'post',
    make: async (f) => ({ path: `/tasks/${await f.taskOf(await f.openCase())}/complete`, body: { decision: { acknowledged: true } } }),
    party: ekero, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: hospital, wrongPartyStatus: 404,
  },
  { route: 'GET /cases', method: 'get', make: async () => ({ path: '/cases' }), party: ekero, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 200 },
  {
    route: 'GET /cases/{caseId}', method: 'get', make: async (f) => ({ path: `/cases/${await f.openCase()}` }),
    party: ekero, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: ekeroFinance, wrongPartyStatus: 403,
  },
  {
    route: 'POST /discharge-handovers', method: 'post',
    make: async () => ({ path: '/discharge-handovers', headers: { 'Idempotency-Key': `authz-${Date.now()}-${(n += 1)}` }, body: dischargeNotice() }),
    party: hospital, partyStatus: 201, nonParty: ekero, nonPartyStatus: 403,
  },
  {
    route: 'GET /discharge-handovers/{caseId}', method: 'get', make: async (f) => ({ path: `/discharge-handovers/${await f.openCase()}` }),
    party: ekero, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: ekeroFinance, wrongPartyStatus: 403,
  },
  {
    route: 'PUT /discharge-handovers/{caseId}/estimated-discharge-date', method: 'put',
    make: async (f) => ({ path: `/discharge-handovers/${await f.openCase()}/estimated-discharge-date`, body: { estimatedDischargeDate: inDays(6) } }),
    party: hospital, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: ekero, wrongPartyStatus: 403,
  },
  {
    route: 'POST /discharge-handovers/{caseId}/ready-for-discharge', method: 'post',
    make: async (f) => ({ path: `/discharge-handovers/${await f.openCase()}/ready-for-discharge`, body: { declaredAt: today() } }),
    party: hospital, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: ekero, wrongPartyStatus: 403,
  },
  {
    route: 'POST /discharge-handovers/{caseId}/cancel', method: 'post',
    make: async (f) => ({ path: `/discharge-handovers/${await f.openCase()}/cancel`, body: { reason: 'opened_in_error' } }),
    party: hospital, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: ekero, wrongPartyStatus: 403,
  },
  {
    route: 'GET /discharge-handovers/{caseId}/summary', method: 'get', make: async (f) => ({ path: `/discharge-handovers/${await f.openCase()}/summary` }),
    party: ekero, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: { org: '0125', roles: ['admin'] }, wrongPartyStatus: 403,
  },
  {
    route: 'POST /discharge-handovers/{caseId}/revoke-ready', method: 'post',
    make: async (f) => ({ path: `/discharge-handovers/${await f.readyCase()}/revoke-ready`, body: { reason: 'feber' } }),
    party: hospital, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: ekero, wrongPartyStatus: 403,
  },
  {
    // Refused for missing steps (409) is still an answer for a party: authorization let it through.
    route: 'POST /discharge-handovers/{caseId}/discharge', method: 'post',
    make: async (f) => ({ path: `/discharge-handovers/${await f.readyCase()}/discharge`, body: { dischargedAt: today() } }),
    party: hospital, partyStatus: 409, nonParty: huddinge, nonPartyStatus: 404, wrongParty: ekero, wrongPartyStatus: 403,
  },
  {
    route: 'GET /payment-liability/daily-amounts', method: 'get', make: async () => ({ path: '/payment-liability/daily-amounts' }),
    party: { org: 'HSF-FIN', roles: ['finance'] }, partyStatus: 200, nonParty: ekero, nonPartyStatus: 403,
  },
  {
    route: 'PUT /payment-liability/daily-amounts/{year}', method: 'put', make: async () => ({ path: '/payment-liability/daily-amounts/2022', body: { amountOre: 930_000 } }),
    party: referenceAdmin, partyStatus: 200, nonParty: huddingeAdmin, nonPartyStatus: 403, wrongParty: { org: 'HSF-FIN', roles: ['finance'] }, wrongPartyStatus: 403,
  },
  {
    // 2019 is seeded; each call corrects it to an amount it does not have yet.
    route: 'POST /payment-liability/daily-amounts/{year}/corrections', method: 'post',
    make: async () => ({ path: '/payment-liability/daily-amounts/2019/corrections', body: { amountOre: 780_000 + (n += 1), reason: 'Rättelse enligt beslut' } }),
    party: referenceAdmin, partyStatus: 200, nonParty: huddingeAdmin, nonPartyStatus: 403, wrongParty: { org: '0126', roles: ['reference_admin'] }, wrongPartyStatus: 403,
  },
  // Everyone may ask; each sees the mandates their organisation is party to (the register's keeper: all).
  { route: 'GET /mandates', method: 'get', make: async () => ({ path: '/mandates' }), party: slso, partyStatus: 200, nonParty: huddingeAdmin, nonPartyStatus: 200 },
  {
    route: 'POST /mandates', method: 'post', make: async () => ({ path: '/mandates', body: newMandate() }),
    party: registerAdmin, partyStatus: 201, nonParty: huddingeAdmin, nonPartyStatus: 403, wrongParty: hsfApprover, wrongPartyStatus: 403,
  },
  {
    route: 'GET /mandates/{mandateId}/summary', method: 'get', make: async (f) => ({ path: `/mandates/${await f.mandateId()}/summary` }),
    party: slso, partyStatus: 200, nonParty: ekero, nonPartyStatus: 404, wrongParty: slsoAdmin, wrongPartyStatus: 403,
  },
  {
    route: 'POST /claims', method: 'post',
    make: async (f) => ({ path: '/claims', headers: { 'Idempotency-Key': `authz-claim-${Date.now()}-${(n += 1)}` }, body: await claimBody(f) }),
    party: slso, partyStatus: 201, nonParty: hospital, nonPartyStatus: 403, wrongParty: hsfApprover, wrongPartyStatus: 403,
  },
  {
    route: 'GET /claims/{claimId}', method: 'get', make: async (f) => ({ path: `/claims/${await f.openClaim()}` }),
    party: hsfApprover, partyStatus: 200, nonParty: ekero, nonPartyStatus: 404, wrongParty: slsoAdmin, wrongPartyStatus: 403,
  },
  {
    route: 'PUT /claims/{claimId}/draft', method: 'put',
    make: async (f) => ({ path: `/claims/${await f.openClaim()}/draft`, body: { periodFrom: '2020-11-02', periodTo: '2020-11-30', lines: [claimLine()] } }),
    party: slso, partyStatus: 200, nonParty: ekero, nonPartyStatus: 404, wrongParty: { org: 'HSF', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  {
    route: 'POST /claims/{claimId}/submit', method: 'post', make: async (f) => ({ path: `/claims/${await f.openClaim()}/submit` }),
    party: slso, partyStatus: 200, nonParty: ekero, nonPartyStatus: 404, wrongParty: { org: 'HSF', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  {
    route: 'POST /claims/{claimId}/withdraw', method: 'post', make: async (f) => ({ path: `/claims/${await f.openClaim()}/withdraw`, body: { reason: 'dubblett' } }),
    party: slso, partyStatus: 200, nonParty: ekero, nonPartyStatus: 404, wrongParty: { org: 'HSF', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  { route: 'GET /coordination/areas', method: 'get', make: async () => ({ path: '/coordination/areas' }), party: ekero, partyStatus: 200 },
  {
    route: 'GET /coordination/areas/{areaCode}', method: 'get', make: async (f) => ({ path: await f.areaStarted() }),
    party: ekero, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: ekeroFinance, wrongPartyStatus: 403,
  },
  {
    route: 'POST /coordination/areas/{areaCode}/designations', method: 'post',
    make: async () => ({ path: '/coordination/areas/0138/designations', body: { vardcentralCode: 'VC-NACKA', startDate: '2021-02-01' } }),
    party: hsnApprover, partyStatus: 200, nonParty: ekero, nonPartyStatus: 403, wrongParty: hsfApprover, wrongPartyStatus: 403,
  },
  {
    // Norra innerstaden: no other test file opens its succession (its old districts are uncovered: HSN designates).
    route: 'POST /coordination/areas/{areaCode}/succession', method: 'post', make: async () => ({ path: '/coordination/areas/0180-NORRA-INNERSTADEN/succession' }),
    party: hsnApprover, partyStatus: 200, nonParty: ekero, nonPartyStatus: 403, wrongParty: hsfApprover, wrongPartyStatus: 403,
  },
  {
    // The agreement exists once SLSO (or HSN) has decided.
    route: 'GET /coordination/agreement', method: 'get', make: async (f) => ({ path: await f.agreementStarted() }),
    party: slsoApprover, partyStatus: 200, nonParty: ekero, nonPartyStatus: 404, wrongParty: slsoAdmin, wrongPartyStatus: 403,
  },
  {
    route: 'POST /coordination/agreement/decisions', method: 'post',
    make: async () => ({ path: '/coordination/agreement/decisions', body: { decidedOn: '2021-01-20', reference: 'HSN 2020-1821', signatory: { name: 'Direktören', role: 'director_of_health_care' } } }),
    party: hsnApprover, partyStatus: 200, nonParty: ekero, nonPartyStatus: 403, wrongParty: hsfApprover, wrongPartyStatus: 403,
  },
  {
    route: 'POST /coordination/agreement/notice', method: 'post', make: async () => ({ path: '/coordination/agreement/notice', body: { givenOn: '2021-06-01' } }),
    party: slsoApprover, partyStatus: 200, nonParty: ekero, nonPartyStatus: 403, wrongParty: hsfApprover, wrongPartyStatus: 403,
  },
  { route: 'GET /indices/lpik', method: 'get', make: async () => ({ path: '/indices/lpik' }), party: ekero, partyStatus: 200 },
  {
    route: 'PUT /indices/lpik/{year}', method: 'put', make: async () => ({ path: '/indices/lpik/2030', body: { percent: 1.5 } }),
    party: referenceAdmin, partyStatus: 200, nonParty: ekero, nonPartyStatus: 403, wrongParty: { org: 'HSF', roles: ['admin'] }, wrongPartyStatus: 403,
  },
  {
    // A year registered for the purpose, then corrected.
    route: 'POST /indices/lpik/{year}/corrections', method: 'post',
    make: async (f) => ({ path: `/indices/lpik/${await f.lpikYear()}/corrections`, body: { percent: 3.1, reason: 'Prognos i stället för utfall' } }),
    party: referenceAdmin, partyStatus: 200, nonParty: huddingeAdmin, nonPartyStatus: 403, wrongParty: { org: 'HSN', roles: ['reference_admin'] }, wrongPartyStatus: 403,
  },
  // An organisation's admin reads its own audit trail; the platform auditor (at HSF) all of it.
  {
    route: 'GET /audit', method: 'get', make: async () => ({ path: '/audit' }),
    party: huddingeAdmin, partyStatus: 200, nonParty: ekero, nonPartyStatus: 403, wrongParty: { org: '0126', roles: ['platform_auditor'] }, wrongPartyStatus: 403,
  },
  // The inbox's live count: the caller's own organisation and roles, so anyone signed in gets their own number.
  { route: 'GET /tasks/count', method: 'get', make: async () => ({ path: '/tasks/count' }), party: ekero, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 200 },
  { route: 'GET /claims', method: 'get', make: async () => ({ path: '/claims' }), party: slso, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 200 },
  // Uppföljning: counts of the caller's organisation's own cases (a non-party counts none of them), for the roles
  // with a need to know of that case type; any other role is a 403.
  ...(['discharges/same-day', 'discharges/days-by-municipality', 'payment-liability'] as const).map((view): Row => ({
    route: `GET /statistics/${view}`, method: 'get', make: async () => ({ path: `/statistics/${view}` }),
    party: ekero, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 200, wrongParty: ekeroFinance, wrongPartyStatus: 403,
  })),
  {
    route: 'GET /statistics/claims', method: 'get', make: async () => ({ path: '/statistics/claims' }),
    party: slso, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 200, wrongParty: slsoAdmin, wrongPartyStatus: 403,
  },
  // The codec server (Temporal's remote codec protocol): HSF's operators only; the role held elsewhere grants nothing.
  ...(['decode', 'encode', 'session'] as const).map((op): Row => ({
    route: `POST /codec/${op}`, method: 'post', make: async () => ({ path: `/codec/${op}`, ...(op === 'session' ? {} : { body: { payloads: [] } }) }),
    party: { org: 'HSF', roles: ['operator'] }, partyStatus: 200, nonParty: { org: 'HSF', roles: ['platform_auditor'] }, nonPartyStatus: 403,
    wrongParty: { org: '0126', roles: ['operator'] }, wrongPartyStatus: 403,
  })),
  // Stuck and failing cases (issue 17): HSF's operators only; a case handler there, or the role held elsewhere, gets 403.
  {
    route: 'GET /operations/cases', method: 'get', make: async () => ({ path: '/operations/cases?problem=stalled' }),
    party: { org: 'HSF', roles: ['operator'] }, partyStatus: 200, nonParty: { org: 'HSF', roles: ['case_handler'] }, nonPartyStatus: 403,
    wrongParty: { org: '0126', roles: ['operator'] }, wrongPartyStatus: 403,
  },
  // Situation reports (SITUATION_REPORTS): Socialstyrelsen's coordinators start extra rounds; reporters read the
  // rounds they report in and their own raw report; organisations of no reporting kind have no rounds (404).
  {
    route: 'POST /situation-reports/rounds', method: 'post',
    make: async () => ({ path: '/situation-reports/rounds', headers: { 'Idempotency-Key': `authz-round-${Date.now()}-${(n += 1)}` }, body: roundBody() }),
    party: sosCoordinator, partyStatus: 201, nonParty: { org: '0127', roles: ['coordinator'] }, nonPartyStatus: 403, wrongParty: { org: 'SOCIALSTYRELSEN', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  { route: 'GET /situation-reports/rounds', method: 'get', make: async () => ({ path: '/situation-reports/rounds' }), party: botkyrka, partyStatus: 200, nonParty: hospital, nonPartyStatus: 200 },
  {
    route: 'GET /situation-reports/trend', method: 'get', make: async () => ({ path: '/situation-reports/trend' }),
    party: botkyrka, partyStatus: 200, nonParty: hospital, nonPartyStatus: 404, wrongParty: { org: '0127', roles: ['finance'] }, wrongPartyStatus: 403,
  },
  {
    route: 'GET /situation-reports/rounds/{roundId}/picture', method: 'get', make: async (f) => ({ path: `/situation-reports/rounds/${await f.closedRound()}/picture` }),
    party: botkyrka, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: { org: '0127', roles: ['finance'] }, wrongPartyStatus: 403,
  },
  {
    route: 'GET /situation-reports/rounds/{roundId}/reports', method: 'get', make: async (f) => ({ path: `/situation-reports/rounds/${await f.closedRound()}/reports` }),
    party: { org: 'LST-01', roles: ['case_handler'] }, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: { org: 'SKR', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  {
    route: 'GET /situation-reports/rounds/{roundId}/reports/{organisationCode}', method: 'get', make: async (f) => ({ path: `/situation-reports/rounds/${await f.closedRound()}/reports/0127` }),
    party: botkyrka, partyStatus: 200, nonParty: { org: '03', roles: ['case_handler'] }, nonPartyStatus: 404, wrongParty: { org: '0127', roles: ['finance'] }, wrongPartyStatus: 403,
  },
  {
    route: 'POST /situation-reports/rounds/{roundId}/reports', method: 'post', make: async (f) => ({ path: `/situation-reports/rounds/${await f.closedRound()}/reports`, body: { figures: figures() } }),
    party: botkyrka, partyStatus: 200, nonParty: huddinge, nonPartyStatus: 404, wrongParty: { org: '0127', roles: ['finance'] }, wrongPartyStatus: 403,
  },
  // Transfers and reinforcement: regions' coordinators request and declare; Socialstyrelsen's coordinators run the
  // coordination function and the pool; a request exists for its parties only (404 for a region with no offer).
  {
    route: 'POST /transfers', method: 'post', make: async () => ({ path: '/transfers', headers: { 'Idempotency-Key': `authz-tr-${Date.now()}-${(n += 1)}` }, body: transferBody() }),
    party: jonkoping, partyStatus: 201, nonParty: { org: '0126', roles: ['coordinator'] }, nonPartyStatus: 403, wrongParty: { org: '06', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  {
    route: 'GET /transfers/capacity', method: 'get', make: async () => ({ path: '/transfers/capacity' }),
    party: jonkoping, partyStatus: 200, nonParty: { org: '0126', roles: ['coordinator'] }, nonPartyStatus: 403, wrongParty: { org: '06', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  {
    route: 'PUT /transfers/capacity/{careLevel}', method: 'put', make: async () => ({ path: '/transfers/capacity/icu', body: { beds: 3 } }),
    party: jonkoping, partyStatus: 200, nonParty: { org: '0126', roles: ['coordinator'] }, nonPartyStatus: 403, wrongParty: { org: '06', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  {
    route: 'PUT /transfers/healthcare-regions/{region}', method: 'put', make: async () => ({ path: '/transfers/healthcare-regions/13', body: { healthcareRegion: 'vastra' } }),
    party: registerAdmin, partyStatus: 200, nonParty: huddingeAdmin, nonPartyStatus: 403, wrongParty: misplacedRegisterAdmin, wrongPartyStatus: 403,
  },
  {
    route: 'GET /transfers/report', method: 'get', make: async () => ({ path: '/transfers/report?from=2021-01-01&to=2021-12-15' }),
    party: sosCoordinator, partyStatus: 200, nonParty: jonkoping, nonPartyStatus: 403, wrongParty: { org: 'SOCIALSTYRELSEN', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  {
    route: 'GET /transfers/{requestId}', method: 'get', make: async (f) => ({ path: `/transfers/${await f.transfer()}` }),
    party: jonkoping, partyStatus: 200, nonParty: { org: '12', roles: ['coordinator'] }, nonPartyStatus: 404, wrongParty: { org: '06', roles: ['finance'] }, wrongPartyStatus: 403,
  },
  {
    route: 'POST /transfers/{requestId}/cancel', method: 'post', make: async (f) => ({ path: `/transfers/${await f.transfer()}/cancel`, body: { reason: 'recovered' } }),
    party: jonkoping, partyStatus: 200, nonParty: { org: '12', roles: ['coordinator'] }, nonPartyStatus: 404, wrongParty: { org: '06', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  {
    route: 'POST /reinforcements', method: 'post', make: async () => ({ path: '/reinforcements', headers: { 'Idempotency-Key': `authz-rf-${Date.now()}-${(n += 1)}` }, body: { category: 'physicians', quantity: 2 } }),
    party: jonkoping, partyStatus: 201, nonParty: { org: '0126', roles: ['coordinator'] }, nonPartyStatus: 403, wrongParty: { org: '06', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  {
    route: 'GET /reinforcements/pool', method: 'get', make: async () => ({ path: '/reinforcements/pool' }),
    party: sosCoordinator, partyStatus: 200, nonParty: { org: '0126', roles: ['coordinator'] }, nonPartyStatus: 403, wrongParty: { org: 'SOCIALSTYRELSEN', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  {
    route: 'PUT /reinforcements/pool/{category}', method: 'put', make: async () => ({ path: '/reinforcements/pool/physicians', body: { available: 40 } }),
    party: sosCoordinator, partyStatus: 200, nonParty: jonkoping, nonPartyStatus: 403, wrongParty: { org: 'SOCIALSTYRELSEN', roles: ['case_handler'] }, wrongPartyStatus: 403,
  },
  {
    route: 'GET /reinforcements/{requestId}', method: 'get', make: async (f) => ({ path: `/reinforcements/${await f.reinforcement()}` }),
    party: jonkoping, partyStatus: 200, nonParty: { org: '12', roles: ['coordinator'] }, nonPartyStatus: 404, wrongParty: { org: '06', roles: ['finance'] }, wrongPartyStatus: 403,
  },
  // A patient's access log (PATIENT_ACCESS_LOG_READERS): an organisation's admin (the patient's cases it is party to),
  // HSF's platform auditor (all of them). A case role reads the patient's care, not who read it: 403.
  {
    route: 'POST /patients/access-log', method: 'post', make: async () => ({ path: '/patients/access-log', body: { personnummer: '19121212-1212' } }),
    party: huddingeAdmin, partyStatus: 200, nonParty: ekero, nonPartyStatus: 403, wrongParty: { org: '0126', roles: ['platform_auditor'] }, wrongPartyStatus: 403,
  },
];


describe('authorization on every endpoint: a party, a non-party, and no token', () => {
  const stack = useTestStack();

  const call = async (who: Who, method: Method, target: { path: string; body?: object; headers?: Record<string, string> }) => {
    let req = request(stack.app.getHttpServer())[method](target.path);
    if (who !== 'none') req = req.set('Authorization', `Bearer ${await tokenFor(stack.config, who.org, who.roles)}`);
    for (const [k, v] of Object.entries(target.headers ?? {})) req = req.set(k, v);
    return target.body ? req.send(target.body) : req;
  };

  let round: Promise<string> | undefined;
  const fixture: Fixture = {
    openCase: async () => {
      const target = await ROWS.find((r) => r.route === 'POST /discharge-handovers')!.make(fixture);
      const res = await call(hospital, 'post', target);
      if (res.status !== 201) throw new Error(`could not open a case: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.caseId;
    },
    mandateId: async () => {
      const res = await call(registerAdmin, 'get', { path: '/mandates' });
      return res.body.find((m: { reference: string }) => m.reference === 'HDIR 20348').id;
    },
    openClaim: async () => {
      const target = { path: '/claims', headers: { 'Idempotency-Key': `authz-claim-${Date.now()}-${(n += 1)}` }, body: await claimBody(fixture) };
      const res = await call(slso, 'post', target);
      if (res.status !== 201) throw new Error(`could not open a claim: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.claimId;
    },
    agreementStarted: async () => {
      const res = await call(slsoApprover, 'post', { path: '/coordination/agreement/decisions', body: { decidedOn: '2021-02-10', reference: 'SLSO § 4' } });
      if (res.status !== 200 && res.status !== 409) throw new Error(`could not record SLSO's decision: ${res.status} ${JSON.stringify(res.body)}`);
      return '/coordination/agreement';
    },
    areaStarted: async () => {
      const res = await call(hsnApprover, 'post', { path: '/coordination/areas/0125/designations', body: { vardcentralCode: 'VC-NACKA', startDate: '2021-02-01' } });
      if (res.status !== 200 && res.status !== 409) throw new Error(`could not designate Ekerö's vårdcentral: ${res.status} ${JSON.stringify(res.body)}`);
      return '/coordination/areas/0125';
    },
    readyCase: async () => {
      const caseId = await fixture.openCase();
      const res = await call(hospital, 'post', { path: `/discharge-handovers/${caseId}/ready-for-discharge`, body: { declaredAt: today() } });
      if (res.status !== 200) throw new Error(`could not declare ready: ${res.status} ${JSON.stringify(res.body)}`);
      return caseId;
    },
    lpikYear: async () => {
      const year = 2030 + (lpikYears += 1); // 2030 itself is the PUT row's
      const res = await call(referenceAdmin, 'put', { path: `/indices/lpik/${year}`, body: { percent: 1.5 } });
      if (res.status !== 200) throw new Error(`could not register LPIK ${year}: ${res.status} ${JSON.stringify(res.body)}`);
      return year;
    },
    closedRound: () =>
      (round ??= (async () => {
        const res = await call(sosCoordinator, 'post', {
          path: '/situation-reports/rounds',
          headers: { 'Idempotency-Key': `authz-closed-round-${Date.now()}` },
          body: { ...roundBody(), dueAt: new Date(Date.now() + 1_500).toISOString(), cutoffAt: new Date(Date.now() + 2_500).toISOString() },
        });
        if (res.status !== 201) throw new Error(`could not start a round: ${res.status} ${JSON.stringify(res.body)}`);
        for (let i = 0; i < 200; i++) {
          if ((await call(botkyrka, 'get', { path: `/situation-reports/rounds/${res.body.roundId}/picture` })).status === 200) return res.body.roundId as string;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error('the round was not closed within 20 s');
      })()),
    transfer: async () => {
      const res = await call(jonkoping, 'post', { path: '/transfers', headers: { 'Idempotency-Key': `authz-transfer-${Date.now()}-${(n += 1)}` }, body: transferBody() });
      if (res.status !== 201) throw new Error(`could not request a transfer: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.requestId;
    },
    reinforcement: async () => {
      const res = await call(jonkoping, 'post', { path: '/reinforcements', headers: { 'Idempotency-Key': `authz-reinf-${Date.now()}-${(n += 1)}` }, body: { category: 'ventilators', quantity: 1 } });
      if (res.status !== 201) throw new Error(`could not request reinforcement: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.requestId;
    },
    taskOf: async (caseId) => (await waitForTask(await callerFor(stack.app, stack.config, '0125', ['case_handler']), caseId, 'discharge.acknowledge_notice')).id,
  };


  it('covers every route the API documents', async () => {
    const doc = await request(stack.app.getHttpServer()).get('/docs-json').expect(200);
    const documented = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(ROWS.map((r) => r.route).sort()).toEqual(documented.sort());
  });

  it.each(ROWS.map((r) => [r.route, r] as const))('%s', async (_route, row) => {
    if (row.public) {
      expect((await call('none', row.method, await row.make(fixture))).status).toBe(row.partyStatus);
      return;
    }
    expect((await call('none', row.method, await row.make(fixture))).status).toBe(401);
    if (row.nonParty) {
      const res = await call(row.nonParty, row.method, await row.make(fixture));
      expect({ status: res.status, body: res.body }).toMatchObject({ status: row.nonPartyStatus });
      // A non-party's lists never show another party's cases or tasks.
      if (row.nonPartyStatus === 200 && Array.isArray(res.body.items)) {
        for (const item of res.body.items) expect(JSON.stringify(item)).not.toContain('"0125"');
      }
    }
    if (row.wrongParty) {
      expect((await call(row.wrongParty, row.method, await row.make(fixture))).status).toBe(row.wrongPartyStatus);
    }
    const res = await call(row.party, row.method, await row.make(fixture));
    expect({ status: res.status, body: res.body }).toMatchObject({ status: row.partyStatus });
  });

  it('refuses a token that is expired, forged or for an unknown organisation', async () => {
    const server = () => request(stack.app.getHttpServer()).get('/tasks');
    const good = await tokenFor(stack.config, '0125', ['case_handler']);
    await server().set('Authorization', `Bearer ${good.slice(0, -4)}AAAA`).expect(401);
    await server().set('Authorization', 'Basic abc').expect(401);
    const unknown = await tokenFor(stack.config, 'NO-SUCH-ORG', ['case_handler']);
    await server().set('Authorization', `Bearer ${unknown}`).expect(403);
  });
});
