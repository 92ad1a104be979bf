import { DynamicModule, Global, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { pinoOptions } from '../../logging/src/logger-options';
import { AppConfig, requireDatabaseUrl } from '../../config/src/app-config';
import { dataSourceOptions } from './data-source-options';
import { migrateAndSeed } from './migrate';
import { AuditRepository } from './audit/audit.repository';
import { CaseRepository } from './repositories/case.repository';
import { AreaRepository } from './repositories/area.repository';
import { ClaimRepository } from './repositories/claim.repository';
import { StatisticsRepository } from './repositories/statistics.repository';
import { DailyAmountRepository } from './repositories/daily-amount.repository';
import { LedgerRepository } from './repositories/ledger.repository';
import { LpikRepository } from './repositories/lpik.repository';
import { SigningDelegationRepository } from './repositories/signing-delegation.repository';
import { MandateRepository } from './repositories/mandate.repository';
import { IdempotencyKeyRepository } from './repositories/idempotency-key.repository';
import { OrganisationRepository } from './repositories/organisation.repository';
import { TaskRepository } from './repositories/task.repository';
import { SituationReportRepository } from './repositories/situation-report.repository';
import { TransferRepository } from './repositories/transfer.repository';
import { SituationRoundPlanner } from './situation-reports/round-planner';
import { PatientDataService } from './patient-data/patient-data.service';
import { CaseProblemsRepository } from './operations/case-problems.repository';

class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger('Migrations');
  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const { migrations, seeded } = await migrateAndSeed(this.dataSource);
    // One line at start; the names are there at debug level.
    if (migrations.length) this.logger.debug(`applied ${migrations.join(', ')}`);
    // What changed is news; "nothing to do" (every later start, and the API after the worker) is for debugging.
    if (migrations.length) this.logger.log(`applied ${migrations.length} migration${migrations.length === 1 ? '' : 's'} (latest ${migrations[migrations.length - 1]})`);
    else this.logger.debug('schema is up to date');
    const added = Object.entries(seeded).filter(([, n]) => n > 0);
    if (added.length) this.logger.log(`reference data added: ${added.map(([table, n]) => `${table} ${n}`).join(', ')}`);
    else this.logger.debug('reference data is in place');
  }
}

const REPOSITORIES = [CaseRepository, IdempotencyKeyRepository, OrganisationRepository, TaskRepository, AuditRepository, DailyAmountRepository,
  MandateRepository, ClaimRepository, LedgerRepository, AreaRepository, LpikRepository, SigningDelegationRepository, PatientDataService,
  StatisticsRepository, SituationReportRepository, SituationRoundPlanner, TransferRepository,
  CaseProblemsRepository];

/** PostgreSQL through TypeORM; migrations and the reference-data seed run on start (under an advisory lock). */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(requireDatabaseUrl(config), config.DATABASE_POOL_SIZE, pino(pinoOptions(config, 'database'))),
            retryAttempts: 5,
            retryDelay: 2_000,
          }),
        }),
      ],
      providers: [{ provide: MigrationRunner, useFactory: (ds: DataSource) => new MigrationRunner(ds), inject: [DataSource] }, ...REPOSITORIES],
      exports: REPOSITORIES,
    };
  }
}
