import { Injectable, Logger } from '@nestjs/common';
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { CommandResult, referenceRegisteredSignal } from '../../../../libs/contracts/src/case-runtime.contract';
import { ReferenceKey, referenceKeyString } from '../../../../libs/domain/src/case/effects';
import { TaskRepository } from '../../../../libs/persistence/src/repositories/task.repository';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { TemporalClientHolder } from '../../../../libs/temporal/src/temporal-client.module';
import { toDomainError } from '../../../../libs/temporal/src/temporal-errors';
import { WorkerPresence } from '../../../../libs/temporal/src/worker-presence';
import type { RequestContext } from '../common/request-context';
import { CaseClosure } from './case-closure';

/**
 * Requests to a case's workflow, in one way for every process: the request's id goes along so the step that
 * carries it out writes its audit row; refusals become domain errors; a closed case answers 409.
 */
@Injectable()
export class CaseWorkflows {
  private readonly logger = new Logger(CaseWorkflows.name);

  constructor(
    private readonly temporal: TemporalClientHolder,
    private readonly closure: CaseClosure,
    private readonly tasks: TaskRepository,
    private readonly workers: WorkerPresence,
  ) {}

  /** A request to a running case (an update); `updateId` makes a retried request apply once. */
  async update<A extends object, R extends object>(
    ctx: RequestContext,
    c: { id: string; workflowId: string; status: string },
    update: UpdateDefinition<CommandResult<R>, [A]>,
    arg: A,
    updateId?: string,
  ): Promise<R> {
    // No worker polling: 503 at once. Otherwise the wait is bounded (TEMPORAL_STEP_TIMEOUT), then 503 too.
    await this.workers.requirePolling();
    try {
      const result = await this.temporal.watchingForMissingKey(c.workflowId, `case ${c.id}`, () =>
        this.temporal.client.workflow.getHandle(c.workflowId).executeUpdate(update, { args: [{ ...arg, requestId: ctx.requestId }], updateId }),
      );
      return this.answered(ctx, result);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        // The case exists (it is projected) but its workflow has ended: nothing more can change.
        await this.closure.closeIfEnded(c.id, c.workflowId);
        throw new DomainError(DomainErrorCode.Conflict, `the case is ${c.status}`, { status: c.status });
      }
      throw toDomainError(err, `case ${c.id}`);
    }
  }

  async query<R>(c: { id: string; workflowId: string }, query: QueryDefinition<R>): Promise<R> {
    try {
      return await this.temporal.client.workflow.getHandle(c.workflowId).query(query);
    } catch (err) {
      throw toDomainError(err, `case ${c.id}`);
    }
  }

  /**
   * Starts the case's workflow if it is not running and sends it a request, answered once the step is written
   * (update-with-start). A start attaches to the running workflow of the same id, so a retry is the same case.
   */
  async startWithUpdate<A extends object, R extends object>(
    ctx: RequestContext,
    start: { workflowType: string; workflowId: string; input: unknown; what: string; rejectDuplicate?: boolean },
    update: UpdateDefinition<CommandResult<R>, [A]> | UpdateDefinition<CommandResult<R>, []>,
    arg?: A,
    updateId?: string,
  ): Promise<R | undefined> {
    await this.workers.requirePolling();
    try {
      // Bounded: with no worker it answers 503; the workflow it may have started is the one a retry attaches to.
      const result = await this.temporal.withinStepTimeout(start.what, () => this.temporal.client.workflow.executeUpdateWithStart(update as UpdateDefinition<CommandResult<R>, [A]>, {
        ...(arg ? { args: [{ ...arg, requestId: ctx.requestId }] as [A] } : {}),
        ...(updateId ? { updateId } : {}),
        startWorkflowOperation: new WithStartWorkflowOperation(start.workflowType, {
          taskQueue: this.temporal.taskQueue,
          workflowId: start.workflowId,
          args: [start.input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          ...(start.rejectDuplicate ? { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const } : {}),
        }),
      }));
      return this.answered(ctx, result);
    } catch (err) {
      // Started before and since closed: the same case, not a new one.
      if (start.rejectDuplicate && (err instanceof WorkflowExecutionAlreadyStartedError || err instanceof WorkflowNotFoundError)) return undefined;
      if (err instanceof WorkflowNotFoundError) throw new DomainError(DomainErrorCode.Conflict, `the ${start.what} has ended`);
      throw toDomainError(err, start.what);
    }
  }

  /** Tells a running case something happened (e.g. reference data it waits for was registered). */
  async signal<A extends unknown[]>(workflowId: string, signal: SignalDefinition<A>, ...args: A): Promise<void> {
    try {
      await this.temporal.client.workflow.getHandle(workflowId).signal(signal, ...args);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return; // it ended: nothing waits any more
      this.logger.warn(`could not signal ${workflowId}: ${(err as Error).message}`);
    }
  }

  /** Reference data was registered: every case waiting for it (an open registration task) reads it again. */
  async referenceRegistered(key: ReferenceKey): Promise<void> {
    for (const workflowId of await this.tasks.workflowsAwaiting(referenceKeyString(key))) {
      await this.signal(workflowId, referenceRegisteredSignal, referenceKeyString(key));
    }
  }

  /** The case view without the runtime's note; the request's audit row is written when the step wrote it. */
  private answered<R extends object>(ctx: RequestContext, result: CommandResult<R>): R {
    const { auditedRequestId, ...view } = result;
    if (auditedRequestId && auditedRequestId === ctx.requestId) ctx.audit.recorded = true;
    return view as R;
  }
}
