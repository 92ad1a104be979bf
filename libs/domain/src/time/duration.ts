/** Deadlines are configured as durations such as `24h`, `3d`, `90m` or `2s` (short ones for tests). */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d{1,9})(ms|s|m|h|d)$/;

export function isDuration(value: unknown): value is string {
  return typeof value === 'string' && DURATION.test(value.trim());
}

export function durationMs(value: string): number {
  const m = DURATION.exec(value.trim());
  if (!m) throw new RangeError(`not a duration: ${value}`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}
