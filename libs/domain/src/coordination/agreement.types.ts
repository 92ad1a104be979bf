/** The HSN–SLSO support agreement (HSN 2020-1821): state, decisions and notice. */
import type { Actor } from '../case/case';
import type { LpikBasis } from './support-agreement';

export const SIGNATORY_ROLES = ['director_of_health_care', 'department_head'] as const;
/** The two parties whose decisions put the agreement in effect. */
export const AGREEMENT_PARTIES = ['HSN', 'SLSO'] as const;

/**
 * HSN's signatory (HSN 2020-1821, decision point 3): the director of health care (hälso- och sjukvårdsdirektören),
 * or the head of the närsjukvårdsavdelningen to whom the director has delegated the signing.
 */
export interface Signatory {
  name: string;
  role: (typeof SIGNATORY_ROLES)[number];
  /** The director's registered delegation; required of the department head. */
  delegationReference?: string;
}

export interface AgreementDecision {
  organisationCode: (typeof AGREEMENT_PARTIES)[number];
  decidedOn: string;
  reference: string;
  by: Actor;
  /** HSN's signatory (checked against the register of delegations before it reaches the workflow). */
  signatory?: Signatory;
}

export interface AgreementPolicy {
  instalmentPlan: 'yearly' | 'quarterly';
  noticePeriodDays: number;
  paymentDueMs: number;
  lpikDueMs: number;
  /**
   * Which LPIK raises which year (setting AGREEMENT_LPIK_BASIS). Absent in cases started before it existed:
   * they keep `outcome-of-year-paid`, which was the only rule then.
   */
  lpikBasis?: LpikBasis;
}

export interface YearRecord {
  year: number;
  amountKr: number;
  lpikHundredths: number | null;
  /** The year of the index that raised this year (the year itself, or the year before: AGREEMENT_LPIK_BASIS). */
  lpikYear?: number;
  payments: { instalment: number; dueOn: string; amountOre: number; paymentReference?: string; paidOn?: string }[];
}

export const AGREEMENT_STATUSES = ['awaiting_decisions', 'in_effect', 'terminating', 'ended'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** The mandate the agreement's payments are booked under (HSN 2020-1821). */
export interface AgreementMandate {
  id: string;
  reference: string;
  payerOrg: string;
  payeeOrg: string;
}

export interface Agreement {
  mandateId: string;
  mandate: AgreementMandate;
  status: AgreementStatus;
  decisions: { HSN?: AgreementDecision; SLSO?: AgreementDecision };
  effectiveDate?: string;
  years: YearRecord[];
  /** The year being paid. */
  currentYear?: number;
  notice?: { by: Actor; givenOn: string; endsOn: string };
}

export interface GiveNotice {
  by: Actor;
  givenOn: string;
}
