import { errorCodes, MamoriError } from '../errors.js';
import { readHead } from '../io/file-head.js';
import { gzipIsEmpty } from '../io/gzip-stream.js';
import { readPastBlankRun } from './blank-run.js';
import { identityHeadBytes, noRecordReason, sniffPastLongFirstLine } from './file-identity.js';
import { type FileOutcome, fail, noRows } from './file-outcome.js';
import { expectedFormats, type InputFormat, sniffFormat } from './formats.js';
import { lineEndProblem } from './line-ends.js';

type OutcomeBase = Pick<FileOutcome, 'path' | 'format' | 'logType' | 'engine' | 'rows' | 'rejects'>;

/** The file's head and format, or the outcome of a file that cannot be read as telemetry. */
export type Sniffed =
  | { readonly head: Buffer; readonly format: InputFormat }
  | { readonly outcome: FileOutcome };

/**
 * Reads a file's head and decides what it is. Every way a file can hold no readable record ends in
 * an outcome that says why: empty, blank, header only, CR-only line ends, damaged or bomb-like gzip,
 * or not telemetry at all. A long first record or a long blank run is looked past, never taken for
 * an empty file.
 */
export async function sniffFile(
  path: string,
  gzip: boolean,
  base: OutcomeBase,
  limits: { maxDecompressedBytes?: number; maxGzipRatio?: number; signal?: AbortSignal },
): Promise<Sniffed> {
  const head = await readHead(path, gzip, identityHeadBytes);
  if (head.length === 0) {
    // logrotate compresses empty logs: a valid gzip of nothing is an empty file, not damage.
    if (gzip && !(await gzipIsEmpty(path))) {
      const message = `${path}: compressed file holds no data (truncated or corrupt gzip)`;
      return { outcome: fail(base, errorCodes.badInput, message) };
    }
    return { outcome: noRows(base, 'the file is empty') };
  }
  const lineEnds = lineEndProblem(head, head.length < identityHeadBytes);
  if (lineEnds) return { outcome: fail(base, errorCodes.badInput, `${path}: ${lineEnds}`) };
  let format = sniffFormat(head) ?? (await sniffPastLongFirstLine(path, gzip, head));
  if (!format && head.toString('latin1').trim() === '') {
    if (head.length < identityHeadBytes) return { outcome: noRows(base, noRecordReason(head, 'parse')) };
    // Blank past the sniffing window: what follows decides (records there must not be lost).
    let past: Awaited<ReturnType<typeof readPastBlankRun>>;
    try {
      past = await readPastBlankRun(path, gzip, identityHeadBytes, {
        maxBytes: limits.maxDecompressedBytes,
        maxRatio: limits.maxGzipRatio,
        signal: limits.signal,
      });
    } catch (err) {
      if (err instanceof MamoriError) return { outcome: fail(base, err.code, err.message) };
      throw err;
    }
    if (past.head.length === 0) return { outcome: noRows(base, `only blank lines (${past.skipped} bytes)`) };
    format = sniffFormat(past.head) ?? sniffFormat(past.head.subarray(0, past.head.lastIndexOf(10) + 1));
  }
  if (!format) {
    const message = `${path}: not telemetry mamori can read; expected one of: ${expectedFormats}`;
    return { outcome: fail(base, errorCodes.unknownFormat, message) };
  }
  return { head, format };
}
