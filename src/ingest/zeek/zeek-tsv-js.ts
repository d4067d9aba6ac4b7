import { isUtf8 } from 'node:buffer';
import type { EngineInput, EngineOutput } from '../engine.js';
import { finishOutput, progressEvery, readerOptions, rowSink, startOutput } from '../engine.js';
import { newLineReaderResult, readLineBlocks } from '../line-reader.js';
import { failOnReject } from '../strict.js';
import { applyHeaderLine, finishHeader, type HeaderDraft, newHeaderDraft } from './zeek-header.js';
import { badLineReason, trimCr } from './zeek-line-check.js';
import { resolveLogType, targetForLogType } from './zeek-log-types.js';
import { convertTsvFields, extraJson, FieldError, planTsvRows, type TsvRowPlan } from './zeek-row-plan.js';

/** Replays a remembered header so a resumed file parses with its layout. */
export function draftFromHeader(header: string): HeaderDraft {
  const draft = newHeaderDraft();
  for (const line of header.split('\n')) if (line.startsWith('#')) applyHeaderLine(draft, line);
  return draft;
}

/** Reads Zeek TSV line by line in JavaScript. Headers may change mid-file (concatenated logs). */
export async function ingestZeekTsvJs(input: EngineInput, fileLogType: string | null): Promise<EngineOutput> {
  const reader = newLineReaderResult();
  const draft = draftFromHeader(input.header);
  const out = startOutput(reader, input.header, resolveLogType(draft.path, fileLogType));
  let plan: TsvRowPlan | null = null;
  let planError: string | null = null;
  let headerDone = input.startByte > 0;
  const headerLines: string[] = [];
  let rawBytes = 0;

  const replan = () => {
    const h = finishHeader(draft);
    if (typeof h === 'string') {
      plan = null;
      planError = h;
      return;
    }
    out.logType = resolveLogType(h.path, fileLogType);
    plan = planTsvRows(targetForLogType(out.logType), h);
    planError = null;
  };
  if (headerDone) replan();
  const append = rowSink(input.batch);

  const blocks = readLineBlocks(
    readerOptions(input, (b) => {
      rawBytes = b;
    }),
    reader,
  );
  for await (const block of blocks) {
    // Clean blocks are split as text; others line by line as bytes, to find what is damaged.
    const rawLines = needsByteChecks(block.buf) ? splitRaw(block.buf).map(trimCr) : null;
    const lines = rawLines
      ? rawLines.map((r) => r.toString('utf8'))
      : block.buf.toString('utf8', 0, block.buf.length - 1).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const lineNo = block.firstLine + i;
      const line = lines[i] as string;
      const problem = rawLines && line[0] !== '#' ? badLineReason(rawLines[i] as Buffer) : null;
      if (problem) {
        out.rejects.push({ file: input.path, line: lineNo, reason: problem, raw: line });
        failOnReject(input.strict, out.rejects);
        continue;
      }
      if (line.startsWith('#')) {
        if (!headerDone) headerLines.push(line);
        let kind: string;
        try {
          kind = applyHeaderLine(draft, line);
        } catch (err) {
          out.rejects.push({ file: input.path, line: lineNo, reason: (err as Error).message, raw: line });
          failOnReject(input.strict, out.rejects);
          continue;
        }
        if (kind === 'close') out.closed = true;
        if (kind === 'layout' || draft.path !== null) replan();
        continue;
      }
      if (!headerDone) {
        headerDone = true;
        out.header = headerLines.length > 0 ? `${headerLines.join('\n')}\n` : '';
      }
      if (line === '') continue;
      if (!plan) {
        out.rejects.push({
          file: input.path,
          line: lineNo,
          reason: `no usable header: ${planError ?? 'header has no #fields line'}`,
          raw: line,
        });
        failOnReject(input.strict, out.rejects);
        continue;
      }
      const p = plan as TsvRowPlan;
      const fields = line.split(draft.separator);
      const values = convertTsvFields(p, fields);
      if (values instanceof FieldError) {
        out.rejects.push({ file: input.path, line: lineNo, reason: values.reason, raw: line });
        failOnReject(input.strict, out.rejects);
        continue;
      }
      const pending = append(p.target.table, values, extraJson(p, fields));
      if (pending) await pending;
      out.rows += 1;
      if (out.rows % progressEvery === 0) input.onProgress?.({ rawBytes, rows: out.rows });
    }
  }
  failOnReject(input.strict, out.rejects);
  if (!headerDone) out.header = headerLines.length > 0 ? `${headerLines.join('\n')}\n` : '';
  finishOutput(out, reader);
  input.onProgress?.({ rawBytes, rows: out.rows });
  return out;
}

/** True when a block holds invalid UTF-8 or a carriage return somewhere. */
function needsByteChecks(buf: Buffer): boolean {
  return buf.indexOf(13) >= 0 || !isUtf8(buf);
}

/** Splits a block (ending with a newline) into raw line buffers. */
export function splitRaw(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    out.push(buf.subarray(pos, nl));
    pos = nl + 1;
  }
  return out;
}
