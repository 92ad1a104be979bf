import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../../libs/config/src/app-config';
import { AppConfigModule } from '../../../libs/config/src/config.module';
import { pinoHttpOptions } from '../../../libs/logging/src/logger-options';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { TemporalClientModule } from '../../../libs/temporal/src/temporal-client.module';
import { CaseModule } from './cases/case.module';
import { DischargeHandoverModule } from './discharge-handovers/discharge-handover.module';
import { HealthModule } from './health/health.module';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: pinoHttpOptions(config) }),
        PersistenceModule.forRoot(),
        TemporalClientModule.forRoot(),
        HealthModule,
        CaseModule,
        DischargeHandoverModule,
      ],
    };
  }
}
