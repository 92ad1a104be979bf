import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '../../config/src/app-config';
import { KEY_RING } from '../../crypto/src/crypto.module';
import type { KeyRing } from '../../crypto/src/key-ring';
import { vardflodeDataConverter } from '../../crypto/src/payload-codec';
import { temporalConnectionSettings } from './connection-options';

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
    this.client = new Client({ connection: this.connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: vardflodeDataConverter(keyRing) });
  }

  get taskQueue(): string {
    return this.config.TEMPORAL_TASK_QUEUE;
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
