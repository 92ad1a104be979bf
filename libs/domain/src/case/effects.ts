/**
 * Effects a step books in PostgreSQL together with its projection, tasks and audit rows, in one transaction.
 * Pure data: rules compute them, the runtime carries them, the step activity applies them idempotently.
 */
import type { Actor, SystemActor } from './case';
import type { Participant, RoundCalendar, RoundPolicy, ShortageStatus, StoredReport } from '../situation-reports/report.types';

/** One ledger row; its bookingKey makes it happen at most once, whatever retries and replays do. */
export interface LedgerBooking {
  bookingKey: string;
  mandateId: string;
  source: 'reimbursement_claim' | 'support_agreement';
  sourceId: string;
  kind: 'approved' | 'paid';
  category: string;
  amountOre: number;
  payerOrg: string;
  payeeOrg: string;
  reference: string;
  bookedBy: string;
}

/** Reference data a case may wait for: Socialstyrelsen's daily amount of a year, or LPIK of a year. */
export type ReferenceKind = 'daily_amount' | 'lpik';
export interface ReferenceKey {
  kind: ReferenceKind;
  year: number;
}
export const referenceKeyString = (k: ReferenceKey): string => `${k.kind}:${k.year}`;

export type CaseEffect =
  | {
      type: 'ledger.book';
      bookings: LedgerBooking[];
      /** Refuse the whole step when the mandate's approved total would pass its ceiling. */
      ceiling?: { mandateId: string; ceilingOre: number; reference: string };
      /** The audit row of the booking (e.g. ledger.book_approval), written when something new was booked. */
      action: string;
      detail: Record<string, unknown>;
      by: Actor | SystemActor;
    }
  | {
      /** Registers a value once; a value already registered stands (the step's audit says so). */
      type: 'reference.register';
      key: ReferenceKey;
      /** Daily amount in öre, or LPIK in hundredths of a percent. */
      value: number;
      by: Actor;
    }
  /** A reporting round opens: who reports, its calendar and thresholds (what its picture is computed against). */
  | { type: 'situation_round.open'; roundId: string; calendar: RoundCalendar; participants: Participant[]; policy: RoundPolicy }
  /** A situation report as sent (one row per revision); written once whatever retries do. */
  | { type: 'situation_report.record'; report: StoredReport }
  /** A shortage raised or answered (one row per round, municipality and item). */
  | { type: 'situation_shortage.record'; roundId: string; shortage: ShortageStatus }
  /** The round's picture, computed from its stored reports in the step's transaction; a newer version replaces it. */
  | { type: 'situation_picture.publish'; roundId: string; version: number; computedAt: string }
  /** Reserves a request's beds at the accepting region, under the capacity table's constraint (or refuses the step). */
  | { type: 'transfer.reserve'; requestId: string; region: string; round: number; beds: Record<'icu_ventilator' | 'icu' | 'inpatient', number> }
  /** Gives a reservation's beds back (a failed transport, a cancellation). */
  | { type: 'transfer.release'; requestId: string; region: string; round: number }
  /** The patients are admitted: the reserved beds are now occupied (the region's declared beds shrink with them). */
  | { type: 'transfer.admit'; requestId: string; region: string; round: number }
  /** Books Socialstyrelsen's allocation against the national pool (refuses the step when the pool has less). */
  | { type: 'reinforcement.allocate'; requestId: string; region: string; category: string; requested: number; allocated: number; reason: string; by: Actor };
