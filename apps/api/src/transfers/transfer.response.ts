import { REINFORCEMENT_CATEGORIES } from '../../../../libs/domain/src/transfers/reinforcement.rules';
import { HEALTHCARE_REGIONS } from '../../../../libs/domain/src/transfers/healthcare-regions';
import { CARE_LEVELS, INFECTION_STATUSES, TRANSFER_STATUSES } from '../../../../libs/domain/src/transfers/transfer.types';
import { BooleanProperty, DateProperty, EnumProperty, InstantProperty, IntegerProperty, NestedProperty, NumberProperty, TextProperty, UuidProperty } from '../common/api-properties';
import { CaseRuntimeViewDto } from '../common/case-view.response';

export class TransferStartedDto {
  @UuidProperty() requestId: string;
  @EnumProperty(TRANSFER_STATUSES, 'TransferStatus') status: string;
  @BooleanProperty() replayed: boolean;
}

export class TransferPatientViewDto {
  @TextProperty({ optional: true, description: "The sending region's own reference: shown to the sending region only." }) reference?: string;
  @EnumProperty(CARE_LEVELS, 'CareLevel') careLevel: string;
  @EnumProperty(INFECTION_STATUSES, 'InfectionStatus') infection: string;
}

export class OfferDto {
  @TextProperty() region: string;
  @EnumProperty(['open', 'accepted', 'declined', 'expired', 'withdrawn'], 'OfferStatus') status: string;
  @InstantProperty() openedAt: string;
  @InstantProperty() dueAt: string;
  @InstantProperty({ optional: true }) closedAt?: string;
  @TextProperty({ optional: true }) reason?: string;
}

export class TransferStateDto extends CaseRuntimeViewDto {
  @UuidProperty() requestId: string;
  @TextProperty() sendingRegion: string;
  @NestedProperty(() => TransferPatientViewDto, { isArray: true }) patients: TransferPatientViewDto[];
  @InstantProperty() earliestDeparture: string;
  @EnumProperty(TRANSFER_STATUSES, 'TransferStatus') status: string;
  @IntegerProperty({ minimum: 1 }) round: number;
  @NestedProperty(() => OfferDto, { isArray: true }) offers: OfferDto[];
  @TextProperty({ nullable: true }) receivingRegion: string | null;
}

export class CapacityRowDto {
  @TextProperty() region: string;
  @EnumProperty(CARE_LEVELS, 'CareLevel') careLevel: string;
  @IntegerProperty({ minimum: 0 }) beds: number;
  @IntegerProperty({ minimum: 0 }) reserved: number;
  @IntegerProperty({ minimum: 0 }) free: number;
  @InstantProperty() updatedAt: string;
}

export class TransferReportRowDto {
  @TextProperty() sendingRegion: string;
  @TextProperty({ nullable: true }) receivingRegion: string | null;
  @IntegerProperty({ minimum: 0 }) requests: number;
  @IntegerProperty({ minimum: 0 }) patients: number;
  @IntegerProperty({ minimum: 0 }) admitted: number;
  @NumberProperty({ nullable: true }) medianMinutesToAcceptance: number | null;
  @NumberProperty({ nullable: true }) medianMinutesToAdmission: number | null;
}

export class ReinforcementReportRowDto {
  @TextProperty() region: string;
  @EnumProperty(REINFORCEMENT_CATEGORIES, 'ReinforcementCategory') category: string;
  @IntegerProperty({ minimum: 0 }) requests: number;
  @IntegerProperty({ minimum: 0 }) requested: number;
  @IntegerProperty({ minimum: 0 }) allocated: number;
}

export class TransferReportDto {
  @DateProperty() from: string;
  @DateProperty() to: string;
  @NestedProperty(() => TransferReportRowDto, { isArray: true }) transfers: TransferReportRowDto[];
  @NestedProperty(() => ReinforcementReportRowDto, { isArray: true }) reinforcements: ReinforcementReportRowDto[];
}

export class ReinforcementStartedDto {
  @UuidProperty() requestId: string;
  @TextProperty() status: string;
  @BooleanProperty() replayed: boolean;
}

export class ReinforcementDecisionDto {
  @InstantProperty() at: string;
  @TextProperty() actor: string;
  @TextProperty() organisationCode: string;
  @TextProperty() reason: string;
}

export class ReinforcementStateDto extends CaseRuntimeViewDto {
  @UuidProperty() requestId: string;
  @TextProperty() region: string;
  @EnumProperty(REINFORCEMENT_CATEGORIES, 'ReinforcementCategory') category: string;
  @IntegerProperty({ minimum: 1 }) quantity: number;
  @EnumProperty(['requested', 'allocated', 'declined'], 'ReinforcementStatus') status: string;
  @IntegerProperty({ optional: true, minimum: 0 }) allocated?: number;
  @NestedProperty(() => ReinforcementDecisionDto, { optional: true, description: "Socialstyrelsen's decision, with its reason." }) decision?: ReinforcementDecisionDto;
}

export class PoolRowDto {
  @EnumProperty(REINFORCEMENT_CATEGORIES, 'ReinforcementCategory') category: string;
  @IntegerProperty({ minimum: 0 }) available: number;
}

export class HealthcareRegionSetDto {
  @TextProperty({ example: '13' }) region: string;
  @EnumProperty(HEALTHCARE_REGIONS, 'HealthcareRegion') healthcareRegion: string;
}
