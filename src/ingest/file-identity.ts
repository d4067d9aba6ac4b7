import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { anchorOf, anchorBytes as anchorWindow, gunzipOf } from './line-reader.js';

const edgeBytes = 64 * 1024;
const headLimit = 256 * 1024;

/** Hash of the raw file's size, first and last 64 KiB: equal digests mean nothing new to read. */
export async function rawDigest(path: string, size: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(edgeBytes, size));
    await fh.read(head, 0, head.length, 0);
    const tailLen = Math.min(edgeBytes, Math.max(0, size - head.length));
    const tail = Buffer.alloc(tailLen);
    if (tailLen > 0) await fh.read(tail, 0, tailLen, size - tailLen);
    return createHash('sha256').update(String(size)).update(head).update(tail).digest('hex');
  } finally {
    await fh.close();
  }
}

/** True when the file starts with the gzip magic bytes. */
export async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Up to 256 KiB of decompressed bytes from the start of the file; a corrupt stream yields what it could. */
export async function readHead(path: string, gzip: boolean): Promise<Buffer> {
  const raw = createReadStream(path, gzip ? {} : { end: headLimit - 1 });
  const stream = gzip ? gunzipOf(raw) : raw;
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      n += chunk.length;
      if (n >= headLimit) break;
    }
  } catch {
    // A truncated stream still has a usable head; the full read reports the damage.
  } finally {
    raw.destroy();
  }
  return Buffer.concat(parts).subarray(0, headLimit);
}

/**
 * Identity of a log stream: the hash of its leading `#` lines and first record. It stays the same
 * while the file grows and after Zeek rotates and compresses it; null until a whole record exists.
 */
export function streamKeyOf(head: Buffer): { key: string; headerText: string } | null {
  let pos = 0;
  while (pos < head.length) {
    const nl = head.indexOf(10, pos);
    if (nl < 0) return null;
    if (head[pos] !== 0x23 /* # */ && nl > pos) {
      return {
        key: createHash('sha256')
          .update(head.subarray(0, nl + 1))
          .digest('hex'),
        headerText: head.subarray(0, pos).toString('utf8'),
      };
    }
    pos = nl + 1;
  }
  return null;
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
