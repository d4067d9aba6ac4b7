import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { headerBudgetBytes, sameBytes } from '../io/file-head.js';
import { gunzipOf } from '../io/gunzip.js';
import type { LedgerEntry } from '../store/store.js';
import { type InputFormat, sniffFormat } from './formats.js';
import { anchorOf, anchorBytes as anchorWindow, defaultMaxLineBytes } from './line-reader.js';

/**
 * Decompressed bytes read to sniff a file and key its stream: the header budget plus the default line
 * limit, so that a first record up to the line limit is seen whole. Fixed, not `--max-line-bytes`, so
 * that a stream's key never depends on the flags of the run that read it.
 */
export const identityHeadBytes = headerBudgetBytes + defaultMaxLineBytes;

/** Most bytes skipped to find the end of a first line too long to sniff (the `--max-line-bytes` ceiling). */
const firstLineScanBytes = 256 * 1024 * 1024;

/**
 * Up to `limit` decompressed bytes after the first line, for sniffing a file whose first line is too
 * long to judge (that line is a reject); empty when the line does not end within `firstLineScanBytes`.
 */
export async function readHeadAfterFirstLine(path: string, gzip: boolean, limit: number): Promise<Buffer> {
  const raw = createReadStream(path, { highWaterMark: 1024 * 1024 });
  const stream = gzip ? gunzipOf(raw) : raw;
  const parts: Buffer[] = [];
  let skipped = 0;
  let found = false;
  let n = 0;
  try {
    for await (const chunkIn of stream as AsyncIterable<Buffer>) {
      let chunk = chunkIn;
      if (!found) {
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          skipped += chunk.length;
          if (skipped > firstLineScanBytes) break;
          continue;
        }
        found = true;
        chunk = chunk.subarray(nl + 1);
      }
      parts.push(chunk);
      n += chunk.length;
      if (n >= limit) break;
    }
  } catch {
    // Judged on what could be read; the full read reports the damage.
  } finally {
    raw.destroy();
  }
  return Buffer.concat(parts).subarray(0, limit);
}

/**
 * Identity of a log stream: the hash of its leading `#` lines and first record. It stays the same
 * while the file grows and after Zeek rotates and compresses it. A first record that does not end
 * within `identityHeadBytes` is keyed on those bytes alone (the reader rejects it if it is over the
 * line limit). Null only while no record exists yet: a head shorter than `identityHeadBytes` (the
 * whole file) with no record, or whose one record has no line end and `finalLine` is `leave`.
 */
export function streamKeyOf(
  head: Buffer,
  finalLine: 'parse' | 'leave' = 'leave',
): { key: string; headerText: string } | null {
  const keyed = (end: number, headerEnd: number) => ({
    key: createHash('sha256').update(head.subarray(0, end)).digest('hex'),
    headerText: head.subarray(0, headerEnd).toString('utf8'),
  });
  let pos = 0;
  while (pos < head.length) {
    const nl = head.indexOf(10, pos);
    if (nl < 0) {
      if (head.length >= identityHeadBytes) return keyed(identityHeadBytes, pos);
      const record = head[pos] !== 0x23 /* # */ && head.subarray(pos).toString('latin1').trim() !== '';
      return record && finalLine === 'parse' ? keyed(head.length, pos) : null;
    }
    if (head[pos] !== 0x23 /* # */ && nl > pos) return keyed(nl + 1, pos);
    pos = nl + 1;
  }
  // Blank (or comments) across the whole window: the records lie further on, and the window is the key.
  return head.length >= identityHeadBytes ? keyed(identityHeadBytes, 0) : null;
}

/** Why a head that `streamKeyOf` found no record in holds no rows, for the user. */
export function noRecordReason(head: Buffer, finalLine: 'parse' | 'leave'): string {
  let comments = 0;
  let header = false;
  let blank = 0;
  let pos = 0;
  while (pos < head.length) {
    const nl = head.indexOf(10, pos);
    const end = nl < 0 ? head.length : nl;
    const line = head.subarray(pos, end).toString('utf8');
    if (nl < 0 && line.trim() !== '' && !line.startsWith('#') && finalLine === 'leave')
      return 'its first record has no line end yet (still being written); it is read once complete';
    if (line.startsWith('#')) {
      comments += 1;
      if (/^#(separator|fields|types|path)\b/.test(line)) header = true;
    } else blank += 1;
    pos = end + 1;
  }
  const lines = (n: number, what: string) => `${n} ${what} line${n === 1 ? '' : 's'}`;
  if (comments === 0) return `only ${lines(blank, 'blank')}`;
  const what = header ? `header only (${lines(comments, 'header')})` : `all ${lines(comments, 'comment')}`;
  return blank > 0 ? `${what} and ${lines(blank, 'blank')}, no records` : `${what}, no records`;
}

/**
 * Whether a file holds, byte for byte where the anchor can tell, the stream the ledger has read up
 * to `consumedBytes`, and whether it has more after that point.
 */
export async function continuesFrom(
  path: string,
  gzip: boolean,
  consumedBytes: number,
  anchor: string,
): Promise<{ matches: boolean; longer: boolean }> {
  const from = Math.max(0, consumedBytes - anchorWindow);
  if (!gzip) {
    const fh = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      if (size < consumedBytes) return { matches: false, longer: false };
      const before = Buffer.alloc(consumedBytes - from);
      await fh.read(before, 0, before.length, from);
      return { matches: anchorOf(before) === anchor, longer: size > consumedBytes };
    } finally {
      await fh.close();
    }
  }
  const raw = createReadStream(path, { highWaterMark: 1024 * 1024 });
  const stream = gunzipOf(raw);
  let total = 0;
  const window: Buffer[] = [];
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const start = total;
      total += chunk.length;
      // Keep the bytes of [from, consumedBytes) as they go by.
      const lo = Math.max(from, start);
      const hi = Math.min(consumedBytes, total);
      if (hi > lo) window.push(chunk.subarray(lo - start, hi - start));
      if (total > consumedBytes) break;
    }
  } catch {
    // A damaged stream is judged on what it held.
  } finally {
    raw.destroy();
  }
  if (total < consumedBytes) return { matches: false, longer: false };
  return { matches: anchorOf(Buffer.concat(window)) === anchor, longer: total > consumedBytes };
}

/** A stream key for a file that starts like a known log but is not its continuation. */
export function forkedKey(streamKey: string, rawDigest: string): string {
  return createHash('sha256').update(`${streamKey}:${rawDigest}`).digest('hex');
}

/**
 * The format of a JSON file whose first line is longer than the head (a reject for the reader), from
 * its second line; null for anything else.
 */
export async function sniffPastLongFirstLine(
  path: string,
  gzip: boolean,
  head: Buffer,
): Promise<InputFormat | null> {
  if (
    head.length < identityHeadBytes ||
    head.includes(10) ||
    !/^\s*\{/.test(head.subarray(0, 64).toString('latin1'))
  )
    return null;
  const next = sniffFormat(await readHeadAfterFirstLine(path, gzip, identityHeadBytes));
  return next === 'eve' || next === 'zeek-json' ? next : null;
}

/**
 * True when a file whose size and sampled digest equal a ledger entry's is shown, byte for byte,
 * to differ from it. The entry's file must still be where it was, unchanged since it was read;
 * otherwise nothing can be compared and the sample decides (false).
 */
export async function provenDifferent(path: string, size: number, known: LedgerEntry): Promise<boolean> {
  if (known.path === path || known.rawSize !== size) return false;
  const then = await stat(known.path).catch(() => null);
  if (!then?.isFile() || then.size !== known.rawSize || then.mtimeMs !== known.rawMtimeMs) return false;
  return !(await sameBytes(path, known.path, size));
}
