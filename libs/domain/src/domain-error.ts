/**
 * Errors the domain raises, by code. Domain code never throws HTTP exceptions: the API maps codes to
 * status codes in one place (apps/api/src/common/domain-error.filter.ts).
 */
export const DomainErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  InvalidInput: 'INVALID_INPUT',
  Conflict: 'CONFLICT',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  RefusedByWorkflow: 'REFUSED_BY_WORKFLOW',
  /** The workflow refused an answer's content (as opposed to its timing or the case's state). */
  InvalidDecision: 'INVALID_DECISION',
  UnknownOrganisation: 'UNKNOWN_ORGANISATION',
  DependencyUnavailable: 'DEPENDENCY_UNAVAILABLE',
  /** A case's data is sealed with a key no longer in the key ring (the error names the key id; restore the key). */
  EncryptionKeyMissing: 'ENCRYPTION_KEY_MISSING',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
