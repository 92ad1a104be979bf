import { DataSourceOptions } from 'typeorm';
import { AreaCoverageEntity } from './entities/area-coverage.entity';
import { AuditChainHeadEntity, AuditLogEntity } from './entities/audit-log.entity';
import { CaseEventEntity } from './entities/case-event.entity';
import { CaseEntity } from './entities/case.entity';
import { CaseDataKeyEntity } from './entities/case-data-key.entity';
import { ClaimLineEntity } from './entities/claim-line.entity';
import { ClaimEntity } from './entities/claim.entity';
import { CoordinationAreaEntity } from './entities/coordination-area.entity';
import { DailyAmountEntity } from './entities/daily-amount.entity';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity';
import { LedgerEntryEntity } from './entities/ledger-entry.entity';
import { LpikIndexEntity } from './entities/lpik-index.entity';
import { MandateEntity } from './entities/mandate.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { SigningDelegationEntity } from './entities/signing-delegation.entity';
import { TaskEntity } from './entities/task.entity';
import { SituationReportEntity, SituationRoundEntity, SituationShortageEntity } from './entities/situation-report.entity';
import { HealthcareRegionEntity, ReinforcementAllocationEntity, ReinforcementPoolEntity, TransferCapacityEntity, TransferEntity, TransferReservationEntity } from './entities/transfer.entity';
import { InitialSchema1763884800000 } from './migrations/1763884800000-initial-schema';
import { Organisations1763888400000 } from './migrations/1763888400000-organisations';
import { TasksAndAudit1763888500000 } from './migrations/1763888500000-tasks-and-audit';
import { PaymentLiabilityDailyAmounts1763892000000 } from './migrations/1763892000000-payment-liability-daily-amounts';
import { Reimbursement1763895600000 } from './migrations/1763895600000-reimbursement';
import { Coordination1763899200000 } from './migrations/1763899200000-coordination';
import { CaseEventsSystemActor1763902800000 } from './migrations/1763902800000-case-events-system-actor';
import { CaseRuntime1763906400000 } from './migrations/1763906400000-case-runtime';
import { CaseRunChain1763910000000 } from './migrations/1763910000000-case-run-chain';
import { ReferenceCorrections1763913600000 } from './migrations/1763913600000-reference-corrections';
import { DatedAreas1764475200000 } from './migrations/1764475200000-dated-areas';
import { PatientIndex1764500000000 } from './migrations/1764500000000-patient-index';
import { CaseDataKeys1764503600000 } from './migrations/1764503600000-case-data-keys';
import { CaseStatistics1764507200000 } from './migrations/1764507200000-case-statistics';
import { NationalOrganisationKinds1764508000000 } from './migrations/1764508000000-national-organisation-kinds';
import { SituationReports1764600000000 } from './migrations/1764600000000-situation-reports';
import { Transfers1764603600000 } from './migrations/1764603600000-transfers';
import { AuditPartitions1764691200000 } from './migrations/1764691200000-audit-partitions';
import { CaseProblems1764777600000 } from './migrations/1764777600000-case-problems';
import { WorkflowProblemEntity } from './entities/workflow-problem.entity';
import { OperationalMetrics1764864000000 } from './migrations/1764864000000-operational-metrics';
import { AuditVerificationEntity } from './entities/audit-verification.entity';
import { LogSink, QueryLogger } from './query-logger';

/** Every table the application reads or writes has an entity; the migrations own their DDL. */
export const ENTITIES = [
  CaseEntity,
  CaseEventEntity,
  IdempotencyKeyEntity,
  OrganisationEntity,
  TaskEntity,
  AuditLogEntity,
  AuditChainHeadEntity,
  DailyAmountEntity,
  MandateEntity,
  ClaimEntity,
  ClaimLineEntity,
  LedgerEntryEntity,
  CoordinationAreaEntity,
  AreaCoverageEntity,
  LpikIndexEntity,
  SigningDelegationEntity,
  CaseDataKeyEntity,
  SituationRoundEntity,
  SituationReportEntity,
  SituationShortageEntity,
  TransferCapacityEntity,
  TransferReservationEntity,
  TransferEntity,
  HealthcareRegionEntity,
  ReinforcementPoolEntity,
  ReinforcementAllocationEntity,
  WorkflowProblemEntity,
  AuditVerificationEntity,
];
/** In order. Listed explicitly (not globbed) so compiled and source runs see the same set. */
export const MIGRATIONS = [
  InitialSchema1763884800000,
  Organisations1763888400000,
  TasksAndAudit1763888500000,
  PaymentLiabilityDailyAmounts1763892000000,
  Reimbursement1763895600000,
  Coordination1763899200000,
  CaseEventsSystemActor1763902800000, CaseRuntime1763906400000, CaseRunChain1763910000000,
  ReferenceCorrections1763913600000,
  DatedAreas1764475200000,
  PatientIndex1764500000000,
  CaseDataKeys1764503600000,
  CaseStatistics1764507200000,
  NationalOrganisationKinds1764508000000,
  SituationReports1764600000000,
  Transfers1764603600000,
  AuditPartitions1764691200000,
  CaseProblems1764777600000,
  OperationalMetrics1764864000000,
];

/** The schema is owned by migrations: `synchronize` stays off. */
export function dataSourceOptions(databaseUrl: string, poolSize = 10, log?: LogSink): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Failed statements are logged without their parameters (a case's personal data).
    logging: ['error', 'warn', 'migration'],
    logger: new QueryLogger(log),
    extra: { max: poolSize, connectionTimeoutMillis: 5_000 },
  };
}
