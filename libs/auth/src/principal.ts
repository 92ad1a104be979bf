export const ROLES = ['case_handler', 'approver', 'finance', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated person: who they are, the one organisation they act for, and their roles there. */
export interface Principal {
  /** Stable person id (the token's `sub`). */
  personId: string;
  name: string;
  organisationCode: string;
  organisationKind: string;
  roles: Role[];
}

export const hasRole = (p: Principal, role: Role) => p.roles.includes(role);

/** How an actor is written into timelines and the audit trail. */
export const actorOf = (p: Principal) => ({ actor: p.personId, organisationCode: p.organisationCode });
