/**
 * Where AuditRepository reports how long each append took (locks, head read, insert, head move; not the commit):
 * the API's prom-client histogram, or in the worker the Temporal Runtime's metric meter. Optional: scripts and
 * tests append without one.
 */
export interface AuditAppendTimer {
  observe(seconds: number, rows: number): void;
}

export const AUDIT_APPEND_TIMER = Symbol('AUDIT_APPEND_TIMER');

/** The histogram's name, the same in the API (prom-client) and the worker (the Temporal Runtime's meter). */
export const AUDIT_APPEND_METRIC = 'vardflode_audit_append_duration_seconds';

/** Its buckets in seconds, the same in both, so that a dashboard can add them up. */
export const AUDIT_APPEND_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
