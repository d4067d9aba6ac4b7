import { errorCodes, MamoriError } from '../errors.js';
import type { RejectRecord } from '../store/store.js';

/** Under --strict the first bad line stops the file. */
export function failOnReject(strict: boolean, rejects: readonly RejectRecord[]): void {
  const first = rejects[0];
  if (strict && first) {
    throw new MamoriError(errorCodes.badLine, `${first.file}:${first.line}: ${first.reason} (--strict)`);
  }
}
