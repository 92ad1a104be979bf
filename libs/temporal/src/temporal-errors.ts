import { ApplicationFailure, ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { CASE_REFUSAL } from '../../contracts/src/case-runtime.contract';
import { DISCHARGE_MISSING_STEPS } from '../../contracts/src/discharge-handover.contract';
import { TaskRefusal } from '../../contracts/src/human-task.contract';
import type { Refusal, RefusalKind } from '../../domain/src/case/case';
import { DomainError, DomainErrorCode } from '../../domain/src/domain-error';
import { MissingKeyError } from '../../crypto/src/key-ring';

// gRPC status codes (stable across gRPC implementations).
const GrpcStatus = { DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, UNAVAILABLE: 14 } as const;

/** A case rule's refusal kind as a domain error code (the API maps codes to statuses in one place). */
const REFUSAL_CODE: Record<RefusalKind, DomainErrorCode> = {
  invalid_input: DomainErrorCode.InvalidInput,
  invalid_decision: DomainErrorCode.InvalidDecision,
  conflict: DomainErrorCode.RefusedByWorkflow,
  forbidden: DomainErrorCode.Forbidden,
  not_found: DomainErrorCode.NotFound,
};

/** A refusal by a case's rules, as a domain error naming its field and details. */
export function refusalError(r: Refusal): DomainError {
  const prefix = r.refused === 'conflict' || r.refused === 'invalid_decision' || r.refused === 'forbidden' ? 'refused: ' : '';
  return new DomainError(REFUSAL_CODE[r.refused], `${prefix}${r.message}`, {
    reason: r.message,
    ...(r.field ? { field: r.field } : {}),
    ...(r.details ?? {}),
  });
}

/** MissingKeyError's message, as a worker reports it back (a failed query, a failed workflow task). */
const MISSING_KEY_MESSAGE = /encryption key "([A-Za-z0-9._-]{1,64})" is not in the key ring/;

/**
 * The id of a key missing from the ring, when that is why `err` happened: this process's codec could not open a
 * payload, or the worker's could not (its message comes back in a query's or an update's failure).
 */
export function missingKeyOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof MissingKeyError) return e.keyId;
    const match = MISSING_KEY_MESSAGE.exec((e as { message?: unknown }).message as string);
    if (match) return match[1];
  }
  return undefined;
}

export function encryptionKeyMissing(what: string, keyId: string): DomainError {
  return new DomainError(
    DomainErrorCode.EncryptionKeyMissing,
    `the data of ${what} is sealed with encryption key "${keyId}", which is not in the key ring; an operator must add the key back`,
    { keyId },
  );
}

/**
 * A case step no worker carried out in time (none polling, or one restarting): 503 with Retry-After. Nothing is lost:
 * the step stays with the workflow, and a retry with the same Idempotency-Key gets the first attempt's result.
 */
export function stepTimedOut(what: string, afterMs: number): DomainError {
  return new DomainError(
    DomainErrorCode.DependencyUnavailable,
    `no worker carried out the step for ${what} within ${Math.round(afterMs / 1000)} s (none is polling, or one is restarting); try again: a retry of the same request (the same Idempotency-Key) is carried out once`,
  );
}

/** Temporal client errors in domain terms: an unknown case, a refusal by the workflow, Temporal away, a missing key. */
export function toDomainError(err: unknown, what: string): unknown {
  const keyId = missingKeyOf(err);
  if (keyId) return encryptionKeyMissing(what, keyId);
  if (err instanceof WorkflowNotFoundError) {
    return new DomainError(DomainErrorCode.NotFound, `${what} not found`);
  }
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    const reason = cause?.message ?? err.message;
    if (cause instanceof ApplicationFailure && cause.type === CASE_REFUSAL) {
      const refusal = cause.details?.[0] as Refusal | undefined;
      if (refusal?.refused) return refusalError(refusal);
    }
    // Refusals of the legacy workflow types (workflows/legacy), for cases started before the case runtime.
    if (cause instanceof ApplicationFailure && cause.type === DISCHARGE_MISSING_STEPS) {
      const missingSteps = (cause.details?.[0] as { missingSteps?: string[] } | undefined)?.missingSteps ?? [];
      return new DomainError(DomainErrorCode.Conflict, reason, { reason, missingSteps });
    }
    if (cause instanceof ApplicationFailure && cause.type === TaskRefusal.NotAllowed) {
      return new DomainError(DomainErrorCode.Forbidden, `refused: ${reason}`, { reason });
    }
    // An answer the workflow cannot accept as given is a 422; a request that does not fit the case's state a 409.
    const invalid = cause instanceof ApplicationFailure && cause.type === TaskRefusal.InvalidDecision;
    return new DomainError(invalid ? DomainErrorCode.InvalidDecision : DomainErrorCode.RefusedByWorkflow, `refused: ${reason}`, { reason });
  }
  if (err instanceof ServiceError) {
    const code = (err.cause as { code?: number } | undefined)?.code;
    if (code === GrpcStatus.NOT_FOUND) return new DomainError(DomainErrorCode.NotFound, `${what} not found`);
    if (code === GrpcStatus.UNAVAILABLE || code === GrpcStatus.DEADLINE_EXCEEDED) {
      return new DomainError(DomainErrorCode.DependencyUnavailable, 'Temporal is not reachable; try again');
    }
  }
  return err;
}
