/**
 * Inskrivningsmeddelande deadline (Lag 2017:612): in-patient care notifies the municipality and primary
 * care within a deadline (24 hours by default, configurable) of admission. Pure and deterministic, so
 * the workflow can use it. Elapsed time is absolute time, so daylight-saving changes need no special case.
 */
export interface NoticeTimeliness {
  late: boolean;
  /** Minutes past the deadline; 0 when on time. */
  delayMinutes: number;
}

export function noticeTimeliness(admittedAt: string, openedAt: string, deadlineHours: number): NoticeTimeliness {
  const admitted = Date.parse(admittedAt);
  const opened = Date.parse(openedAt);
  if (Number.isNaN(admitted) || Number.isNaN(opened)) throw new RangeError('admittedAt and openedAt must be ISO instants');
  const overMs = opened - admitted - deadlineHours * 3_600_000;
  return overMs > 0 ? { late: true, delayMinutes: Math.ceil(overMs / 60_000) } : { late: false, delayMinutes: 0 };
}
