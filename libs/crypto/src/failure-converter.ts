import { DefaultFailureConverter, FailureConverter, PayloadConverter, ProtoFailure, SerializationContext } from '@temporalio/common';
import { MissingKeyError, SealedDataError } from './key-ring';

/** A missing or wrong key, however deep in the error's causes (the SDK may wrap it). */
function keyError(err: unknown): MissingKeyError | SealedDataError | undefined {
  for (let e = err, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof MissingKeyError || e instanceof SealedDataError) return e;
  }
  return undefined;
}

/**
 * Failures' messages and stack traces travel as an encoded (so sealed) payload (`encodeCommonAttributes`), because
 * an error message may quote data. One exception: a failure to open a payload (a key missing from the ring, or the
 * wrong key) keeps its message in clear, because it names only a key id and must be readable in the workflow's
 * history by an operator who cannot decode anything else (and it could not be decoded by the same ring anyway).
 *
 * Loaded by path (`DataConverter.failureConverterPath`): the SDK's worker takes a failure converter only so.
 */
export class VardflodeFailureConverter extends DefaultFailureConverter implements FailureConverter {
  private readonly clear = new DefaultFailureConverter({ encodeCommonAttributes: false });

  constructor() {
    super({ encodeCommonAttributes: true });
  }

  override errorToFailure(err: unknown, payloadConverter: PayloadConverter, context?: SerializationContext): ProtoFailure {
    if (keyError(err)) return this.clear.errorToFailure(err, payloadConverter, context);
    return super.errorToFailure(err, payloadConverter, context);
  }
}

export const failureConverter: FailureConverter = new VardflodeFailureConverter();
