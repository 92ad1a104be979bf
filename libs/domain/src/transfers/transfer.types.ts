/**
 * Inter-regional patient transfer (seed 003): Socialstyrelsen coordinates, and where needed strengthens, the regions'
 * capacity to move patients between regions. A request from a region, a proposal of receiving regions, offers where
 * the first acceptance wins, transport, admission; the bed released if anything fails on the way.
 */
import type { Actor, PartyAction } from '../case/case';

/** The care a patient needs at the receiving region. */
export const CARE_LEVELS = ['icu_ventilator', 'icu', 'inpatient'] as const;
export type CareLevel = (typeof CARE_LEVELS)[number];

export const INFECTION_STATUSES = ['covid_19', 'suspected_covid_19', 'other_infection', 'none'] as const;
export type InfectionStatus = (typeof INFECTION_STATUSES)[number];

/**
 * One patient of a request. `reference` is the sending region's own (its case or bed reference): no personnummer
 * or name leaves the sending region (refused if it looks like one).
 */
export interface TransferPatient {
  reference: string;
  careLevel: CareLevel;
  infection: InfectionStatus;
}

export type Beds = Record<CareLevel, number>;

/** A receiving region as the proposal ranks it: same healthcare region first, then by free beds. */
export interface Candidate {
  region: string;
  name: string;
  healthcareRegion: string | null;
  sameHealthcareRegion: boolean;
  /** Free beds per care level the region has declared (its declared beds less what is reserved). */
  free: Beds;
  /** Every needed bed fits in the declared free beds. */
  fits: boolean;
  /** Free intensive-care beds in the latest published situation picture, null when the region did not report. */
  pictureIcuFree: number | null;
}

export type OfferStatus = 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export interface Offer {
  region: string;
  status: OfferStatus;
  openedAt: string;
  dueAt: string;
  closedAt?: string;
  reason?: string;
}

export const TRANSFER_STATUSES = ['matching', 'offering', 'escalated', 'transport', 'departed', 'arrived', 'admitted', 'cancelled', 'closed'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const CANCEL_REASONS = ['died', 'recovered', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export interface TransferPolicy {
  /** How long an offer stands. */
  offerDueMs: number;
  /** Offers out at once (1: one region at a time). */
  offersAtOnce: number;
  /** Socialstyrelsen's matching and its duty officer's decision. */
  matchingDueMs: number;
  /** The transport, departure, arrival and admission tasks. */
  stepDueMs: number;
  /** A national transport resource's organisation, when one is configured; else the sending region arranges it. */
  transportOrg: string | null;
}

export interface Transfer {
  requestId: string;
  sendingRegion: string;
  patients: TransferPatient[];
  earliestDeparture: string;
  requested: PartyAction;
  status: TransferStatus;
  /** Counts the matchings (a failed transport goes back to matching: a new round of offers). */
  round: number;
  /** The order Socialstyrelsen approved for this round. */
  proposal: string[];
  offers: Offer[];
  /** Every region that ever received an offer: parties of the case. */
  offeredRegions: string[];
  receivingRegion: string | null;
  accepted?: PartyAction;
  departedAt?: string;
  arrivedAt?: string;
  admittedAt?: string;
  closed?: PartyAction & { reason: string };
}

export interface TransferRequest {
  sendingRegion: string;
  patients: TransferPatient[];
  earliestDeparture: string;
  by: Actor;
}
