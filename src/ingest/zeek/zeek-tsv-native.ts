import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineInput, EngineOutput } from '../engine.js';
import { finishOutput, readerOptions, startOutput } from '../engine.js';
import { newLineReaderResult, readLineBlocks } from '../line-reader.js';
import { failOnReject } from '../strict.js';
import { LineMap } from './line-map.js';
import { applyHeaderLine, finishHeader } from './zeek-header.js';
import { badLineReason, isCleanBlock, trimCr } from './zeek-line-check.js';
import { resolveLogType, targetForLogType } from './zeek-log-types.js';
import { explainOmittedLines } from './zeek-tsv-explain.js';
import { draftFromHeader } from './zeek-tsv-js.js';

/** Thrown when a file needs the line-by-line engine (its header changes mid-file). */
export class NeedsJsEngine extends Error {}

/** Thrown when a file read in place turns out to need a cleaned copy. */
class NeedsCopy extends Error {}

const newline = Buffer.from('\n');
// Every Zeek escape (`\\` and `\xHH`) starts with a backslash.
const backslash = 0x5c;
let tmpCounter = 0;

/**
 * Hands the body of a Zeek TSV file to the store's own reader. JavaScript streams the bytes once:
 * it decompresses, checks UTF-8 per block and finds `#` lines and bad lines. A clean, uncompressed
 * file that is not being written to is then read in place; anything else is written as a clean
 * copy to the data directory without its blank, `#` and bad lines (DuckDB's reader mistakes long
 * runs of blank lines for bad rows), and the reader's rejects are mapped back to the file's lines.
 */
export async function ingestZeekTsvNative(
  input: EngineInput,
  fileLogType: string | null,
): Promise<EngineOutput> {
  const inPlace = !input.gzip && input.startByte === 0 && input.finalPartialLine === 'parse';
  if (inPlace) {
    try {
      return await loadTsv(input, fileLogType, true);
    } catch (err) {
      if (!(err instanceof NeedsCopy)) throw err;
    }
  }
  return loadTsv(input, fileLogType, false);
}

async function loadTsv(
  input: EngineInput,
  fileLogType: string | null,
  inPlace: boolean,
): Promise<EngineOutput> {
  const before = inPlace ? statSync(input.path) : null;
  const reader = newLineReaderResult();
  const draft = draftFromHeader(input.header);
  const out = startOutput(reader, input.header, resolveLogType(draft.path, fileLogType));
  mkdirSync(input.tmpDir, { recursive: true });
  tmpCounter += 1;
  const tmp = join(input.tmpDir, `body-${process.pid}-${tmpCounter}.tsv`);
  const fd = inPlace ? -1 : openSync(tmp, 'w');
  let fdOpen = !inPlace;
  const write = (b: Buffer) => {
    if (inPlace) throw new NeedsCopy();
    writeSync(fd, b);
  };
  let headerDone = input.startByte > 0;
  const headerLines: string[] = [];
  let firstBodyLine = 0;
  const lineMap = new LineMap();
  let mayHaveEscapes = false;
  let rawBytes = 0;
  let bodyLines = 0;
  let dataLines = 0;

  try {
    const blocks = readLineBlocks(
      readerOptions(input, (b) => {
        rawBytes = b;
        input.onProgress?.({ rawBytes, rows: out.rows });
      }),
      reader,
    );
    for await (const block of blocks) {
      let buf = block.buf;
      let line = block.firstLine;
      if (!headerDone) {
        // Peel the leading `#` lines off the first block(s).
        let pos = 0;
        while (pos < buf.length && buf[pos] === 0x23) {
          const nl = buf.indexOf(10, pos);
          const text = buf.toString('utf8', pos, nl);
          headerLines.push(text);
          applyHeaderLine(draft, text);
          pos = nl + 1;
          line += 1;
        }
        if (pos >= buf.length) continue;
        headerDone = true;
        buf = buf.subarray(pos);
      }
      if (firstBodyLine === 0) firstBodyLine = line;
      const lines = block.lines - (line - block.firstLine);
      bodyLines += lines;
      if (isCleanBlock(buf)) {
        if (!inPlace) writeSync(fd, buf);
        lineMap.add(line, lines);
        dataLines += lines;
        if (!mayHaveEscapes && buf.indexOf(backslash) >= 0) mayHaveEscapes = true;
        continue;
      }
      for (let pos = 0, i = 0; pos < buf.length; i++) {
        if (buf[pos] === 0x0a) {
          // A run of blank lines is skipped at once: a bomb of newlines must not cost a call per line.
          if (inPlace) throw new NeedsCopy();
          const from = pos;
          while (buf[pos] === 0x0a) pos++;
          i += pos - from - 1;
          continue;
        }
        const nl = buf.indexOf(0x0a, pos);
        const r = trimCr(buf.subarray(pos, nl));
        pos = nl + 1;
        const problem = r[0] === 0x23 ? null : badLineReason(r);
        if (r[0] === 0x23) {
          const text = r.toString('utf8');
          const kind = applyHeaderLine(draft, text);
          if (kind === 'layout') throw new NeedsJsEngine(`header changes at line ${line + i}`);
          if (kind === 'close') out.closed = true;
          // In place, the reader rejects `#` lines itself and they are dropped as footers.
          if (inPlace) continue;
        } else if (problem) {
          if (inPlace) throw new NeedsCopy();
          out.rejects.push({ file: input.path, line: line + i, reason: problem, raw: r.toString('utf8') });
        } else if (r.length > 0) {
          // Blank lines are skipped, as the JS engine skips them.
          write(r);
          write(newline);
          lineMap.add(line + i, 1);
          dataLines += 1;
          if (!mayHaveEscapes && r.indexOf(backslash) >= 0) mayHaveEscapes = true;
        } else if (inPlace) {
          throw new NeedsCopy();
        }
      }
    }
    if (inPlace && (reader.rejects.length > 0 || reader.truncated)) throw new NeedsCopy();
    if (!inPlace) {
      closeSync(fd);
      fdOpen = false;
    }
    if (!headerDone) out.header = headerLines.length > 0 ? `${headerLines.join('\n')}\n` : '';
    else if (input.startByte === 0) out.header = `${headerLines.join('\n')}\n`;
    const header = finishHeader(draft);
    if (typeof header === 'string') {
      if (bodyLines > 0) {
        out.rejects.push({
          file: input.path,
          line: firstBodyLine,
          reason: `no usable header: ${header}; ${bodyLines} lines not loaded`,
          raw: '',
        });
      }
    } else {
      out.logType = resolveLogType(header.path, fileLogType);
      const target = targetForLogType(out.logType);
      if (dataLines > 0) {
        const res = await input.batch.loadNativeTsv({
          path: inPlace ? input.path : tmp,
          skipLines: inPlace ? firstBodyLine - 1 : 0,
          layout: header,
          table: target.table,
          constants: target.constants,
          lineOffset: 0,
          mayHaveEscapes,
          dataLines,
          maxLineBytes: input.maxLineBytes,
        });
        out.rows = res.rows;
        for (const r of res.rejects) out.rejects.push(inPlace ? r : { ...r, line: lineMap.fileLine(r.line) });
        if ((res.unexplained ?? 0) > 0) {
          out.rejects.push(
            ...(await explainOmittedLines({
              path: inPlace ? input.path : tmp,
              skipLines: inPlace ? firstBodyLine - 1 : 0,
              fileLine: inPlace ? (n) => n : (n) => lineMap.fileLine(n),
              layout: header,
              target,
              file: input.path,
              known: new Set(out.rejects.map((r) => r.line)),
            })),
          );
        }
        if (before) {
          // The store read the file itself: if it grew meanwhile, it may have read past our count.
          const after = statSync(input.path);
          if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
            throw new Error(`${input.path} changed while it was being read; run the ingest again`);
          }
        }
      }
    }
  } finally {
    // Closing twice could close a descriptor the process has since reused for another file.
    if (fdOpen) closeSync(fd);
    if (!inPlace) rmSync(tmp, { force: true });
  }
  out.rejects.sort((a, b) => a.line - b.line);
  failOnReject(input.strict, out.rejects);
  finishOutput(out, reader);
  input.onProgress?.({ rawBytes, rows: out.rows });
  return out;
}
