export * from './domain-error';
export * from './personnummer';
export * from './time/stockholm';
