/** PostgreSQL's SQLSTATE of a failed query, when the driver gave one. */
export function sqlStateOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown; driverError?: { code?: unknown } } | null)?.driverError?.code ?? (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * A failure that repeats however often it is tried: PostgreSQL refused the data itself (class 22, data exception,
 * such as a NUL in a text or a value out of range; 54000, a value too large to index). Retrying cannot help.
 */
export function isDataError(err: unknown): boolean {
  const state = sqlStateOf(err);
  return !!state && (state.startsWith('22') || state === '54000');
}
