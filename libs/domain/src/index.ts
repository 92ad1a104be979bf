export * from './domain-error';
export * from './personnummer';
export * from './time/stockholm';
export * from './organisation-kinds';
export * from './time/duration';
