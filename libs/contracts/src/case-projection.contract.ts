/**
 * The activities every case workflow uses to keep PostgreSQL's case projection consistent with itself.
 * Workflows import this interface as a type only and call it through proxyActivities.
 */
import type { CaseEvent } from '../../domain/src/case/case';

export interface CaseSnapshot {
  caseId: string;
  caseType: string;
  workflowId: string;
  status: string;
  /** Organisation codes that are party to the case (who may see it). */
  parties: string[];
  version: number;
  /** Non-identifying summary for lists; personal data stays in `subject`. */
  summary: Record<string, unknown>;
  /** In plain (the legacy workflows' input): the activity seals it with the case's data key, never stores it plain. */
  subject?: { personnummer: string; name: string };
  events: CaseEvent[];
}

export interface CaseProjectionActivities {
  /** Idempotent: newer versions replace older ones, events are keyed by (case, seq). */
  projectCase(snapshot: CaseSnapshot): Promise<void>;
}
