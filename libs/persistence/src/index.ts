export * from './data-source-options';
export * from './migrate';
export * from './pagination';
export * from './persistence.module';
export * from './entities/case.entity';
export * from './entities/case-event.entity';
export * from './repositories/case.repository';
export * from './repositories/idempotency-key.repository';
