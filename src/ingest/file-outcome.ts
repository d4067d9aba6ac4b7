import { dirname } from 'node:path';
import { errorCodes, MamoriError, messageOf } from '../errors.js';
import type { DuplicateReport } from '../store/store.js';

/** What happened to one file. */
export interface FileOutcome {
  readonly path: string;
  readonly status: 'ingested' | 'resumed' | 'unchanged' | 'empty' | 'skipped' | 'unreadable' | 'failed';
  readonly format: string | null;
  readonly logType: string | null;
  readonly engine: 'native' | 'js' | null;
  readonly rows: number;
  readonly rejects: number;
  readonly message?: string;
  /** Why a file produced no rows or was not read (`header only …`), without the path; also in `message`. */
  readonly reason?: string;
  readonly error?: MamoriError;
  /** Warnings about how it was read, such as a log type guessed from the file name. */
  readonly notes?: readonly string[];
  /** Records skipped because another file (or the same run in another format) already held them. */
  readonly duplicates?: DuplicateReport;
}

/** The warning for records skipped as duplicates, naming both files. */
export function duplicateMessage(path: string, logType: string, d: DuplicateReport): string {
  const first = d.heldBy[0];
  const where = first ? `${first.file}${d.heldBy.length > 1 ? ` and ${d.heldBy.length - 1} more` : ''}` : '?';
  const records = d.rows === 1 ? 'record' : 'records';
  return `${path}: skipped ${d.rows.toLocaleString('en')} ${logType} ${records} already ingested from ${where}`;
}

/** The data directory, for messages: the temporary directory is `<data>/tmp`. */
export function dataDirOf(opts: { readonly tmpDir: string }): string {
  return `the data directory ${dirname(opts.tmpDir)}`;
}

/** A file read to its end (or as far as it exists) that holds no rows, and why. */
export function noRows(
  base: Pick<FileOutcome, 'path' | 'format' | 'logType' | 'engine' | 'rows' | 'rejects'>,
  reason: string,
): FileOutcome {
  return { ...base, status: 'empty', reason, message: `${base.path}: no rows: ${reason}` };
}

/** A file that could not be opened or read is reported as unreadable; any other error is a failure. */
export function unreadable(
  base: Pick<FileOutcome, 'path' | 'format' | 'logType' | 'engine' | 'rows' | 'rejects'>,
  err: unknown,
): FileOutcome {
  const out = fail(base, errorCodes.io, `${base.path}: cannot read: ${messageOf(err)}`, err);
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code && unreadableCodes.has(code) ? { ...out, status: 'unreadable', reason: messageOf(err) } : out;
}

const unreadableCodes = new Set(['EACCES', 'EPERM', 'ENOENT', 'EISDIR', 'ELOOP', 'EIO', 'ENXIO']);

/** A failed file: its message, and a MamoriError with the code and cause. */
export function fail(
  base: Pick<FileOutcome, 'path' | 'format' | 'logType' | 'engine' | 'rows' | 'rejects'>,
  code: (typeof errorCodes)[keyof typeof errorCodes],
  message: string,
  cause?: unknown,
): FileOutcome {
  return { ...base, status: 'failed', message, error: new MamoriError(code, message, { cause }) };
}
