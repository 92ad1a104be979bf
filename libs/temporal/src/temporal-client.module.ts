import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '../../config/src/app-config';
import { KEY_RING } from '../../crypto/src/crypto.module';
import type { KeyRing } from '../../crypto/src/key-ring';
import { vardflodeDataConverter } from '../../crypto/src/payload-codec';
import { temporalClientInterceptors } from '../../telemetry/src/temporal-tracing';
import { temporalConnectionSettings } from './connection-options';
import { durationMs } from '../../domain/src/time/duration';
import { encryptionKeyMissing, missingKeyOf, stepTimedOut } from './temporal-errors';

/** How long an update may wait before the API looks whether the worker fails the workflow's tasks for a missing key. */
export const KEY_WATCH_INTERVAL_MS = 2_000;

/**
 * The API's Temporal client. The connection is lazy, so the API starts (and reports not ready) while
 * Temporal is still coming up or briefly away, instead of failing to boot. Payloads are sealed with the key ring
 * (the same data converter as the worker's).
 */
@Injectable()
export class TemporalClientHolder implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject(AppConfig) readonly config: AppConfig, @Inject(KEY_RING) keyRing: KeyRing) {
    this.connection = Connection.lazy(temporalConnectionSettings(config));
    this.client = new Client({
      connection: this.connection,
      namespace: config.TEMPORAL_NAMESPACE,
      dataConverter: vardflodeDataConverter(keyRing),
      // With tracing on, each start and update is a span whose context the workflow continues (libs/telemetry).
      interceptors: temporalClientInterceptors(),
    });
  }

  get taskQueue(): string {
    return this.config.TEMPORAL_TASK_QUEUE;
  }

  /**
   * Runs `update` (a request a workflow answers in its next task). A workflow whose history holds payloads sealed
   * with a key missing from the worker's ring never completes that task: the worker fails it, naming the key, and
   * Temporal retries it for ever. So while the update waits, the workflow's latest events are checked now and then,
   * and such a failure ends the request with ENCRYPTION_KEY_MISSING (naming the key) instead of a request that hangs.
   */
  async watchingForMissingKey<R>(workflowId: string, what: string, update: () => Promise<R>): Promise<R> {
    const controller = new AbortController();
    const timedOut = this.abortAfterStepTimeout(controller);
    const running = this.client.withAbortSignal(controller.signal, update);
    let done = false;
    const watch = (async (): Promise<string> => {
      for (;;) {
        await new Promise((r) => setTimeout(r, KEY_WATCH_INTERVAL_MS).unref());
        if (done) return new Promise<string>(() => undefined); // settled meanwhile: never wins the race
        const keyId = await this.missingKeyInHistory(workflowId).catch(() => undefined);
        if (keyId) return keyId;
      }
    })();
    try {
      const outcome = await Promise.race([running.then((value) => ({ value })), watch.then((keyId) => ({ keyId }))]);
      if ('keyId' in outcome) {
        controller.abort();
        running.catch(() => undefined);
        throw encryptionKeyMissing(what, outcome.keyId);
      }
      return outcome.value;
    } catch (err) {
      if (timedOut.fired) throw stepTimedOut(what, this.stepTimeoutMs);
      throw err;
    } finally {
      done = true;
      timedOut.clear();
    }
  }

  /**
   * Runs a request a workflow answers in its next task (e.g. update-with-start), for at most TEMPORAL_STEP_TIMEOUT:
   * with no worker polling, it ends with DEPENDENCY_UNAVAILABLE (503 with Retry-After) instead of hanging. What the
   * request started stays started: a retry with the same Idempotency-Key (the same update id) attaches to it.
   */
  async withinStepTimeout<R>(what: string, request: () => Promise<R>): Promise<R> {
    const controller = new AbortController();
    const timedOut = this.abortAfterStepTimeout(controller);
    try {
      return await this.client.withAbortSignal(controller.signal, request);
    } catch (err) {
      if (timedOut.fired) throw stepTimedOut(what, this.stepTimeoutMs);
      throw err;
    } finally {
      timedOut.clear();
    }
  }

  private get stepTimeoutMs(): number {
    return durationMs(this.config.TEMPORAL_STEP_TIMEOUT);
  }

  private abortAfterStepTimeout(controller: AbortController): { readonly fired: boolean; clear(): void } {
    let fired = false;
    const timer = setTimeout(() => {
      fired = true;
      controller.abort();
    }, this.stepTimeoutMs);
    return {
      get fired() {
        return fired;
      },
      clear: () => clearTimeout(timer),
    };
  }

  /** The key a workflow's latest workflow task failed for, if it failed for a missing key (newest events first). */
  private async missingKeyInHistory(workflowId: string): Promise<string | undefined> {
    const { history } = await this.client.workflowService.getWorkflowExecutionHistoryReverse({
      namespace: this.config.TEMPORAL_NAMESPACE,
      execution: { workflowId },
      maximumPageSize: 20,
    });
    for (const event of history?.events ?? []) {
      if (event.workflowTaskCompletedEventAttributes) return undefined;
      const keyId = missingKeyOf({ message: event.workflowTaskFailedEventAttributes?.failure?.message ?? '' });
      if (keyId) return keyId;
    }
    return undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({})
export class TemporalClientModule {
  static forRoot(): DynamicModule {
    return { module: TemporalClientModule, providers: [TemporalClientHolder], exports: [TemporalClientHolder] };
  }
}
