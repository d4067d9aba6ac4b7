import { isUtf8 } from 'node:buffer';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineInput, EngineOutput } from '../engine.js';
import { newLineReaderResult, readLineBlocks } from '../line-reader.js';
import { failOnReject } from '../strict.js';
import { applyHeaderLine, finishHeader } from './zeek-header.js';
import { targetForLogType } from './zeek-log-types.js';
import { draftFromHeader, splitRaw } from './zeek-tsv-js.js';

/** Thrown when a file needs the line-by-line engine (its header changes mid-file). */
export class NeedsJsEngine extends Error {}

const blank = Buffer.from('\n');
let tmpCounter = 0;

/**
 * Hands the body of a Zeek TSV file to the store's own reader. JavaScript only streams the bytes
 * once: it decompresses, checks UTF-8 per block, blanks out `#` lines and bad lines (keeping line
 * numbers aligned for the reader's rejects) and writes a clean copy to the data directory.
 */
export async function ingestZeekTsvNative(
  input: EngineInput,
  fileLogType: string | null,
): Promise<EngineOutput> {
  const reader = newLineReaderResult();
  const draft = draftFromHeader(input.header);
  const out: EngineOutput = {
    rows: 0,
    rejects: reader.rejects,
    consumedBytes: 0,
    consumedLines: 0,
    anchor: '',
    header: input.header,
    logType: draft.path ?? fileLogType ?? 'unknown',
    closed: false,
    resumeAnchor: null,
  };
  mkdirSync(input.tmpDir, { recursive: true });
  tmpCounter += 1;
  const tmp = join(input.tmpDir, `body-${process.pid}-${tmpCounter}.tsv`);
  const fd = openSync(tmp, 'w');
  let headerDone = input.startByte > 0;
  const headerLines: string[] = [];
  let firstBodyLine = 0;
  let nextLine = 0;
  let mayHaveEscapes = false;
  let rawBytes = 0;
  let bodyLines = 0;
  let dataLines = 0;

  const writeBlank = (n: number) => {
    for (let i = 0; i < n; i++) writeSync(fd, blank);
  };

  try {
    const blocks = readLineBlocks(
      {
        path: input.path,
        gzip: input.gzip,
        startByte: input.startByte,
        startLine: input.startLine,
        maxLineBytes: input.maxLineBytes,
        finalPartialLine: input.finalPartialLine,
        signal: input.signal,
        onRawBytes: (b) => {
          rawBytes = b;
          input.onProgress?.({ rawBytes, rows: out.rows });
        },
      },
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
      if (firstBodyLine === 0) {
        firstBodyLine = line;
        nextLine = line;
      }
      // Lines the reader rejected (too long) leave a gap: fill it so numbering stays aligned.
      if (line > nextLine) writeBlank(line - nextLine);
      const lines = block.lines - (line - block.firstLine);
      nextLine = line + lines;
      bodyLines += lines;
      if (buf[0] !== 0x23 && buf.indexOf('\n#') < 0 && isUtf8(buf)) {
        writeSync(fd, buf);
        dataLines += lines;
        if (!mayHaveEscapes && buf.indexOf('\\x') >= 0) mayHaveEscapes = true;
        continue;
      }
      const raw = splitRaw(buf);
      for (let i = 0; i < raw.length; i++) {
        const r = raw[i] as Buffer;
        if (r[0] === 0x23) {
          const text = r.toString('utf8');
          const kind = applyHeaderLine(draft, text);
          if (kind === 'layout') throw new NeedsJsEngine(`header changes at line ${line + i}`);
          if (kind === 'close') out.closed = true;
        } else if (!isUtf8(r)) {
          out.rejects.push({
            file: input.path,
            line: line + i,
            reason: 'line holds bytes that are not UTF-8',
            raw: r.toString('utf8'),
          });
        } else {
          writeSync(fd, r);
          if (r.length > 0) dataLines += 1;
          if (!mayHaveEscapes && r.indexOf('\\x') >= 0) mayHaveEscapes = true;
        }
        writeSync(fd, blank);
      }
    }
    closeSync(fd);
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
      out.logType = header.path ?? fileLogType ?? 'unknown';
      const target = targetForLogType(out.logType);
      if (bodyLines > 0) {
        const res = await input.batch.loadNativeTsv({
          path: tmp,
          layout: header,
          table: target.table,
          constants: target.constants,
          lineOffset: firstBodyLine - 1,
          mayHaveEscapes,
          dataLines,
        });
        out.rows = res.rows;
        out.rejects.push(...res.rejects);
      }
    }
  } finally {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
  }
  out.rejects.sort((a, b) => a.line - b.line);
  failOnReject(input.strict, out.rejects);
  out.consumedBytes = reader.consumedBytes;
  out.consumedLines = reader.consumedLines;
  out.anchor = reader.anchor;
  out.resumeAnchor = reader.resumeAnchor;
  input.onProgress?.({ rawBytes, rows: out.rows });
  return out;
}
