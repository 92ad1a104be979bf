import { ApplicationFailure, ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DISCHARGE_MISSING_STEPS } from '../../contracts/src/discharge-handover.contract';
import { TaskRefusal } from '../../contracts/src/human-task.contract';
import { DomainError, DomainErrorCode } from '../../domain/src/domain-error';

// gRPC status codes (stable across gRPC implementations).
const GrpcStatus = { DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, UNAVAILABLE: 14 } as const;

/** Temporal client errors in domain terms: an unknown case, a refusal by the workflow, Temporal away. */
export function toDomainError(err: unknown, what: string): unknown {
  if (err instanceof WorkflowNotFoundError) {
    return new DomainError(DomainErrorCode.NotFound, `${what} not found`);
  }
  if (err instanceof WorkflowUpdateFailedError) {
    const reason = err.cause?.message ?? err.message;
    if (err.cause instanceof ApplicationFailure && err.cause.type === DISCHARGE_MISSING_STEPS) {
      const missingSteps = (err.cause.details?.[0] as { missingSteps?: string[] } | undefined)?.missingSteps ?? [];
      return new DomainError(DomainErrorCode.Conflict, reason, { reason, missingSteps });
    }
    if (err.cause instanceof ApplicationFailure && err.cause.type === TaskRefusal.NotAllowed) {
      return new DomainError(DomainErrorCode.Forbidden, `refused: ${reason}`, { reason });
    }
    // An answer the workflow cannot accept as given is a 422; a request that does not fit the case's state a 409.
    const invalid = err.cause instanceof ApplicationFailure && err.cause.type === TaskRefusal.InvalidDecision;
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
