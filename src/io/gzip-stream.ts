import { createReadStream } from 'node:fs';
import { constants, crc32, createInflateRaw } from 'node:zlib';
import { errorCodes, MamoriError, messageOf } from '../errors.js';
import { formatBytes } from '../format-bytes.js';

/** Largest decompressed size of one compressed file, unless configured (`--max-decompressed-bytes`). */
export const defaultMaxDecompressedBytes = 64 * 1024 ** 3;
/** Largest decompressed/compressed ratio, unless configured (`--max-gzip-ratio`). Real logs stay under 20:1. */
export const defaultMaxGzipRatio = 200;
/** The ratio is judged only past this many decompressed bytes, so small, very repetitive files pass. */
export const ratioGraceBytes = 64 * 1024 * 1024;

const rawChunkBytes = 1024 * 1024;
// Input is fed to zlib in pieces: all output of one piece is buffered before we see it, and deflate
// expands at most about 1032:1, so a piece holds at most ~66 MiB (and the limits cut it short).
// Smaller pieces cost more calls: 16 KiB made gunzip half again as slow.
const pieceBytes = 64 * 1024;
const maxHeaderField = 64 * 1024;

/** The compressed data is damaged: everything before `decompressedBytes` was yielded. */
export class GzipDamage extends Error {
  constructor(
    message: string,
    readonly decompressedBytes: number,
  ) {
    super(message);
    this.name = 'GzipDamage';
  }
}

/** How to decompress one file. */
export interface GunzipOptions extends GunzipLimits {
  readonly path: string;
}

/** Limits and hooks of a decompression. */
export interface GunzipLimits {
  readonly maxBytes?: number;
  readonly maxRatio?: number;
  readonly chunkSize?: number;
  readonly signal?: AbortSignal;
  /** Called with the compressed bytes read so far. */
  readonly onRawBytes?: (bytes: number) => void;
}

/**
 * Decompresses a gzip file (one or more members) chunk by chunk. Members are framed here and
 * inflated raw, so that every byte produced before damage is yielded (zlib's own gunzip drops the
 * output of the call that fails its checksum), and the size and ratio limits trip within one
 * output chunk. Damage ends the stream with a `GzipDamage`; a limit with a `MamoriError`.
 */
export async function* gunzipFile(opts: GunzipOptions): AsyncGenerator<Buffer> {
  const raw = createReadStream(opts.path, { highWaterMark: rawChunkBytes });
  try {
    yield* gunzipChunks(raw, opts.path, opts);
  } finally {
    raw.destroy();
  }
}

/** `gunzipFile` over compressed chunks from any source; `name` is the file named in limit errors. */
export async function* gunzipChunks(
  source: AsyncIterable<Buffer>,
  name: string,
  opts: GunzipLimits = {},
): AsyncGenerator<Buffer> {
  const maxBytes = opts.maxBytes ?? defaultMaxDecompressedBytes;
  const maxRatio = opts.maxRatio ?? defaultMaxGzipRatio;
  const rawIt = source[Symbol.asyncIterator]();
  let pending: Buffer = Buffer.alloc(0);
  let eof = false;
  let rawRead = 0;
  // Compressed bytes consumed (file offset of `pending[0]`) and decompressed bytes produced.
  let fileOffset = 0;
  let produced = 0;

  const fill = async (n: number): Promise<boolean> => {
    while (!eof && pending.length < n) {
      const r = await rawIt.next();
      if (r.done) {
        eof = true;
        break;
      }
      rawRead += r.value.length;
      opts.onRawBytes?.(rawRead);
      pending = pending.length > 0 ? Buffer.concat([pending, r.value]) : r.value;
    }
    return pending.length >= n;
  };
  const consume = (n: number) => {
    pending = pending.subarray(n);
    fileOffset += n;
  };
  const damage = (why: string) => new GzipDamage(why, produced);

  try {
    for (let member = 1; ; member++) {
      if (!(await fill(1))) {
        if (member === 1) throw damage('file holds no gzip data');
        return;
      }
      // As gzip and zlib do, bytes after the last member that are not another member are ignored.
      if (member > 1 && (!(await fill(2)) || pending[0] !== 0x1f || pending[1] !== 0x8b)) return;
      const headerLength = await readHeader(fill, () => pending, member);
      if (typeof headerLength === 'string') throw damage(headerLength);
      consume(headerLength);

      const inflate = createInflateRaw({
        chunkSize: opts.chunkSize ?? 256 * 1024,
        finishFlush: constants.Z_SYNC_FLUSH,
      });
      const out: Buffer[] = [];
      let crc = 0;
      let size = 0;
      let limit: MamoriError | null = null;
      const memberStart = fileOffset;
      inflate.on('data', (chunk: Buffer) => {
        if (limit) return;
        crc = crc32(chunk, crc);
        size += chunk.length;
        produced += chunk.length;
        out.push(chunk);
        limit = limitBreach(name, produced, memberStart + inflate.bytesWritten, maxBytes, maxRatio);
        if (limit) inflate.destroy();
      });
      inflate.on('error', () => {});
      // Member data bytes handed to zlib; `pending` starts `fileOffset - memberStart` bytes into the member.
      let fed = 0;
      let ended = false;
      while (!ended) {
        opts.signal?.throwIfAborted();
        const at = fed - (fileOffset - memberStart);
        if (!(await fill(at + 1))) break;
        const piece = pending.subarray(at, at + pieceBytes);
        fed += piece.length;
        let failure: unknown = null;
        try {
          await writePiece(inflate, piece);
        } catch (err) {
          failure = err;
        }
        if (limit) throw limit;
        for (const chunk of out.splice(0)) yield chunk;
        if (failure) throw damage(`gzip member ${member} is corrupt (${messageOf(failure)})`);
        // zlib leaves input unread once the member's deflate data has ended.
        ended = inflate.bytesWritten < fed;
        if (pending.length > 4 * rawChunkBytes) consume(memberStart + inflate.bytesWritten - fileOffset);
      }
      await finish(inflate);
      if (limit) throw limit;
      for (const chunk of out.splice(0)) yield chunk;
      const dataLength = memberStart + inflate.bytesWritten - fileOffset;
      inflate.destroy();
      consume(dataLength);
      if (!(await fill(8))) throw damage(`gzip member ${member} is cut short (no end of data or trailer)`);
      const wantCrc = pending.readUInt32LE(0);
      const wantSize = pending.readUInt32LE(4);
      if (wantCrc !== crc >>> 0 || wantSize !== size % 2 ** 32) {
        throw damage(`gzip member ${member} fails its checksum (CRC or length mismatch)`);
      }
      consume(8);
    }
  } finally {
    await rawIt.return?.();
  }
}

/** True when a gzip file is valid and decompresses to nothing (as logrotate writes an empty log). */
export async function gzipIsEmpty(path: string): Promise<boolean> {
  try {
    for await (const chunk of gunzipFile({ path, maxBytes: 1 })) if (chunk.length > 0) return false;
    return true;
  } catch {
    return false;
  }
}

function limitBreach(
  path: string,
  produced: number,
  compressed: number,
  maxBytes: number,
  maxRatio: number,
): MamoriError | null {
  if (produced > maxBytes) {
    return new MamoriError(
      errorCodes.badInput,
      `${path}: decompresses to more than ${maxBytes} bytes (${formatBytes(maxBytes)}; --max-decompressed-bytes); stopped there, and nothing from this file was stored`,
    );
  }
  if (produced > ratioGraceBytes && produced > maxRatio * Math.max(compressed, 1)) {
    return new MamoriError(
      errorCodes.badInput,
      `${path}: expands more than ${maxRatio}:1 (${formatBytes(produced)} from the first ${formatBytes(compressed)} compressed; --max-gzip-ratio), as a decompression bomb does; stopped there, and nothing from this file was stored`,
    );
  }
  return null;
}

/** Ends the inflater's input and waits until its last output is out (or it failed). */
function finish(inflate: ReturnType<typeof createInflateRaw>): Promise<void> {
  return new Promise<void>((resolve) => {
    if (inflate.destroyed) return resolve();
    inflate.once('error', () => resolve());
    inflate.once('close', () => resolve());
    inflate.end(() => resolve());
  });
}

function writePiece(inflate: ReturnType<typeof createInflateRaw>, piece: Buffer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    const onClose = () => reject(new Error('stopped'));
    inflate.once('error', onError);
    inflate.once('close', onClose);
    inflate.write(piece, (err) => {
      inflate.off('error', onError);
      inflate.off('close', onClose);
      if (err) reject(err);
      else resolve();
    });
  });
}

/** Length of a gzip member header (RFC 1952), or why it is not one. */
async function readHeader(
  fill: (n: number) => Promise<boolean>,
  buf: () => Buffer,
  member: number,
): Promise<number | string> {
  if (!(await fill(10))) return `gzip member ${member} header is cut short`;
  const b = buf();
  if (b[0] !== 0x1f || b[1] !== 0x8b) return `gzip member ${member} does not start with the gzip magic bytes`;
  if (b[2] !== 8) return `gzip member ${member} uses unknown compression method ${b[2]}`;
  const flags = b[3] as number;
  let pos = 10;
  if (flags & 4) {
    if (!(await fill(pos + 2))) return `gzip member ${member} header is cut short`;
    pos += 2 + buf().readUInt16LE(pos);
  }
  for (const flag of [8, 16]) {
    if (!(flags & flag)) continue;
    // A zero-terminated name or comment.
    for (;;) {
      if (!(await fill(pos + 1))) return `gzip member ${member} header is cut short`;
      if (buf()[pos] === 0) break;
      pos += 1;
      if (pos > maxHeaderField) return `gzip member ${member} header is over ${maxHeaderField} bytes`;
    }
    pos += 1;
  }
  if (flags & 2) pos += 2;
  if (!(await fill(pos))) return `gzip member ${member} header is cut short`;
  return pos;
}
