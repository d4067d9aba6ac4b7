import { isUtf8 } from 'node:buffer';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { EngineInput, EngineOutput } from '../engine.js';
import { finishOutput, readerOptions, startOutput } from '../engine.js';
import { deepLineIn } from '../json-depth.js';
import { newLineReaderResult, readLineBlocks } from '../line-reader.js';
import { guessedTypeNote } from './zeek-json-js.js';
import { keysNeedUnwrapping } from './zeek-json-layout.js';
import { needsAddresses } from './zeek-json-plan.js';
import { logTypeOfFileName } from './zeek-log-names.js';
import { resolveLogType, targetForLogType } from './zeek-log-types.js';

const isJsonSpace = (c: number | undefined) => c === 0x20 || c === 0x09 || c === 0x0d;

/**
 * Whether a key's value opens an object: a `"`, JSON whitespace, `:`, whitespace, `{`, whose quote
 * is not escaped inside a string. Whitespace counts: `"id" : {…}` left addresses NULL when only
 * `":{` and `": {` were looked for.
 */
function holdsObjectValue(buf: Buffer): boolean {
  for (let brace = buf.indexOf(0x7b); brace >= 0; brace = buf.indexOf(0x7b, brace + 1)) {
    let pos = brace - 1;
    while (isJsonSpace(buf[pos])) pos--;
    if (buf[pos] !== 0x3a) continue;
    pos--;
    while (isJsonSpace(buf[pos])) pos--;
    if (buf[pos] !== 0x22) continue;
    let slashes = 0;
    while (pos - slashes - 1 >= 0 && buf[pos - slashes - 1] === 0x5c) slashes++;
    if (slashes % 2 === 0) return true;
  }
  return false;
}

/**
 * Records in a block of lines: lines that are not blank. Null when a line is a `#` comment, or may
 * hold a nested object (a Kafka wrapper, `"id": {…}`), which only the JavaScript engine unwraps.
 */
function recordsIn(buf: Buffer, lines: number): number | null {
  if (buf[0] === 0x23 || buf.indexOf('\n#') >= 0) return null;
  if (holdsObjectValue(buf)) return null;
  let blank = buf[0] === 0x0a ? 1 : 0;
  let pos = buf.indexOf('\n\n');
  while (pos >= 0) {
    blank += 1;
    pos = buf.indexOf('\n\n', pos + 1);
  }
  return lines - blank;
}

/**
 * Zeek JSON through the store's own JSON reader. JavaScript streams the file once (UTF-8, line
 * lengths, records, the resume point); the store then checks and loads it all or nothing. Returns
 * null, having changed nothing, whenever the file needs the line-by-line engine: a resumed or live
 * file, comment lines, mixed `_path`s, a pipeline's layout (`keysNeedUnwrapping`), a conn, dns,
 * http or ssl record without addresses (a reject), or any record whose values do not fit their columns.
 */
export async function ingestZeekJsonNative(
  input: EngineInput,
  fileLogType: string | null,
): Promise<EngineOutput | null> {
  if (input.startByte > 0 || input.finalPartialLine !== 'parse') return null;
  const before = statSync(input.path);
  const reader = newLineReaderResult();
  let records = 0;
  let rawBytes = 0;
  for await (const block of readLineBlocks(
    readerOptions(input, (b) => {
      rawBytes = b;
      input.onProgress?.({ rawBytes, rows: 0 });
    }),
    reader,
  )) {
    // A line nesting too deep is a reject, which only the line-by-line engine makes.
    const n = isUtf8(block.buf) && !deepLineIn(block.buf) ? recordsIn(block.buf, block.lines) : null;
    if (n === null) return null;
    records += n;
  }
  if (reader.rejects.length > 0 || reader.truncated || records === 0) return null;

  const scan = await input.batch.scanJson(input.path, input.gzip, input.maxLineBytes);
  if (!scan || scan.records !== records || scan.paths.length > 1) return null;
  if (scan.recordsWithPath !== 0 && scan.recordsWithPath !== scan.records) return null;
  // An empty `_path` names nothing: the JS engine then falls back to the file name.
  if (keysNeedUnwrapping(scan.keys) || scan.paths.includes('')) return null;
  const logType = resolveLogType(scan.paths[0], fileLogType);
  const target = targetForLogType(logType);
  if (needsAddresses(target.table) && scan.recordsWithoutAddresses > 0) return null;
  const loaded = await input.batch.loadNativeJson({
    path: input.path,
    gzip: input.gzip,
    table: target.table,
    constants: target.constants,
    keys: scan.keys,
    dropKeys: ['_path'],
    maxLineBytes: input.maxLineBytes,
  });
  if (!loaded) return null;
  const after = statSync(input.path);
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
    throw new Error(`${input.path} changed while it was being read; run the ingest again`);
  }
  const out = startOutput(reader, '', logType);
  out.rows = loaded.rows;
  if (scan.recordsWithPath === 0 && (logTypeOfFileName(basename(input.path))?.guessed ?? true)) {
    out.notes.push(guessedTypeNote(input.path, logType, scan.records));
  }
  finishOutput(out, reader);
  input.onProgress?.({ rawBytes, rows: out.rows });
  return out;
}
