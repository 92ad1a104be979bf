import type { Schemas } from '../api/client';

type CaseStatus = Schemas['CaseDetailDto']['status'];
type CareType = Schemas['StartDischargeHandoverDto']['careType'];
type MunicipalNeed = Schemas['ExpectedNeedsDto']['municipal'][number];
type RegionNeed = Schemas['ExpectedNeedsDto']['region'][number];

/** A case's id as people can say it on the phone: its first eight characters. */
export const shortCaseId = (id: string) => id.slice(0, 8);

// Typed by the API's enums: a new status, care type or need fails the web build until it has a Swedish name.

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  planning: 'Planering',
  ready_for_discharge: 'Utskrivningsklar',
  discharged: 'Utskriven',
  cancelled: 'Avbrutet',
  draft: 'Utkast',
  under_review: 'Granskas',
  sent_back: 'Återsänt',
  awaiting_second_approval: 'Väntar på andra attest',
  approved: 'Godkänt',
  paid: 'Betalt',
  rejected: 'Avslaget',
  withdrawn: 'Återkallat',
  none: 'Ingen',
  designated: 'Utsedd',
  onboarding: 'Uppstart',
  active: 'Aktivt',
  handing_over: 'Överlämnas',
  ended: 'Avslutat',
  awaiting_decisions: 'Väntar på beslut',
  in_effect: 'Gäller',
  terminating: 'Sägs upp',
  open: 'Öppen',
  closed: 'Stängd',
  matching: 'Matchas',
  offering: 'Erbjuds',
  escalated: 'Eskalerad',
  transport: 'Transport',
  departed: 'Avrest',
  arrived: 'Ankommen',
  admitted: 'Inskriven',
  requested: 'Begärd',
  allocated: 'Fördelad',
  declined: 'Avböjd',
  faulted: 'Datafel',
};

export const CARE_TYPE_LABELS: Record<CareType, string> = { somatic: 'Somatisk vård', psychiatric: 'Psykiatrisk vård' };

export const MUNICIPAL_NEED_LABELS: Record<MunicipalNeed, string> = {
  home_care: 'Hemtjänst',
  special_housing: 'Särskilt boende',
  municipal_home_health_care: 'Kommunal hemsjukvård',
  lss: 'Insatser enligt LSS',
};

export const REGION_NEED_LABELS: Record<RegionNeed, string> = {
  primary_care_home_health_care: 'Hemsjukvård i primärvården',
  asih: 'ASIH (avancerad sjukvård i hemmet)',
  spsv: 'Specialiserad palliativ slutenvård',
  rehabilitation: 'Rehabilitering',
  geriatrics: 'Geriatrik',
};

/** Timeline events in Swedish; an event this list does not know shows its code. */
export const EVENT_LABELS: Record<string, string> = {
  case_opened: 'Inskrivningsmeddelande skickat, ärendet öppnat',
  notice_late: 'Inskrivningsmeddelandet skickades för sent',
  estimated_discharge_date_changed: 'Beräknat utskrivningsdatum ändrat',
  ready_for_discharge_declared: 'Patienten bedömd utskrivningsklar',
  ready_for_discharge_revoked: 'Utskrivningsklar återkallad',
  notice_acknowledged: 'Inskrivningsmeddelandet kvitterat',
  fast_vardkontakt_appointed: 'Fast vårdkontakt utsedd',
  more_information_requested: 'Kommunen begärde mer information',
  information_provided: 'Information lämnad',
  needs_assessed: 'Kommunen har beslutat om insatser',
  ready_for_discharge_acknowledged: 'Utskrivningsklar kvitterad',
  sip_called: 'Kallat till SIP',
  medical_responsibility_taken_over: 'Medicinskt ansvar övertaget',
  discharged: 'Patienten utskriven',
  case_cancelled: 'Ärendet avbrutet',
  payment_liability_determined: 'Betalningsansvar fastställt',
  payment_liability_invoiced: 'Betalningsansvar fakturerat',
  escalation_handled: 'Eskalering hanterad',
  task_overdue: 'En uppgift blev försenad',
  data_fault: 'Datafel i ärendet',
  data_fault_handled: 'Datafel hanterat',
};

export const eventLabel = (type: string) => EVENT_LABELS[type] ?? type;

/** Date and time in Stockholm, e.g. "26 nov. 2030 10:00". */
export function stockholmDateTime(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as Swedes write it, e.g. "26 nov. 2030" (no time zone shift: it is a date). */
export function calendarDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(Date.UTC(y, m - 1, d)));
}

type WaitingFor = Schemas['WaitingForDto'];

/** What the workflow says it waits for (in English, for the API's readers) in the words the case's parties use. */
const KNOWN_REQUESTS: Record<string, string> = {
  "the hospital's utskrivningsklar notice": 'sjukhusets meddelande om utskrivningsklar',
  "the hospital's record of the discharge": 'sjukhusets registrering av utskrivningen',
};

const WAITING_FOR: Record<WaitingFor['what'], (w: WaitingFor) => string> = {
  nothing: () => 'inget (ärendet är avslutat)',
  tasks: () => 'öppna uppgifter (se nedan)',
  reference_data: () => 'referensdata från HSF (dagsbelopp eller LPIK)',
  date: () => 'en tidpunkt',
  request: (w) => KNOWN_REQUESTS[w.description] ?? 'en begäran från någon av parterna',
};

/** "Väntar på: …" of the case view, with the instant or date it waits until, if any. */
export function waitingForText(w: WaitingFor): string {
  const what = WAITING_FOR[w.what](w);
  if (w.what === 'nothing' || !w.until) return what;
  const until = /^\d{4}-\d{2}-\d{2}$/.test(w.until) ? calendarDate(w.until) : stockholmDateTime(w.until);
  const prefix = { tasks: 'senast ', reference_data: 'senast ', date: '', request: 'väntas ' }[w.what];
  return `${what}, ${prefix}${until}`;
}
