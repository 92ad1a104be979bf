/**
 * Situation reports (lägesbilder, seeds 003 and 004): weekly reporting rounds in which municipalities and regions
 * report staff absence, consumables and intensive care, and a picture per county and for the country is published.
 */
import type { Actor } from '../case/case';

/**
 * Staff groups whose absence is reported, as a percentage of the group. Named policy (no source lists them; seed 004
 * says only "viss sjukfrånvaro"): nurses, assistant nurses and care assistants, and all other staff.
 */
export const STAFF_GROUPS = ['nurses', 'care_staff', 'other_staff'] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

/** Consumables a municipality reports as days of stock left (the list; seed 004 names nitrile gloves). */
export const CONSUMABLES = [
  'nitrile_gloves',
  'other_gloves',
  'surgical_masks',
  'ffp_respirators',
  'visors',
  'aprons',
  'hand_disinfectant',
] as const;
export type Consumable = (typeof CONSUMABLES)[number];

/** Who reports in a round. */
export type ReporterKind = 'municipality' | 'region';

/** A municipality's weekly report. Absence in percent (0–100, at most one decimal), stock in whole days. */
export interface MunicipalityFigures {
  staffAbsencePercent: Record<StaffGroup, number>;
  stockDays: Record<Consumable, number>;
  comment?: string;
}

/** A region's weekly report: COVID-19 in-patients, intensive-care beds in total and occupied, staff absence. */
export interface RegionFigures {
  covidInpatients: number;
  icuBeds: number;
  icuBedsOccupied: number;
  staffAbsencePercent: Record<StaffGroup, number>;
  comment?: string;
}

export type ReportFigures = MunicipalityFigures | RegionFigures;

/** A reporting organisation of a round: its code, kind and county (the two-digit county code). */
export interface Participant {
  organisationCode: string;
  name: string;
  kind: ReporterKind;
  county: string;
}

/**
 * When a round's report tasks open, fall due, get their reminder, and when the round closes (cut-off) and stops
 * taking revisions. ISO instants; the period is the reported week's Monday and Sunday (Stockholm dates).
 */
export interface RoundCalendar {
  week: string;
  periodFrom: string;
  periodTo: string;
  opensAt: string;
  remindAt: string;
  dueAt: string;
  cutoffAt: string;
  revisionsUntil: string;
}

/** Actions Länsstyrelsen takes on a shortage (seed 004: redistribute, or order through the purchasing body). */
export const SHORTAGE_ACTIONS = ['redistributed', 'national_purchasing', 'none'] as const;
export type ShortageAction = (typeof SHORTAGE_ACTIONS)[number];

export interface RoundPolicy {
  /** Days of stock below which a consumable is a shortage, per item. */
  shortageThresholdDays: Record<Consumable, number>;
}

/** How an organisation's report stands in the round. */
export type ReportStanding = 'on_time' | 'late' | 'missing';

export interface ReportStatus {
  /** 1 for the first report, +1 for each correction or revision. */
  revision: number;
  firstAt: string;
  lastAt: string;
  late: boolean;
  /** Corrected before the cut-off. */
  corrected: boolean;
  /** Sent or corrected after the cut-off: a revision of the published picture. */
  revisedAfterClose: boolean;
}

export interface ShortageStatus {
  organisationCode: string;
  item: Consumable;
  daysLeft: number;
  countyBoard: string;
  action?: ShortageAction;
  comment?: string;
  answeredBy?: string;
  answeredAt?: string;
}

export const ROUND_STATUSES = ['open', 'closed', 'ended'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** The round's state in its workflow: who reported how, the shortages raised, and the picture's version. */
export interface Round {
  roundId: string;
  calendar: RoundCalendar;
  status: RoundStatus;
  participants: Participant[];
  reports: Record<string, ReportStatus>;
  /** Keyed `${organisationCode}:${item}`: one shortage per municipality and item per round. */
  shortages: Record<string, ShortageStatus>;
  pictureVersion: number;
  closedAt?: string;
}

/** A report as stored (one row per revision) and as the picture reads it. */
export interface StoredReport {
  roundId: string;
  organisationCode: string;
  kind: ReporterKind;
  county: string;
  revision: number;
  figures: ReportFigures;
  submittedBy: string;
  submittedAt: string;
  late: boolean;
  afterClose: boolean;
}

/** A correction or revision through the API (a first report answers the round's task). */
export interface ReportSubmission {
  organisationCode: string;
  figures: ReportFigures;
  by: Actor;
}

/** Medians and counts of one number over the organisations that reported it. */
export interface Spread {
  reported: number;
  median: number | null;
  min: number | null;
  max: number | null;
}

/** The picture of an area (a county, or the country). */
export interface AreaPicture {
  municipalities: { expected: number; reported: number; missing: string[]; revised: string[] };
  regions: { expected: number; reported: number; missing: string[]; revised: string[] };
  municipalStaffAbsence: Record<StaffGroup, Spread>;
  regionalStaffAbsence: Record<StaffGroup, Spread>;
  /** Stock days per consumable over the municipalities, and how many reported below the item's threshold. */
  stockDays: Record<Consumable, Spread & { belowThreshold: number }>;
  covidInpatients: { reported: number; sum: number };
  icu: { reported: number; beds: number; occupied: number; free: number; occupancyPercent: number | null };
}

/** A round's published picture. `version` grows with every revision after the cut-off. */
export interface SituationPicture {
  roundId: string;
  week: string;
  periodFrom: string;
  periodTo: string;
  version: number;
  computedAt: string;
  nation: AreaPicture;
  /** Keyed by two-digit county code. */
  counties: Record<string, AreaPicture>;
  /** Every participant's standing: on time, late or missing; corrected and revised noted. */
  organisations: { organisationCode: string; name: string; kind: ReporterKind; county: string; standing: ReportStanding; corrected: boolean; revised: boolean }[];
}
