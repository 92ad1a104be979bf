import { DynamicModule, Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../../libs/config/src/app-config';
import { AppConfigModule } from '../../../libs/config/src/config.module';
import { CryptoModule } from '../../../libs/crypto/src/crypto.module';
import { logDestination, pinoHttpOptions } from '../../../libs/logging/src/logger-options';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { TemporalClientModule } from '../../../libs/temporal/src/temporal-client.module';
import { TokenVerifier } from '../../../libs/auth/src/token-verifier';
import { TracingFlushOnShutdown } from './common/tracing-flush';
import { HttpDrainOnShutdown } from './common/http-drain';
import { AccessModule } from './access/access.module';
import { AuditController } from './audit/audit.controller';
import { CaseModule } from './cases/case.module';
import { AuditInterceptor } from './common/audit.interceptor';
import { AuthGuard } from './common/auth.guard';
import { jsonBodyHandlers } from './common/http-edge';
import { RateLimitGuard, rateLimitModule } from './common/rate-limit';
import { OrganisationModule } from './organisations/organisation.module';
import { PaymentLiabilityModule } from './payment-liability/payment-liability.module';
import { ClaimModule } from './claims/claim.module';
import { SituationReportModule } from './situation-reports/situation-report.module';
import { TransferModule } from './transfers/transfer.module';
import { CoordinationModule } from './coordination/coordination.module';
import { MandateModule } from './mandates/mandate.module';
import { StatisticsModule } from './statistics/statistics.module';
import { TaskModule } from './tasks/task.module';
import { DischargeHandoverModule } from './discharge-handovers/discharge-handover.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { PatientModule } from './patients/patient.module';
import { DevSignInModule } from './dev-sign-in/dev-sign-in.controller';
import { CodecModule } from './codec/codec.controller';
import { AuthConfigModule } from './auth-config/auth-config.controller';
import { OperationsModule } from './operations/operations.controller';

/** HTTP and application logs through one pino logger: readable lines on a terminal, JSON otherwise (LOG_FORMAT). */
function loggerModule(config: AppConfig): DynamicModule {
  const destination = logDestination(config);
  return LoggerModule.forRoot({ pinoHttp: destination ? [pinoHttpOptions(config), destination] : pinoHttpOptions(config) });
}

@Module({})
export class ApiModule implements NestModule {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  /** Request bodies, on every path; a global module's middleware (the request logger) runs before these. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(...jsonBodyHandlers(this.config)).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        CryptoModule.forRoot(),
        loggerModule(config),
        rateLimitModule(config),
        PersistenceModule.forRoot(),
        TemporalClientModule.forRoot(),
        AccessModule,
        HealthModule,
        MetricsModule,
        AuthConfigModule,
        OrganisationModule,
        TaskModule,
        CaseModule,
        DischargeHandoverModule,
        PaymentLiabilityModule,
        MandateModule,
        ClaimModule,
        SituationReportModule,
        TransferModule,
        CoordinationModule,
        PatientModule,
        CodecModule,
        StatisticsModule,
        OperationsModule,
        // The web app's development sign-in, only while the dev issuer is on.
        ...(config.devIssuerEnabled ? [DevSignInModule] : []),
      ],
      controllers: [AuditController],
      providers: [
        TokenVerifier,
        // SIGTERM: the requests in flight finish (HTTP_SHUTDOWN_GRACE at most) before the pools close.
        HttpDrainOnShutdown,
        TracingFlushOnShutdown,
        // The rate limit first, so that requests without a (valid) token are limited by IP too. Then every route
        // is authenticated unless @Public(); every change and every case read is audited.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
    };
  }
}
