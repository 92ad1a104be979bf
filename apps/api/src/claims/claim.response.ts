import { CLAIM_STATUSES, COST_CATEGORIES, REVIEW_DECISIONS } from '../../../../libs/domain/src/reimbursement/claim.types';
import {
  BooleanProperty,
  DateProperty,
  EnumProperty,
  InstantProperty,
  IntegerProperty,
  NestedProperty,
  OreProperty,
  TextProperty,
  UuidProperty,
} from '../common/api-properties';
import { ActorDto, CaseRuntimeViewDto } from '../common/case-view.response';

/** The mandate a claim is made under, as the claim fixed it at its start. */
export class MandateRefDto {
  @UuidProperty() id: string;
  @TextProperty({ example: 'HDIR 20348' }) reference: string;
  @DateProperty() validFrom: string;
  @DateProperty() validTo: string;
  @TextProperty() payerOrg: string;
  @TextProperty() payeeOrg: string;
  @OreProperty({ nullable: true, description: 'null: no ceiling.' }) ceilingOre: number | null;
}

export class CostLineViewDto {
  @IntegerProperty({ minimum: 1 }) lineNo: number;
  @DateProperty() date: string;
  @EnumProperty(COST_CATEGORIES, 'CostCategory') category: string;
  @TextProperty() description: string;
  @OreProperty() amountOre: number;
  @TextProperty() documentRef: string;
}

export class LineDecisionDto {
  @IntegerProperty({ minimum: 1 }) lineNo: number;
  @OreProperty() approvedOre: number;
  @TextProperty({ optional: true }) reason?: string;
}

export class ReviewRecordDto {
  @InstantProperty() at: string;
  @NestedProperty(() => ActorDto) by: ActorDto;
  @EnumProperty(REVIEW_DECISIONS, 'ReviewDecision') decision: string;
  @TextProperty({ optional: true }) comment?: string;
  @TextProperty({ optional: true }) reason?: string;
  @NestedProperty(() => LineDecisionDto, { optional: true, isArray: true }) lines?: LineDecisionDto[];
}

export class ClaimRevisionDto {
  @IntegerProperty({ minimum: 1 }) revision: number;
  @DateProperty() periodFrom: string;
  @DateProperty() periodTo: string;
  @NestedProperty(() => CostLineViewDto, { isArray: true }) lines: CostLineViewDto[];
  @InstantProperty() createdAt: string;
  @NestedProperty(() => ActorDto) createdBy: ActorDto;
  @InstantProperty({ optional: true }) submittedAt?: string;
  @NestedProperty(() => ActorDto, { optional: true }) submittedBy?: ActorDto;
  @NestedProperty(() => ReviewRecordDto, { isArray: true }) reviews: ReviewRecordDto[];
}

export class PendingApprovalDto {
  @NestedProperty(() => LineDecisionDto, { isArray: true }) lines: LineDecisionDto[];
  @NestedProperty(() => ActorDto) first: ActorDto;
}

export class ApprovalDto {
  @InstantProperty() at: string;
  @NestedProperty(() => LineDecisionDto, { isArray: true }) lines: LineDecisionDto[];
  @OreProperty() totalOre: number;
  @NestedProperty(() => ActorDto, { isArray: true }) approvers: ActorDto[];
}

export class ClaimPaymentDto {
  @TextProperty() paymentReference: string;
  @DateProperty() paidOn: string;
  @OreProperty() amountOre: number;
  @NestedProperty(() => ActorDto) by: ActorDto;
  @InstantProperty() at: string;
}

export class ClaimClosingDto {
  @TextProperty() reason: string;
  @NestedProperty(() => ActorDto) by: ActorDto;
  @InstantProperty() at: string;
}

/** The claim's live state, as its workflow answers a query or a request. */
export class ClaimStateDto extends CaseRuntimeViewDto {
  @UuidProperty() claimId: string;
  @NestedProperty(() => MandateRefDto) mandate: MandateRefDto;
  @EnumProperty(CLAIM_STATUSES, 'ClaimStatus') status: string;
  @NestedProperty(() => ClaimRevisionDto, { isArray: true }) revisions: ClaimRevisionDto[];
  @NestedProperty(() => PendingApprovalDto, { optional: true, description: 'A first approval above the threshold, waiting for the second approver.' })
  pendingApproval?: PendingApprovalDto;
  @NestedProperty(() => ApprovalDto, { optional: true }) approval?: ApprovalDto;
  @NestedProperty(() => ClaimPaymentDto, { optional: true }) payment?: ClaimPaymentDto;
  @NestedProperty(() => ClaimClosingDto, { optional: true }) rejection?: ClaimClosingDto;
  @NestedProperty(() => ClaimClosingDto, { optional: true }) withdrawal?: ClaimClosingDto;
}

export class ClaimStartedDto {
  @UuidProperty() claimId: string;
  @BooleanProperty({ description: 'True when this Idempotency-Key was seen before and the first claim is returned.' }) replayed: boolean;
  @NestedProperty(() => ClaimStateDto, { optional: true, description: 'The claim when it answered (absent for a replay of a claim that has since ended).' })
  state?: ClaimStateDto;
}

/** A claim in a list: its mandate, period and amounts; no personal data. */
export class ClaimListItemDto {
  @UuidProperty() claimId: string;
  @UuidProperty() mandateId: string;
  @TextProperty({ example: 'HDIR 20348' }) mandateReference: string;
  @EnumProperty(CLAIM_STATUSES, 'ClaimStatus') status: string;
  @IntegerProperty({ minimum: 1 }) revision: number;
  @DateProperty() periodFrom: string;
  @DateProperty() periodTo: string;
  @OreProperty({ description: "The current revision's lines." }) claimedOre: number;
  @OreProperty({ nullable: true, description: 'Booked as approved in the ledger; null: nothing approved.' }) approvedOre: number | null;
  @OreProperty({ nullable: true, description: 'Booked as paid; null: nothing paid.' }) paidOre: number | null;
  @InstantProperty() openedAt: string;
  @InstantProperty() updatedAt: string;
}

export class ClaimPageDto {
  @NestedProperty(() => ClaimListItemDto, { isArray: true }) items: ClaimListItemDto[];
  @TextProperty({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' }) nextCursor: string | null;
}
