import { DefaultFailureConverter, FailureConverter, PayloadConverter, ProtoFailure, SerializationContext } from '@temporalio/common';

/** The codes of key-ring.ts's MissingKeyError and SealedDataError (matched by code: this file enters the workflow bundle, which must not import node:crypto). */
const KEY_ERROR_CODES = new Set(['ENCRYPTION_KEY_MISSING', 'ENCRYPTED_DATA_INVALID']);

/** A missing or wrong key, however deep in the error's causes (the SDK may wrap it). */
function isKeyError(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error && KEY_ERROR_CODES.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}

/**
 * Failures' messages and stack traces travel as an encoded (so sealed) payload (`encodeCommonAttributes`), because
 * an error message may quote data. One exception: a failure to open a payload (a key missing from the ring, or the
 * wrong key) keeps its message in clear, because it names only a key id and must be readable in the workflow's
 * history by an operator who cannot decode anything else (and it could not be decoded by the same ring anyway).
 *
 * Loaded by path (`DataConverter.failureConverterPath`): the SDK's worker takes a failure converter only so, and the
 * workflow bundle gets the same file (`bundleWorkflowCode({ failureConverterPath })`), so failures raised in
 * workflow code are encoded too.
 */
export class VardflodeFailureConverter extends DefaultFailureConverter implements FailureConverter {
  private readonly clear = new DefaultFailureConverter({ encodeCommonAttributes: false });

  constructor() {
    super({ encodeCommonAttributes: true });
  }

  override errorToFailure(err: unknown, payloadConverter: PayloadConverter, context?: SerializationContext): ProtoFailure {
    if (isKeyError(err)) return this.clear.errorToFailure(err, payloadConverter, context);
    return super.errorToFailure(err, payloadConverter, context);
  }
}

export const failureConverter: FailureConverter = new VardflodeFailureConverter();

/** This file's path, for `failureConverterPath` (the worker's data converter and the workflow bundle). */
export const FAILURE_CONVERTER_PATH = __filename;
