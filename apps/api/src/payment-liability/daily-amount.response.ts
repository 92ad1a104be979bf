import { InstantProperty, IntegerProperty, OreProperty, TextProperty } from '../common/api-properties';

/** Socialstyrelsen's daily amount for one year, registered once. */
export class DailyAmountDto {
  @IntegerProperty() year: number;
  @OreProperty({ description: 'Per liable day, in öre.' }) amountOre: number;
  @TextProperty() registeredBy: string;
  @InstantProperty() registeredAt: string;
  @TextProperty({ nullable: true, description: 'Who corrected it last; null when never corrected.' }) correctedBy: string | null;
  @InstantProperty({ nullable: true }) correctedAt: string | null;
}
