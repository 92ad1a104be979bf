import { AGREEMENT_PARTIES, AGREEMENT_STATUSES, SIGNATORY_ROLES } from '../../../../libs/domain/src/coordination/agreement.types';
import { AREA_STATUSES } from '../../../../libs/domain/src/coordination/area.types';
import {
  DateProperty,
  EnumProperty,
  InstantProperty,
  IntegerProperty,
  NestedProperty,
  NumberProperty,
  OreProperty,
  TextProperty,
  UuidProperty,
} from '../common/api-properties';
import { ActorDto, CaseRuntimeViewDto } from '../common/case-view.response';

/** Who covers an area: a register every organisation may read. */
export class AreaCoverageDto {
  @TextProperty({ example: '0125' }) areaCode: string;
  @TextProperty() areaName: string;
  @EnumProperty(AREA_STATUSES, 'AreaStatus') status: string;
  @TextProperty({ nullable: true }) vardcentralCode: string | null;
  @TextProperty({ nullable: true }) pendingVardcentralCode: string | null;
  @TextProperty({ nullable: true, description: "SLSO's contact for the area." }) slsoContact: string | null;
  @DateProperty({ nullable: true }) startDate: string | null;
  @IntegerProperty({ minimum: 0 }) overdueTasks: number;
  @DateProperty({ nullable: true, description: 'First day the area exists (null: always has).' }) validFrom: string | null;
  @DateProperty({ nullable: true, description: 'Last day the area exists (null: still does).' }) validTo: string | null;
}

export class SlsoContactDto {
  @TextProperty() name: string;
  @TextProperty() guidancePlan: string;
  @NestedProperty(() => ActorDto) by: ActorDto;
}

export class MunicipalContactDto {
  @TextProperty() name: string;
  @NestedProperty(() => ActorDto, { optional: true }) confirmedBy?: ActorDto;
}

export class OnboardingDto {
  @NestedProperty(() => SlsoContactDto, { optional: true }) slsoContact?: SlsoContactDto;
  @TextProperty({ optional: true }) coordinatorName?: string;
  @NestedProperty(() => MunicipalContactDto, { optional: true }) municipalContact?: MunicipalContactDto;
  @DateProperty({ optional: true }) firstMeetingOn?: string;
  @DateProperty({ optional: true }) joinedSubregionalOn?: string;
}

export class CurrentCoordinatorDto {
  @TextProperty() vardcentralCode: string;
  @DateProperty() startDate: string;
  @InstantProperty() acceptedAt: string;
  @NestedProperty(() => OnboardingDto) onboarding: OnboardingDto;
  @InstantProperty({ optional: true }) activeSince?: string;
}

export class DesignationDto {
  @TextProperty() vardcentralCode: string;
  @DateProperty() startDate: string;
  @NestedProperty(() => ActorDto) by: ActorDto;
  @InstantProperty() at: string;
}

export class CoordinatorPeriodDto {
  @TextProperty() vardcentralCode: string;
  @InstantProperty() from: string;
  @InstantProperty({ optional: true }) to?: string;
}

/**
 * An area's case as its workflow answers. An area nobody was ever designated for has no case yet: then only
 * areaCode, areaName and status `none` are given.
 */
export class AreaStateDto extends CaseRuntimeViewDto {
  @UuidProperty() caseId: string;
  @TextProperty() areaCode: string;
  @TextProperty() areaName: string;
  @EnumProperty(AREA_STATUSES, 'AreaStatus') status: string;
  @NestedProperty(() => CurrentCoordinatorDto, { optional: true, description: 'The vårdcentral holding the responsibility now.' }) current?: CurrentCoordinatorDto;
  @NestedProperty(() => DesignationDto, { optional: true, description: "A designation waiting for the vårdcentral's answer." }) pending?: DesignationDto;
  @NestedProperty(() => CoordinatorPeriodDto, { isArray: true }) history: CoordinatorPeriodDto[];
}

/** An area nobody was ever designated for: it has no case yet. */
export class UndesignatedAreaDto {
  @TextProperty() areaCode: string;
  @TextProperty() areaName: string;
  @DateProperty({ nullable: true }) validFrom: string | null;
  @DateProperty({ nullable: true }) validTo: string | null;
  @EnumProperty(['none'], 'UndesignatedAreaStatus') status: string;
}

export class SignatoryViewDto {
  @TextProperty() name: string;
  @EnumProperty(SIGNATORY_ROLES, 'SignatoryRole') role: string;
  @TextProperty({ optional: true }) delegationReference?: string;
}

export class AgreementDecisionViewDto {
  @EnumProperty(AGREEMENT_PARTIES, 'AgreementParty') organisationCode: string;
  @DateProperty() decidedOn: string;
  @TextProperty() reference: string;
  @NestedProperty(() => ActorDto) by: ActorDto;
  @NestedProperty(() => SignatoryViewDto, { optional: true }) signatory?: SignatoryViewDto;
}

export class AgreementDecisionsDto {
  @NestedProperty(() => AgreementDecisionViewDto, { optional: true }) HSN?: AgreementDecisionViewDto;
  @NestedProperty(() => AgreementDecisionViewDto, { optional: true }) SLSO?: AgreementDecisionViewDto;
}

export class AgreementMandateDto {
  @UuidProperty() id: string;
  @TextProperty() reference: string;
  @TextProperty() payerOrg: string;
  @TextProperty() payeeOrg: string;
}

export class InstalmentDto {
  @IntegerProperty({ minimum: 1 }) instalment: number;
  @DateProperty() dueOn: string;
  @OreProperty() amountOre: number;
  @TextProperty({ optional: true }) paymentReference?: string;
  @DateProperty({ optional: true }) paidOn?: string;
}

export class AgreementYearDto {
  @IntegerProperty() year: number;
  @NumberProperty({ description: "The year's compensation in kronor." }) amountKr: number;
  @IntegerProperty({ nullable: true, description: 'LPIK in hundredths of a percent; null until registered.' }) lpikHundredths: number | null;
  @NestedProperty(() => InstalmentDto, { isArray: true }) payments: InstalmentDto[];
}

export class AgreementNoticeViewDto {
  @NestedProperty(() => ActorDto) by: ActorDto;
  @DateProperty() givenOn: string;
  @DateProperty() endsOn: string;
}

/** The HSN–SLSO support agreement as its workflow answers. */
export class AgreementStateDto extends CaseRuntimeViewDto {
  @UuidProperty() mandateId: string;
  @NestedProperty(() => AgreementMandateDto) mandate: AgreementMandateDto;
  @EnumProperty(AGREEMENT_STATUSES, 'AgreementStatus') status: string;
  @NestedProperty(() => AgreementDecisionsDto) decisions: AgreementDecisionsDto;
  @DateProperty({ optional: true }) effectiveDate?: string;
  @NestedProperty(() => AgreementYearDto, { isArray: true }) years: AgreementYearDto[];
  @IntegerProperty({ optional: true, description: 'The year being paid.' }) currentYear?: number;
  @NestedProperty(() => AgreementNoticeViewDto, { optional: true }) notice?: AgreementNoticeViewDto;
}

export class LpikIndexDto {
  @IntegerProperty() year: number;
  @IntegerProperty({ description: 'LPIK excluding pharmaceuticals, in hundredths of a percent.' }) percentHundredths: number;
  @TextProperty() registeredBy: string;
  @InstantProperty() registeredAt: string;
  @TextProperty({ nullable: true, description: 'Who corrected it last; null when never corrected.' }) correctedBy: string | null;
  @InstantProperty({ nullable: true }) correctedAt: string | null;
}

export class LpikRegisteredDto {
  @IntegerProperty() year: number;
  @NumberProperty({ example: 2.6, description: 'In percent.' }) percent: number;
  @TextProperty() registeredBy: string;
}

export class LpikCorrectedDto extends LpikRegisteredDto {
  @TextProperty() correctedBy: string;
  @InstantProperty() correctedAt: string;
}


