import { createReadStream } from 'node:fs';
import { type GunzipLimits, gunzipFile } from '../io/gzip-stream.js';

/** What lies past the blank lines a file opens with. */
export interface AfterBlankRun {
  /** Up to `limit` bytes from the first non-blank byte on; empty when the file is blank to its end. */
  readonly head: Buffer;
  /** Blank bytes (newlines, carriage returns, spaces, tabs) skipped before it. */
  readonly skipped: number;
}

const isBlankByte = (b: number) => b === 0x0a || b === 0x0d || b === 0x20 || b === 0x09;

/**
 * Looks past a run of blank lines longer than the sniffing window: a file may open with megabytes of
 * them and still hold records after, and judging it by its first bytes alone would drop those records.
 * A compressed file is read under the decompression limits, so a bomb of blank lines fails here, with
 * the limit named, instead of being inflated to its end.
 */
export async function readPastBlankRun(
  path: string,
  gzip: boolean,
  limit: number,
  limits: GunzipLimits,
): Promise<AfterBlankRun> {
  const raw = createReadStream(path, { highWaterMark: 1024 * 1024 });
  const chunks: AsyncIterable<Buffer> = gzip ? gunzipFile({ ...limits, path }) : raw;
  const parts: Buffer[] = [];
  let skipped = 0;
  let kept = 0;
  try {
    for await (const chunk of chunks) {
      let start = 0;
      if (kept === 0) {
        while (start < chunk.length && isBlankByte(chunk[start] as number)) start++;
        skipped += start;
        if (start === chunk.length) continue;
      }
      const part = chunk.subarray(start, start + (limit - kept));
      parts.push(part);
      kept += part.length;
      if (kept >= limit) break;
    }
  } finally {
    raw.destroy();
  }
  return { head: Buffer.concat(parts), skipped };
}
