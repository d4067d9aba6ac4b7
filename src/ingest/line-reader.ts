import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { gunzipChunkBytes } from '../io/gunzip.js';
import { GzipDamage, gunzipFile } from '../io/gzip-stream.js';
import type { RejectRecord } from '../store/store.js';

/** Complete lines (the buffer ends with `\n`) starting at line `firstLine` (1-based). */
export interface LineBlock {
  readonly buf: Buffer;
  readonly firstLine: number;
  readonly lines: number;
}

/** How to read one input file. */
export interface LineReaderOptions {
  readonly path: string;
  readonly gzip: boolean;
  /** Decompressed bytes to skip (already ingested); they must end on a line boundary. */
  readonly startByte?: number;
  /** Number of lines in the skipped bytes, so that line numbers stay those of the file. */
  readonly startLine?: number;
  /** Longer lines are rejected instead of loaded. */
  readonly maxLineBytes?: number;
  /** Limits on a compressed file's decompressed size and expansion ratio (see gzip-stream.ts). */
  readonly maxDecompressedBytes?: number;
  readonly maxGzipRatio?: number;
  /**
   * What to do with bytes after the last newline: `parse` treats them as a final line (a static file),
   * `leave` leaves them for the next read (a live file still being written).
   */
  readonly finalPartialLine?: 'parse' | 'leave';
  readonly signal?: AbortSignal;
  /** Called with the raw (compressed) bytes read so far, for progress bars. */
  readonly onRawBytes?: (bytes: number) => void;
}

/** What a finished read found, beyond the lines it yielded. */
export interface LineReaderResult {
  /** Decompressed bytes up to the end of the last line handed out (including skipped bytes). */
  consumedBytes: number;
  consumedLines: number;
  /** Hash of the last bytes before `consumedBytes`. */
  anchor: string;
  rejects: RejectRecord[];
  /** Set when the compressed stream ended early or was corrupt. */
  truncated: string | null;
  /** Hash of the bytes just before `startByte`, to compare with the ledger's anchor on resume. */
  resumeAnchor: string | null;
  /** Most bytes of an unfinished line held between chunks: never more than the line limit. */
  maxCarryBytes: number;
}

export const defaultMaxLineBytes = 1024 * 1024;
const rejectRawLimit = 64 * 1024;
const readChunkBytes = 1024 * 1024;
/** Bytes before a resume point that are hashed to check a file continues the stream. */
export const anchorBytes = 256;
const NL = 10;

/** Hash of the `anchorBytes` before `end` in `tail`, which holds the last bytes up to `end`. */
export function anchorOf(tail: Buffer): string {
  return createHash('sha256')
    .update(tail.subarray(Math.max(0, tail.length - anchorBytes)))
    .digest('hex');
}

/**
 * Streams a plain or gzip file as blocks of complete lines. Over-long lines and a corrupt gzip
 * tail become rejects in `result`; everything else is yielded, so nothing is silently dropped.
 */
export async function* readLineBlocks(
  opts: LineReaderOptions,
  result: LineReaderResult,
): AsyncGenerator<LineBlock> {
  const maxLine = opts.maxLineBytes ?? defaultMaxLineBytes;
  const startByte = opts.startByte ?? 0;
  let lineNo = (opts.startLine ?? 0) + 1;
  let position = opts.gzip ? 0 : startByte;
  let toSkip = opts.gzip ? startByte : 0;
  let carry: Buffer = Buffer.alloc(0);
  // While inside an over-long line we keep only its start, for the reject's raw text.
  let longLine: { prefix: Buffer; bytes: number } | null = null;
  let lastTail: Buffer = Buffer.alloc(0);
  result.consumedBytes = startByte;
  result.consumedLines = opts.startLine ?? 0;

  if (!opts.gzip && startByte > 0) {
    const fh = await open(opts.path, 'r');
    try {
      const n = Math.min(anchorBytes, startByte);
      const before = Buffer.alloc(n);
      await fh.read(before, 0, n, startByte - n);
      lastTail = before;
      result.resumeAnchor = anchorOf(before);
    } finally {
      await fh.close();
    }
  }
  const source = opts.gzip
    ? gunzipFile({
        path: opts.path,
        chunkSize: gunzipChunkBytes,
        maxBytes: opts.maxDecompressedBytes,
        maxRatio: opts.maxGzipRatio,
        signal: opts.signal,
        onRawBytes: opts.onRawBytes,
      })
    : plainChunks(opts.path, startByte, opts.onRawBytes);

  const finishLongLine = () => {
    if (!longLine) return;
    result.rejects.push({
      file: opts.path,
      line: lineNo,
      reason: `line is ${longLine.bytes} bytes, over the ${maxLine}-byte limit (raw text cut to ${rejectRawLimit} bytes)`,
      raw: longLine.prefix.toString('utf8'),
    });
    lineNo += 1;
    longLine = null;
  };

  try {
    for await (const chunkIn of source) {
      opts.signal?.throwIfAborted();
      let chunk = chunkIn as Buffer;
      if (toSkip > 0) {
        if (chunk.length <= toSkip) {
          toSkip -= chunk.length;
          position += chunk.length;
          lastTail = Buffer.concat([lastTail, chunk]).subarray(-anchorBytes);
          continue;
        }
        lastTail = Buffer.concat([lastTail, chunk.subarray(0, toSkip)]).subarray(-anchorBytes);
        chunk = chunk.subarray(toSkip);
        position += toSkip;
        toSkip = 0;
      }
      if (opts.gzip && startByte > 0 && result.resumeAnchor === null)
        result.resumeAnchor = anchorOf(lastTail);
      let start = 0;
      if (longLine) {
        const nl = chunk.indexOf(NL);
        if (nl < 0) {
          longLine.bytes += chunk.length;
          position += chunk.length;
          continue;
        }
        longLine.bytes += nl;
        position += nl + 1;
        start = nl + 1;
        finishLongLine();
        result.consumedBytes = position;
        result.consumedLines = lineNo - 1;
      }
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(start)]) : chunk.subarray(start);
      const lastNl = data.lastIndexOf(NL);
      if (lastNl < 0) {
        carry = data;
      } else {
        const complete = data.subarray(0, lastNl + 1);
        carry = data.subarray(lastNl + 1);
        yield* splitOversized(complete);
      }
      if (carry.length > maxLine) {
        longLine = { prefix: Buffer.from(carry.subarray(0, rejectRawLimit)), bytes: carry.length };
        position += carry.length;
        carry = Buffer.alloc(0);
      }
      if (carry.length > result.maxCarryBytes) result.maxCarryBytes = carry.length;
    }
  } catch (err) {
    if (opts.signal?.aborted || !(err instanceof GzipDamage)) throw err;
    // Every line before the damage was yielded; the reject says where it broke.
    result.truncated = `compressed stream damaged after decompressed byte ${err.decompressedBytes} (in line ${lineNo}): ${err.message}; the lines before it were kept`;
  }

  if (opts.gzip && startByte > 0 && result.resumeAnchor === null) result.resumeAnchor = anchorOf(lastTail);
  if (longLine) {
    finishLongLine();
    result.consumedBytes = position;
    result.consumedLines = lineNo - 1;
  }
  if (carry.length > 0) {
    if (result.truncated) {
      result.rejects.push({
        file: opts.path,
        line: lineNo,
        reason: 'last line cut off by the truncated compressed stream',
        raw: carry.subarray(0, rejectRawLimit).toString('utf8'),
      });
      lineNo += 1;
    } else if (opts.finalPartialLine !== 'leave') {
      const withNl = Buffer.concat([carry, Buffer.from('\n')]);
      // The anchor must hash the file's own bytes, not the newline added here.
      yield* emit(withNl, carry.length, carry);
    }
  }
  if (result.truncated) {
    result.rejects.push({ file: opts.path, line: lineNo, reason: result.truncated, raw: '' });
  }
  result.anchor = anchorOf(lastTail);

  // Lines within `complete` may still exceed the limit when a chunk held a whole long line.
  function* splitOversized(complete: Buffer): Generator<LineBlock> {
    if (complete.length <= maxLine) {
      yield* emit(complete, complete.length);
      return;
    }
    let from = 0;
    let pos = 0;
    while (pos < complete.length) {
      const nl = complete.indexOf(NL, pos);
      if (nl - pos > maxLine) {
        if (from < pos) yield* emit(complete.subarray(from, pos), pos - from);
        result.rejects.push({
          file: opts.path,
          line: lineNo,
          reason: `line is ${nl - pos} bytes, over the ${maxLine}-byte limit (raw text cut to ${rejectRawLimit} bytes)`,
          raw: complete.subarray(pos, pos + rejectRawLimit).toString('utf8'),
        });
        lineNo += 1;
        position += nl + 1 - pos;
        result.consumedBytes = position;
        result.consumedLines = lineNo - 1;
        from = nl + 1;
      }
      pos = nl + 1;
    }
    if (from < complete.length) yield* emit(complete.subarray(from), complete.length - from);
  }

  function* emit(buf: Buffer, fileBytes: number, tailBytes: Buffer = buf): Generator<LineBlock> {
    let lines = 0;
    let pos = buf.indexOf(NL);
    while (pos >= 0) {
      lines += 1;
      pos = buf.indexOf(NL, pos + 1);
    }
    const block: LineBlock = { buf, firstLine: lineNo, lines };
    lineNo += lines;
    position += fileBytes;
    result.consumedBytes = position;
    result.consumedLines = lineNo - 1;
    lastTail =
      tailBytes.length >= anchorBytes
        ? tailBytes.subarray(tailBytes.length - anchorBytes)
        : Buffer.concat([lastTail, tailBytes]).subarray(-anchorBytes);
    yield block;
  }
}

/** A plain file's bytes from `start`, in large chunks: with Node's 64 KiB default, stream overhead costs more than all our checks. */
async function* plainChunks(
  path: string,
  start: number,
  onRawBytes?: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  let rawBytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: readChunkBytes, start })) {
    rawBytes += (chunk as Buffer).length;
    onRawBytes?.(rawBytes);
    yield chunk as Buffer;
  }
}

/** A fresh result object for `readLineBlocks`. */
export function newLineReaderResult(): LineReaderResult {
  return {
    consumedBytes: 0,
    consumedLines: 0,
    anchor: '',
    rejects: [],
    truncated: null,
    resumeAnchor: null,
    maxCarryBytes: 0,
  };
}
