import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,200}$/;

/** The header's schema in the OpenAPI document: the same pattern this checks. */
export const IDEMPOTENCY_KEY_SCHEMA = { type: 'string', pattern: IDEMPOTENCY_KEY.source, minLength: 8, maxLength: 200 } as const;

/** Validates a caller-supplied Idempotency-Key header (required where `required`). */
export function idempotencyKey(value: string | undefined, required: true): string;
export function idempotencyKey(value: string | undefined, required: false): string | undefined;
export function idempotencyKey(value: string | undefined, required: boolean): string | undefined {
  if (value === undefined || value === '') {
    if (!required) return undefined;
    throw new DomainError(DomainErrorCode.InvalidInput, 'the Idempotency-Key header is required (e.g. a UUID)', {
      field: 'Idempotency-Key',
    });
  }
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'Idempotency-Key must be 8-200 characters of A-Z a-z 0-9 . _ : -', {
      field: 'Idempotency-Key',
    });
  }
  return value;
}
