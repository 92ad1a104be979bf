import {
  ASSESSMENT_OUTCOMES,
  CANCELLATION_REASONS,
  CARE_TYPES,
  DISCHARGE_HANDOVER_STATUSES,
  MUNICIPAL_NEEDS,
  REGION_NEEDS,
} from '../../../../libs/domain/src/discharge/discharge.types';
import { LIABILITY_POLICIES } from '../../../../libs/domain/src/discharge/payment-liability';
import { TAKEOVER_RECEIVERS } from '../../../../libs/domain/src/discharge/takeover-receiver';
import {
  BooleanProperty,
  DateProperty,
  EnumArrayProperty,
  EnumProperty,
  InstantProperty,
  IntegerArrayProperty,
  IntegerProperty,
  NestedProperty,
  OreProperty,
  TextArrayProperty,
  TextProperty,
  UuidProperty,
} from '../common/api-properties';
import { CaseRuntimeViewDto, PartyActionDto } from '../common/case-view.response';

export class NeedsViewDto {
  @EnumArrayProperty(MUNICIPAL_NEEDS, 'MunicipalNeed') municipal: string[];
  @EnumArrayProperty(REGION_NEEDS, 'RegionNeed') region: string[];
}

export class LateNoticeDto {
  @BooleanProperty({ description: 'The inskrivningsmeddelande went out later than the deadline after admission.' }) late: boolean;
  @IntegerProperty({ minimum: 0 }) delayMinutes: number;
}

export class FastVardkontaktDto extends PartyActionDto {
  @TextProperty() name: string;
  @TextProperty({ optional: true }) phone?: string;
}

export class AssessmentDto extends PartyActionDto {
  @EnumProperty(ASSESSMENT_OUTCOMES, 'AssessmentOutcome') outcome: string;
  @EnumArrayProperty(MUNICIPAL_NEEDS, 'MunicipalNeed') services: string[];
  @DateProperty({ optional: true }) startDate?: string;
}

export class InformationRequestDto {
  @TextProperty() question: string;
  @InstantProperty() askedAt: string;
  @TextProperty({ optional: true }) answer?: string;
  @InstantProperty({ optional: true }) answeredAt?: string;
}

export class PartyAcknowledgementsDto {
  @NestedProperty(() => PartyActionDto, { optional: true }) municipality?: PartyActionDto;
  @NestedProperty(() => PartyActionDto, { optional: true }) primaryCare?: PartyActionDto;
}

export class SipCallDto extends PartyActionDto {
  @DateProperty() plannedSipDate: string;
}

export class SipDto {
  @BooleanProperty() required: boolean;
  @NestedProperty(() => SipCallDto, { optional: true }) call?: SipCallDto;
}

export class TakeoverAcknowledgedDto extends PartyActionDto {
  @TextProperty({ optional: true }) responsiblePhysician?: string;
}

export class TakeoverDto {
  @EnumProperty(TAKEOVER_RECEIVERS, 'TakeoverReceiver') receiver: string;
  @TextProperty() organisationCode: string;
  @NestedProperty(() => TakeoverAcknowledgedDto, { optional: true }) acknowledged?: TakeoverAcknowledgedDto;
}

export class LiabilityLineDto {
  @IntegerProperty() year: number;
  @IntegerProperty({ minimum: 0 }) days: number;
  @OreProperty() dailyAmountOre: number;
  @OreProperty() amountOre: number;
}

/** The municipality's payment liability for the days after the utskrivningsklar notice. */
export class LiabilityBasisDto {
  @EnumProperty(LIABILITY_POLICIES, 'LiabilityPolicy') policy: string;
  @InstantProperty() noticeAt: string;
  @InstantProperty() dischargedAt: string;
  @DateProperty() liabilityStartDate: string;
  @DateProperty() dischargeDate: string;
  @IntegerProperty({ minimum: 0 }) liableDays: number;
  @NestedProperty(() => LiabilityLineDto, { isArray: true }) lines: LiabilityLineDto[];
  @OreProperty() totalOre: number;
}

export class InvoiceDto extends PartyActionDto {
  @TextProperty() invoiceReference: string;
}

export class DischargeDto {
  @InstantProperty() dischargedAt: string;
  @IntegerProperty({ description: 'Calendar days from the utskrivningsklar notice to discharge (0: the same day, the target).' }) daysFromReady: number;
  @BooleanProperty() sameDay: boolean;
  @NestedProperty(() => LiabilityBasisDto, { nullable: true, description: 'null when the patient left before liability began.' })
  paymentLiability: LiabilityBasisDto | null;
  @IntegerArrayProperty({ optional: true, description: 'Years whose daily amount HSF must register before the basis can be made.' })
  awaitingDailyAmounts?: number[];
  @NestedProperty(() => InvoiceDto, { optional: true }) invoice?: InvoiceDto;
}

export class CancellationDto {
  @EnumProperty(CANCELLATION_REASONS, 'CancellationReason') reason: string;
  @InstantProperty() at: string;
}

/** The discharge handover's live state, as its workflow answers a query or a request. */
export class DischargeHandoverStateDto extends CaseRuntimeViewDto {
  @UuidProperty() caseId: string;
  @EnumProperty(DISCHARGE_HANDOVER_STATUSES, 'DischargeHandoverStatus') status: string;
  @TextProperty() hospitalCode: string;
  @TextProperty() municipalityCode: string;
  @TextProperty() vardcentralCode: string;
  @TextProperty({ description: 'The ASIH unit that takes over weekend and holiday discharges.' }) asihCode: string;
  @EnumProperty(CARE_TYPES, 'CareType') careType: string;
  @NestedProperty(() => NeedsViewDto) needs: NeedsViewDto;
  @InstantProperty() admittedAt: string;
  @InstantProperty() openedAt: string;
  @DateProperty() estimatedDischargeDate: string;
  @NestedProperty(() => LateNoticeDto) lateNotice: LateNoticeDto;
  @InstantProperty({ optional: true }) readyForDischargeAt?: string;
  @InstantProperty({ optional: true }) plannedDischargeAt?: string;
  @NestedProperty(() => FastVardkontaktDto, { optional: true }) fastVardkontakt?: FastVardkontaktDto;
  @NestedProperty(() => AssessmentDto, { optional: true }) assessment?: AssessmentDto;
  @NestedProperty(() => InformationRequestDto, { isArray: true }) informationRequests: InformationRequestDto[];
  @NestedProperty(() => PartyAcknowledgementsDto) readyAcknowledgements: PartyAcknowledgementsDto;
  @NestedProperty(() => SipDto) sip: SipDto;
  @NestedProperty(() => TakeoverDto, { optional: true }) takeover?: TakeoverDto;
  @NestedProperty(() => DischargeDto, { optional: true }) discharge?: DischargeDto;
  @NestedProperty(() => PartyAcknowledgementsDto) acknowledgements: PartyAcknowledgementsDto;
  @NestedProperty(() => CancellationDto, { optional: true }) cancellation?: CancellationDto;
  @TextArrayProperty({ description: 'Organisations that joined after the case opened (ASIH taking over, HSF finance invoicing).' }) joinedParties: string[];
}

export class CaseStartedDto {
  @UuidProperty() caseId: string;
  @TextProperty() workflowId: string;
  @BooleanProperty({ description: 'True when this Idempotency-Key was seen before and the first case is returned.' }) replayed: boolean;
  @NestedProperty(() => DischargeHandoverStateDto, { optional: true, description: 'The workflow state when it answered (absent for a replay of a case that has since ended).' })
  state?: DischargeHandoverStateDto;
}

export class SummaryFastVardkontaktDto {
  @TextProperty() name: string;
  @TextProperty({ nullable: true }) phone: string | null;
  @TextProperty() organisationCode: string;
}

export class MunicipalServicesDto {
  @EnumArrayProperty(MUNICIPAL_NEEDS, 'MunicipalNeed') services: string[];
  @DateProperty({ nullable: true }) startDate: string | null;
}

export class MedicalResponsibilityDto {
  @TextProperty() organisationCode: string;
  @EnumProperty(TAKEOVER_RECEIVERS, 'TakeoverReceiver') receiver: string;
  @BooleanProperty() acknowledged: boolean;
}

export class SummaryContactDto {
  @TextProperty({ example: 'fast vårdkontakt (vårdcentral)' }) role: string;
  @TextProperty() organisationCode: string;
  @TextProperty({ nullable: true }) organisationName: string | null;
}

/** What the patient gets in writing (patientlagen 3:2 b). */
export class DischargeSummaryDto {
  @UuidProperty() caseId: string;
  @TextProperty({ nullable: true, description: "The patient's name; null once the patient's data is erased (gallring)." }) patientName: string | null;
  @EnumProperty(DISCHARGE_HANDOVER_STATUSES, 'DischargeHandoverStatus') status: string;
  @InstantProperty({ nullable: true }) plannedDischargeAt: string | null;
  @NestedProperty(() => SummaryFastVardkontaktDto, { nullable: true }) fastVardkontakt: SummaryFastVardkontaktDto | null;
  @DateProperty({ nullable: true }) plannedSipDate: string | null;
  @NestedProperty(() => MunicipalServicesDto, { nullable: true }) municipalServices: MunicipalServicesDto | null;
  @NestedProperty(() => MedicalResponsibilityDto, { nullable: true }) medicalResponsibility: MedicalResponsibilityDto | null;
  @NestedProperty(() => SummaryContactDto, { isArray: true }) contacts: SummaryContactDto[];
}
