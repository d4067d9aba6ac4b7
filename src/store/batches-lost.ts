import { errorCodes, MamoriError, messageOf } from '../errors.js';

/** A store failure that also undid these already-finished batches; the caller ingests their files again. */
export class BatchesLost extends MamoriError {
  constructor(
    readonly files: readonly string[],
    cause: unknown,
  ) {
    super(
      errorCodes.store,
      `the store rolled back ${files.length} batches after an error: ${messageOf(cause)}`,
      { cause },
    );
    this.name = 'BatchesLost';
  }
}
