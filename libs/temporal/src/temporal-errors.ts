import { WorkflowNotFoundError, WorkflowUpdateFailedError, ServiceError } from '@temporalio/client';
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
    return new DomainError(DomainErrorCode.RefusedByWorkflow, `refused: ${reason}`, { reason });
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
