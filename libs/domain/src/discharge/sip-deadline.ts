import { stockholmDate } from '../time/stockholm';
import { stockholmMidnight } from '../time/stockholm-clock';
import { addDays } from '../time/swedish-holidays';

/**
 * The call to a SIP is due "within 3 days of the utskrivningsklar notice" (SFS 2019:979). Whether those are calendar
 * days is not confirmed (DOMAIN.md), so it is a setting (DISCHARGE_SIP_DEADLINE):
 *
 * - `calendar_days` (the default, as the brief asks): by the end of the Stockholm calendar day `days` days after
 *   the day of the notice. A notice on 27 March 2026 at 10:00 is due at the end of 30 March (00:00 on 31 March,
 *   summer time), whatever the clock change on 29 March does to the number of hours.
 * - `rolling`: a fixed span from the notice (DISCHARGE_SIP_CALL_DUE, 72 hours by default).
 *
 * Both count from when the notice went out, not from the doctor's judgement recorded in it.
 */
export const SIP_DEADLINE_POLICIES = ['calendar_days', 'rolling'] as const;
export type SipDeadlinePolicy = (typeof SIP_DEADLINE_POLICIES)[number];
export const DEFAULT_SIP_DEADLINE_POLICY: SipDeadlinePolicy = 'calendar_days';
/** SFS 2019:979: "inom tre dagar". */
export const DEFAULT_SIP_CALL_DAYS = 3;

export interface SipDeadline {
  policy: SipDeadlinePolicy;
  /** Calendar days after the day of the notice (`calendar_days`). */
  days: number;
  /** The span from the notice (`rolling`). */
  rollingMs: number;
}

/** The instant the SIP call is due (exclusive: a call before it is on time). */
export function sipCallDueAt(noticeAt: string, d: SipDeadline): string {
  if (d.policy === 'rolling') return new Date(Date.parse(noticeAt) + d.rollingMs).toISOString();
  return new Date(stockholmMidnight(addDays(stockholmDate(noticeAt), d.days + 1))).toISOString();
}
