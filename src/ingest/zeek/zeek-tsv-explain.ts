import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RejectRecord, TsvLayout } from '../../store/store.js';
import type { LogTarget } from './zeek-log-types.js';
import { convertTsvFields, FieldError, planTsvRows } from './zeek-row-plan.js';

/**
 * Names the lines a native TSV load left out for values out of range: the body is read again and
 * each line not already rejected is checked by the JS row plan, whose rules the native load
 * mirrors. Runs only when such lines exist, so clean files pay nothing.
 */
export async function explainOmittedLines(opts: {
  /** The file the store read (the original, or the cleaned copy). */
  readonly path: string;
  /** Lines of that file before the body. */
  readonly skipLines: number;
  /** The original file's line number for a line of `path` (they differ when `path` is a cleaned copy). */
  readonly fileLine: (line: number) => number;
  readonly layout: TsvLayout;
  readonly target: LogTarget;
  /** The file named in the rejects. */
  readonly file: string;
  /** Lines (of the original file) already rejected. */
  readonly known: ReadonlySet<number>;
}): Promise<RejectRecord[]> {
  const plan = planTsvRows(opts.target, opts.layout);
  const out: RejectRecord[] = [];
  const lines = createInterface({ input: createReadStream(opts.path), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    const lineNo = opts.fileLine(n);
    if (n <= opts.skipLines || line === '' || line.startsWith('#')) continue;
    if (opts.known.has(lineNo)) continue;
    const v = convertTsvFields(plan, line.split(opts.layout.separator));
    if (v instanceof FieldError) out.push({ file: opts.file, line: lineNo, reason: v.reason, raw: line });
  }
  return out;
}
