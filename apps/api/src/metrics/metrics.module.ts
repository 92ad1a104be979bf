import { Global, Module } from '@nestjs/common';
import { AUDIT_APPEND_TIMER } from '../../../../libs/persistence/src/audit/audit-append-timer';
import { OperationalMetricsRepository } from '../../../../libs/persistence/src/metrics/operational-metrics.repository';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';

/**
 * GET /metrics and the registry behind it. Global, so that AuditRepository (in PersistenceModule) finds the audit
 * append timer wherever it is injected.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [ApiMetrics, OperationalMetricsRepository, { provide: AUDIT_APPEND_TIMER, useExisting: ApiMetrics }],
  exports: [ApiMetrics, AUDIT_APPEND_TIMER],
})
export class MetricsModule {}
