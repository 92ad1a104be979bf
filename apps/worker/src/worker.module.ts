import { DynamicModule, Module } from '@nestjs/common';
import { ActivitiesModule } from '../../../activities/activities.module';
import { AppConfig } from '../../../libs/config/src/app-config';
import { AppConfigModule } from '../../../libs/config/src/config.module';
import { CryptoModule } from '../../../libs/crypto/src/crypto.module';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { SealPlainPatientData } from './seal-plain-patient-data';
import { WorkerMetricsModule } from './worker-metrics';

/** The worker's Nest application context: no HTTP, only what activities need injected. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), CryptoModule.forRoot(), WorkerMetricsModule, PersistenceModule.forRoot(), ActivitiesModule],
      providers: [SealPlainPatientData],
    };
  }
}
