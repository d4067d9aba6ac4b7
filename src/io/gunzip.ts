import { Readable } from 'node:stream';
import { gunzipChunks } from './gzip-stream.js';

/** Decompressed bytes handed on per chunk when gunzipping. */
export const gunzipChunkBytes = 256 * 1024;

/**
 * The decompressed bytes of `raw`, a gzip stream. Damage is an error raised only after every byte
 * before it (zlib's own gunzip drops the last output before a failed checksum, so a small file
 * with a bad CRC would look empty); a read error on `raw` is passed on.
 */
export function gunzipOf(raw: NodeJS.ReadableStream, chunkSize = gunzipChunkBytes): Readable {
  // Callers bound what they read themselves (a head, or bytes already ingested under the limits).
  const limits = { chunkSize, maxBytes: Number.POSITIVE_INFINITY, maxRatio: Number.POSITIVE_INFINITY };
  return Readable.from(gunzipChunks(raw as AsyncIterable<Buffer>, 'compressed stream', limits), {
    objectMode: false,
  });
}
