import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { gunzipOf } from './gunzip.js';

const edgeBytes = 64 * 1024;

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

/**
 * Whether two files of `size` bytes hold the same bytes, compared in full: the sampled `rawDigest`
 * cannot tell apart files that differ only between their first and last 64 KiB.
 */
export async function sameBytes(a: string, b: string, size: number): Promise<boolean> {
  const [fa, fb] = await Promise.all([open(a, 'r'), open(b, 'r')]);
  try {
    const chunk = 1024 * 1024;
    const ba = Buffer.alloc(chunk);
    const bb = Buffer.alloc(chunk);
    for (let pos = 0; pos < size; pos += chunk) {
      const n = Math.min(chunk, size - pos);
      const [ra, rb] = await Promise.all([fa.read(ba, 0, n, pos), fb.read(bb, 0, n, pos)]);
      if (ra.bytesRead !== n || rb.bytesRead !== n || !ba.subarray(0, n).equals(bb.subarray(0, n)))
        return false;
    }
    return true;
  } finally {
    await Promise.all([fa.close(), fb.close()]);
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

/** Bytes of leading `#` lines tolerated before the first record (Zeek writes about 1 KiB). */
export const headerBudgetBytes = 256 * 1024;
/** Up to `limit` decompressed bytes from the start of the file; a corrupt stream yields what it could. */
export async function readHead(path: string, gzip: boolean, limit = headerBudgetBytes): Promise<Buffer> {
  const raw = createReadStream(path, gzip ? {} : { end: limit - 1 });
  const stream = gzip ? gunzipOf(raw) : raw;
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      n += chunk.length;
      if (n >= limit) break;
    }
  } catch {
    // A truncated stream still has a usable head; the full read reports the damage.
  } finally {
    raw.destroy();
  }
  return Buffer.concat(parts).subarray(0, limit);
}
