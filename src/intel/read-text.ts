import { createReadStream } from 'node:fs';
import { errorCodes, MamoriError } from '../errors.js';
import { formatBytes } from '../format-bytes.js';
import { isGzip, readHead } from '../io/file-head.js';
import { gunzipOf } from '../io/gunzip.js';

/** The first decoded text of a plain or gzip file (up to 256 KiB), for format sniffing. */
export async function readHeadText(path: string): Promise<string> {
  const head = await readHead(path, await isGzip(path));
  return head.toString('utf8').replace(/^\uFEFF/, '');
}

/** Decompressed bytes of a plain or gzip file, streamed in chunks; a corrupt gzip throws naming the file. */
export async function* readChunks(path: string): AsyncGenerator<Buffer> {
  const gzip = await isGzip(path);
  const raw = createReadStream(path, { highWaterMark: 1024 * 1024 });
  const stream = gzip ? gunzipOf(raw) : raw;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    throw new MamoriError(
      errorCodes.badInput,
      `${path}: ${gzip ? 'compressed stream is truncated or corrupt' : 'cannot read'}: ${(err as Error).message}`,
    );
  } finally {
    raw.destroy();
  }
}

/** Whole decoded text of a file no larger than `maxBytes` (decompressed); larger files are refused. */
export async function readWholeText(path: string, maxBytes = 64 * 1024 * 1024): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of readChunks(path)) {
    n += chunk.length;
    if (n > maxBytes) {
      throw new MamoriError(
        errorCodes.badInput,
        `${path}: larger than ${formatBytes(maxBytes)}; this format is not streamed`,
      );
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

/** Lines of a plain or gzip text file, with 1-based numbers. */
export async function* readLines(path: string): AsyncGenerator<{ line: string; no: number }> {
  let carry = '';
  let no = 0;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of readChunks(path)) {
    const text = carry + decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    carry = parts.pop() ?? '';
    for (const p of parts) yield { line: p.replace(/\r$/, ''), no: ++no };
  }
  carry += decoder.decode();
  if (carry !== '') yield { line: carry.replace(/\r$/, ''), no: ++no };
}
