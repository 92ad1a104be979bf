/** Roles a person holds within their own organisation: they act on that organisation's cases and tasks. */
export const ORGANISATION_ROLES = ['case_handler', 'approver', 'finance', 'coordinator', 'admin'] as const;

/**
 * Platform roles: duties over data every organisation shares (the organisation register, mandates, reference data,
 * the whole audit trail, stuck cases). Each counts only at the organisation that owns that data (PLATFORM_DUTIES);
 * held anywhere else it grants nothing.
 */
export const PLATFORM_ROLES = ['register_admin', 'reference_admin', 'platform_auditor', 'operator'] as const;

export const ROLES = [...ORGANISATION_ROLES, ...PLATFORM_ROLES] as const;
export type Role = (typeof ROLES)[number];
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/**
 * Who owns which platform-wide data, and the role that administers it there. Named policy (an assumption no
 * source gives, see README): Region Stockholm's health administration (HSF) keeps the register of organisations and
 * mandates, registers Socialstyrelsen's daily amounts and SKR's LPIK (DOMAIN.md: "registers indices"), audits the
 * platform and runs it.
 */
export const PLATFORM_DUTIES: Record<PlatformRole, { owner: string; duty: string }> = {
  register_admin: { owner: 'HSF', duty: 'the register of organisations and mandates' },
  reference_admin: { owner: 'HSF', duty: 'reference data: daily amounts and LPIK, and their corrections' },
  platform_auditor: { owner: 'HSF', duty: "every organisation's audit trail" },
  operator: { owner: 'HSF', duty: 'cases a system fault has stopped' },
};

/** The roles a token's claims give at `organisationCode`: platform roles only at the organisation that owns them. */
export function effectiveRoles(claimed: readonly Role[], organisationCode: string): Role[] {
  return claimed.filter((r) => !(PLATFORM_ROLES as readonly string[]).includes(r) || PLATFORM_DUTIES[r as PlatformRole].owner === organisationCode);
}

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
