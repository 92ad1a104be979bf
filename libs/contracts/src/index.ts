export * from './task-queues';
export * from './discharge-handover.contract';
export * from './case-projection.contract';
