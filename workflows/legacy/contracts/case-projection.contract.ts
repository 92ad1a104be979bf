/**
 * The activities every case workflow uses to keep PostgreSQL's case projection consistent with itself.
 * Workflows import this interface as a type only and call it through proxyActivities.
 */
import type { CaseEvent } from './discharge-handover.contract';

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
  subject?: { personnummer: string; name: string };
  events: CaseEvent[];
}

export interface CaseProjectionActivities {
  /** Idempotent: newer versions replace older ones, events are keyed by (case, seq). */
  projectCase(snapshot: CaseSnapshot): Promise<void>;
}
