/**
 * Inter-regional transfers and national reinforcement (issue 15) in Swedish: care levels, infection statuses,
 * statuses of a request and of its offers, the pool's categories, cancellation reasons; the checks the request form
 * makes before it sends (a personnummer in a patient reference is refused at the field, as the API would).
 */
import type { Schemas } from '../api/client';
import { looksLikePersonnummer } from '../../../../libs/domain/src/personnummer';
import { COORDINATOR_ORG } from '../../../../libs/domain/src/transfers/transfer.rules';
import { CANCEL_REASONS, CARE_LEVELS, INFECTION_STATUSES, type CancelReason, type CareLevel, type InfectionStatus } from '../../../../libs/domain/src/transfers/transfer.types';
import { REINFORCEMENT_CATEGORIES, type ReinforcementCategory } from '../../../../libs/domain/src/transfers/reinforcement.rules';

export { CANCEL_REASONS, CARE_LEVELS, COORDINATOR_ORG, INFECTION_STATUSES, REINFORCEMENT_CATEGORIES };
export type { CancelReason, CareLevel, InfectionStatus, ReinforcementCategory };

// Typed by the API's enums where it names them: a new value fails the web build until it has a Swedish name.

export const CARE_LEVEL_LABELS: Record<Schemas['CapacityRowDto']['careLevel'], string> = {
  icu_ventilator: 'Intensivvård med respirator',
  icu: 'Intensivvård',
  inpatient: 'Annan slutenvård',
};

export const INFECTION_LABELS: Record<Schemas['TransferPatientViewDto']['infection'], string> = {
  covid_19: 'Covid-19',
  suspected_covid_19: 'Misstänkt covid-19',
  other_infection: 'Annan smitta',
  none: 'Ingen känd smitta',
};

export const TRANSFER_STATUS_LABELS: Record<Schemas['TransferStateDto']['status'], string> = {
  matching: 'Socialstyrelsen matchar',
  offering: 'Erbjuden till regioner',
  escalated: 'Eskalerad till tjänsteman i beredskap',
  transport: 'Transport ordnas',
  departed: 'Avrest',
  arrived: 'Ankommen',
  admitted: 'Inskriven, klar',
  cancelled: 'Avbruten',
  closed: 'Avslutad utan överflyttning',
};

export const OFFER_STATUS_LABELS: Record<Schemas['OfferDto']['status'], string> = {
  open: 'Väntar på svar',
  accepted: 'Accepterat',
  declined: 'Avböjt',
  expired: 'Gick ut utan svar',
  withdrawn: 'Återkallat (en annan region accepterade)',
};

export const REINFORCEMENT_CATEGORY_LABELS: Record<Schemas['PoolRowDto']['category'], string> = {
  icu_nurses: 'Intensivvårdssjuksköterskor',
  physicians: 'Läkare',
  assistant_nurses: 'Undersköterskor',
  ventilators: 'Respiratorer',
  patient_monitors: 'Patientövervakning (monitorer)',
  protective_equipment: 'Skyddsutrustning (sändningar)',
};

export const REINFORCEMENT_STATUS_LABELS: Record<Schemas['ReinforcementStateDto']['status'], string> = {
  requested: 'Begärd, väntar på Socialstyrelsen',
  allocated: 'Fördelad',
  declined: 'Avslagen',
};

export const CANCEL_REASON_LABELS: Record<CancelReason, string> = {
  died: 'Patienten har avlidit',
  recovered: 'Patienten har förbättrats och behöver inte flyttas',
  other: 'Annat skäl',
};

/** The six healthcare regions (sjukvårdsregioner), the proposal's distance classes. */
export const HEALTHCARE_REGION_LABELS: Record<string, string> = {
  norra: 'Norra',
  uppsala_orebro: 'Mellansverige',
  stockholm_gotland: 'Stockholm-Gotland',
  sydostra: 'Sydöstra',
  sodra: 'Södra',
  vastra: 'Västra',
};

export const careLevelLabel = (level: string) => CARE_LEVEL_LABELS[level as CareLevel] ?? level;
export const infectionLabel = (status: string) => INFECTION_LABELS[status as InfectionStatus] ?? status;
export const categoryLabel = (category: string) => REINFORCEMENT_CATEGORY_LABELS[category as ReinforcementCategory] ?? category;

/** Statuses after which nothing more happens to a request (its page stops polling). */
export const ENDED_TRANSFER: readonly string[] = ['admitted', 'cancelled', 'closed'];
/** The sending region may cancel until the patients have left. */
export const CANCELLABLE_TRANSFER: readonly string[] = ['matching', 'offering', 'escalated', 'transport'];

/** Who works with transfers and reinforcement: the regions' coordinators and Socialstyrelsen's. */
export function worksWithTransfers(kind: string | undefined, organisationCode: string, roles: readonly string[]): boolean {
  return roles.includes('coordinator') && (kind === 'region' || organisationCode === COORDINATOR_ORG);
}

/** "2 Intensivvård, 1 Annan slutenvård" from beds per care level (levels with none left out). */
export function bedsText(beds: Partial<Record<string, number>> | null | undefined): string {
  const parts = CARE_LEVELS.filter((l) => (beds?.[l] ?? 0) > 0).map((l) => `${beds?.[l]} ${CARE_LEVEL_LABELS[l].toLowerCase()}`);
  return parts.length ? parts.join(', ') : 'Inga';
}

/** A patient as Socialstyrelsen and a receiving region see it (care level and infection), with the reference when given. */
export function patientText(p: { reference?: string; careLevel: string; infection: string }): string {
  return [p.reference, careLevelLabel(p.careLevel), infectionLabel(p.infection)].filter(Boolean).join(', ');
}

/** Minutes as people say them: "45 min", "2 tim 5 min"; null (nothing to measure) as a dash. */
export function minutesText(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '–';
  const whole = Math.round(minutes);
  if (whole < 60) return `${whole} min`;
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  return m ? `${h} tim ${m} min` : `${h} tim`;
}

/** The problem with a patient reference, in Swedish, or null: what the API would refuse, said before sending. */
export function referenceProblem(reference: string, others: readonly string[] = []): string | null {
  const value = reference.trim();
  if (!value) return 'Ange regionens egen referens för patienten.';
  if (value.length > 40) return 'Högst 40 tecken.';
  if (looksLikePersonnummer(value)) return 'Ange regionens egen referens, aldrig ett personnummer. Personnumret lämnar inte regionen.';
  if (others.includes(value)) return 'Referensen finns redan i begäran.';
  return null;
}

/** A whole number typed in a field ("12"), or null when it is none in [min, max]. */
export function wholeNumber(typed: string, min: number, max: number): number | null {
  const t = typed.trim().replace(/\s/g, '');
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/** Timeline events of transfers and reinforcement requests in Swedish (merged into case-texts' EVENT_LABELS). */
export const TRANSFER_EVENT_LABELS: Record<string, string> = {
  transfer_requested: 'Överflyttning begärd',
  proposal_approved: 'Socialstyrelsen godkände förslaget på mottagande regioner',
  offer_sent: 'Erbjudande skickat',
  offer_accepted: 'Erbjudandet accepterat, platsen reserverad',
  offer_declined: 'Erbjudandet avböjt',
  offer_expired: 'Erbjudandet gick ut utan svar',
  offer_withdrawn: 'Erbjudandet återkallat',
  offers_exhausted: 'Ingen region tog emot: eskalerad till tjänsteman i beredskap',
  rematch_ordered: 'Ny matchning beslutad',
  transport_arranged: 'Transporten ordnad',
  transport_failed: 'Transporten blev inte av: platsen släppt, ny matchning',
  departed: 'Patienterna har rest',
  arrived: 'Patienterna har kommit fram',
  admitted: 'Patienterna är inskrivna: överflyttningen är klar',
  request_cancelled: 'Begäran avbruten',
  request_closed: 'Begäran avslutad utan överflyttning',
  reinforcement_requested: 'Förstärkning begärd',
  reinforcement_allocated: 'Förstärkning fördelad',
  reinforcement_declined: 'Förstärkning avslagen',
};

export type TransferReport = Schemas['TransferReportDto'];

/** "Region Jönköpings län → Region Kalmar län" (a request nobody took: "ingen mottagare"). */
export const routeText = (r: { sendingRegion: string; receivingRegion: string | null }, name: (code: string) => string) =>
  `${name(r.sendingRegion)} → ${r.receivingRegion ? name(r.receivingRegion) : 'ingen mottagare'}`;
