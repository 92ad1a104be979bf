import { ROUND_STATUSES, SHORTAGE_ACTIONS } from '../../../../libs/domain/src/situation-reports/report.types';
import {
  BooleanProperty,
  DateProperty,
  EnumProperty,
  InstantProperty,
  IntegerProperty,
  JsonObjectProperty,
  NestedProperty,
  NumberProperty,
  TextProperty,
  UuidProperty,
} from '../common/api-properties';

/** A round in the list: its week, times and counts; no figures. */
export class RoundRowDto {
  @UuidProperty() roundId: string;
  @TextProperty({ example: '2026-W47' }) week: string;
  @DateProperty() periodFrom: string;
  @DateProperty() periodTo: string;
  @EnumProperty([...ROUND_STATUSES, 'faulted'], 'SituationRoundStatus') status: string;
  @InstantProperty() dueAt: string;
  @InstantProperty() cutoffAt: string;
  @IntegerProperty({ minimum: 0 }) expected: number;
  @IntegerProperty({ minimum: 0 }) reported: number;
  @IntegerProperty({ minimum: 0, description: '0 until the cut-off publishes it; grows with each revision.' }) pictureVersion: number;
  @InstantProperty({ nullable: true }) publishedAt: string | null;
}

export class RoundPageDto {
  @NestedProperty(() => RoundRowDto, { isArray: true }) items: RoundRowDto[];
  @TextProperty({ nullable: true }) nextCursor: string | null;
}

export class RoundStartedDto {
  @UuidProperty() roundId: string;
  @TextProperty() week: string;
  @InstantProperty() opensAt: string;
  @InstantProperty() remindAt: string;
  @InstantProperty() dueAt: string;
  @InstantProperty() cutoffAt: string;
  @InstantProperty() revisionsUntil: string;
  @IntegerProperty({ minimum: 0 }) participants: number;
  @BooleanProperty({ description: 'This Idempotency-Key started the round before.' }) replayed: boolean;
}

export class OrganisationStandingDto {
  @TextProperty() organisationCode: string;
  @TextProperty() name: string;
  @EnumProperty(['municipality', 'region'], 'ReporterKind') kind: string;
  @TextProperty({ example: '01' }) county: string;
  @EnumProperty(['on_time', 'late', 'missing'], 'ReportStanding') standing: string;
  @BooleanProperty() corrected: boolean;
  @BooleanProperty() revised: boolean;
}

export class SituationPictureDto {
  @UuidProperty() roundId: string;
  @TextProperty() week: string;
  @DateProperty() periodFrom: string;
  @DateProperty() periodTo: string;
  @IntegerProperty({ minimum: 1 }) version: number;
  @InstantProperty() computedAt: string;
  @JsonObjectProperty({
    description:
      'The whole country: municipalities and regions expected, reported, missing and revised; staff absence per group (median, min, max, reported) for municipalities and for regions; stock days per consumable (median, min, max, reported, belowThreshold); COVID-19 in-patients (sum); intensive care (beds, occupied, free, occupancyPercent).',
  })
  nation: Record<string, unknown>;
  @JsonObjectProperty({ description: 'The same per county, keyed by its two-digit code.' }) counties: Record<string, unknown>;
  @NestedProperty(() => OrganisationStandingDto, { isArray: true }) organisations: OrganisationStandingDto[];
}

export class ReportRowDto {
  @TextProperty() organisationCode: string;
  @EnumProperty(['municipality', 'region'], 'ReporterKind') kind: string;
  @TextProperty() county: string;
  @IntegerProperty({ minimum: 1 }) revision: number;
  @JsonObjectProperty() figures: Record<string, unknown>;
  @InstantProperty() submittedAt: string;
  @BooleanProperty() late: boolean;
  @BooleanProperty({ description: 'Sent after the cut-off: a revision of the published picture.' }) afterClose: boolean;
}

export class ReportPageDto {
  @NestedProperty(() => ReportRowDto, { isArray: true }) items: ReportRowDto[];
  @TextProperty({ nullable: true }) nextCursor: string | null;
}

export class ShortageRowDto {
  @TextProperty() organisationCode: string;
  @TextProperty() item: string;
  @IntegerProperty({ minimum: 0 }) daysLeft: number;
  @TextProperty() countyBoard: string;
  @EnumProperty(SHORTAGE_ACTIONS, 'ShortageAction', { nullable: true }) action: string | null;
  @TextProperty({ nullable: true }) comment: string | null;
  @InstantProperty({ nullable: true }) answeredAt: string | null;
}

export class OrganisationReportDto {
  @TextProperty() organisationCode: string;
  @EnumProperty(['on_time', 'late', 'missing'], 'ReportStanding') standing: string;
  @NestedProperty(() => ReportRowDto, { isArray: true, description: 'Every revision, oldest first.' }) revisions: ReportRowDto[];
  @NestedProperty(() => ShortageRowDto, { isArray: true }) shortages: ShortageRowDto[];
}

export class TrendPointDto {
  @TextProperty() week: string;
  @DateProperty() periodFrom: string;
  @IntegerProperty({ minimum: 1 }) version: number;
  @IntegerProperty({ minimum: 0 }) expected: number;
  @IntegerProperty({ minimum: 0 }) reported: number;
  @JsonObjectProperty({ description: 'Median absence per staff group, municipalities (percent; null: none reported).' }) municipalStaffAbsence: Record<string, number | null>;
  @JsonObjectProperty({ description: 'Median absence per staff group, regions.' }) regionalStaffAbsence: Record<string, number | null>;
  @JsonObjectProperty({ description: 'Median stock days per consumable.' }) stockDays: Record<string, number | null>;
  @IntegerProperty({ minimum: 0 }) covidInpatients: number;
  @IntegerProperty({ minimum: 0 }) icuBeds: number;
  @IntegerProperty({ minimum: 0 }) icuOccupied: number;
  @NumberProperty({ nullable: true }) icuOccupancyPercent: number | null;
}

export class TrendDto {
  @TextProperty({ nullable: true, description: 'The county, or null for the whole country.' }) county: string | null;
  @NestedProperty(() => TrendPointDto, { isArray: true }) weeks: TrendPointDto[];
}
