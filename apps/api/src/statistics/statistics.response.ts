import { IntegerProperty, NestedProperty, NumberProperty, OreProperty, TextProperty } from '../common/api-properties';

/** The months and scope a statistic covers; never personal data. */
export class StatisticsScopeDto {
  @TextProperty({ example: 'KS', description: 'The organisation whose cases are counted (the cases it is party to).' }) organisationCode: string;
  @TextProperty({ nullable: true, example: '2026-01', description: 'First month included; null: from the start.' }) from: string | null;
  @TextProperty({ nullable: true, example: '2026-12', description: 'Last month included; null: up to now.' }) to: string | null;
}

export class SameDayMonthDto {
  @TextProperty({ example: '2026-03' }) month: string;
  @IntegerProperty({ minimum: 0, description: 'Patients discharged in the month.' }) discharged: number;
  @IntegerProperty({ minimum: 0, description: 'Of them, discharged the same day they were judged ready.' }) sameDay: number;
  @NumberProperty({ nullable: true, description: 'sameDay / discharged, 0–1; null with no discharge.' }) share: number | null;
}

/** Seed 002's goal: patients discharged the same day they became ready for discharge. */
export class SameDayStatisticsDto {
  @NestedProperty(() => StatisticsScopeDto) scope: StatisticsScopeDto;
  @IntegerProperty({ minimum: 0 }) discharged: number;
  @IntegerProperty({ minimum: 0 }) sameDay: number;
  @NumberProperty({ nullable: true, description: 'sameDay / discharged, 0–1; null with no discharge.' }) share: number | null;
  @NestedProperty(() => SameDayMonthDto, { isArray: true }) months: SameDayMonthDto[];
}

export class MunicipalityDaysDto {
  @TextProperty({ example: '0125' }) municipalityCode: string;
  @TextProperty({ example: 'Ekerö kommun' }) municipalityName: string;
  @IntegerProperty({ minimum: 0 }) discharged: number;
  @IntegerProperty({ minimum: 0 }) sameDay: number;
  @NumberProperty({ description: 'Mean calendar days from ready to discharge.' }) meanDays: number;
  @NumberProperty({ description: 'Median calendar days from ready to discharge.' }) medianDays: number;
  @IntegerProperty({ minimum: 0 }) maxDays: number;
}

export class DischargeDaysStatisticsDto {
  @NestedProperty(() => StatisticsScopeDto) scope: StatisticsScopeDto;
  @NestedProperty(() => MunicipalityDaysDto, { isArray: true }) municipalities: MunicipalityDaysDto[];
}

export class LiabilityMonthDto {
  @TextProperty({ example: '2026-03', description: 'The month of discharge.' }) month: string;
  @IntegerProperty({ minimum: 0 }) discharged: number;
  @IntegerProperty({ minimum: 0, description: 'Discharges with at least one liable day.' }) liableCases: number;
  @IntegerProperty({ minimum: 0 }) liableDays: number;
  @OreProperty({ description: 'The invoice bases of the month, in öre.' }) amountOre: number;
}

export class LiabilityStatisticsDto {
  @NestedProperty(() => StatisticsScopeDto) scope: StatisticsScopeDto;
  @IntegerProperty({ minimum: 0 }) liableDays: number;
  @OreProperty() amountOre: number;
  @NestedProperty(() => LiabilityMonthDto, { isArray: true }) months: LiabilityMonthDto[];
}

export class ClaimCategoryDto {
  @TextProperty({ example: 'staff', description: 'A cost category.' }) category: string;
  @IntegerProperty({ minimum: 0, description: 'Claims with lines or bookings in the category.' }) claims: number;
  @OreProperty({ description: 'Claimed in submitted claims (their current revision; drafts and withdrawn claims not counted).' }) claimedOre: number;
  @OreProperty() approvedOre: number;
  @OreProperty() paidOre: number;
}

export class ClaimStatisticsDto {
  @NestedProperty(() => StatisticsScopeDto) scope: StatisticsScopeDto;
  @NestedProperty(() => ClaimCategoryDto, { isArray: true }) categories: ClaimCategoryDto[];
}
