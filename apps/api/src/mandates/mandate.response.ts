import { DateProperty, NestedProperty, OreProperty, TextProperty, UuidProperty } from '../common/api-properties';

export class MandateDto {
  @UuidProperty() id: string;
  @TextProperty({ example: 'HDIR 20348' }) reference: string;
  @TextProperty() title: string;
  @DateProperty() decidedOn: string;
  @DateProperty() validFrom: string;
  @DateProperty() validTo: string;
  @TextProperty() payerOrg: string;
  @TextProperty() payeeOrg: string;
  @OreProperty({ nullable: true, description: 'null: no ceiling.' }) ceilingOre: number | null;
}

export class MandateFiguresDto {
  @OreProperty() claimedOre: number;
  @OreProperty() approvedOre: number;
  @OreProperty() paidOre: number;
  @OreProperty({ description: 'Approved, not yet paid.' }) outstandingOre: number;
}

export class CategoryFiguresDto extends MandateFiguresDto {
  @TextProperty({ example: 'staff', description: 'A cost category of the claims, or what else is booked under the mandate (e.g. support_agreement).' })
  category: string;
}

/** Claimed, approved, paid and outstanding under a mandate, per category and in total. */
export class MandateSummaryDto {
  @NestedProperty(() => MandateDto) mandate: MandateDto;
  @NestedProperty(() => MandateFiguresDto) total: MandateFiguresDto;
  @NestedProperty(() => CategoryFiguresDto, { isArray: true }) categories: CategoryFiguresDto[];
  @OreProperty({ nullable: true, description: 'null: the mandate has no ceiling.' }) ceilingRemainingOre: number | null;
}
