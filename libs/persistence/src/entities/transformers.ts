import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL `bigint` as a JavaScript number. node-postgres hands int8 over as a string; money here is integer
 * öre, far below 2^53, so a number is exact.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null | undefined) => (value === null || value === undefined ? value : Number(value)),
};
