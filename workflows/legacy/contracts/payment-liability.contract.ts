import type { DailyAmount } from '../../../libs/domain/src/discharge/payment-liability';
import type { TaskActor } from '../../../libs/contracts/src/human-task.contract';

/** Daily amounts of payment liability, per year (Socialstyrelsen); registered by HSF, never guessed. */
export interface PaymentLiabilityActivities {
  /** The registered amounts among `years` (missing years are simply absent). */
  dailyAmounts(years: number[]): Promise<DailyAmount[]>;
  /** Registers a year's amount; a year already registered keeps its amount (returned). */
  registerDailyAmount(input: { year: number; amountOre: number; by: TaskActor }): Promise<DailyAmount>;
}
