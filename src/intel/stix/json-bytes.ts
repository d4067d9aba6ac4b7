/** Byte-level helpers for scanning JSON that arrives in chunks. */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Finds where a JSON string ends, across chunk boundaries. It jumps with indexOf rather than
 * walking byte by byte, since most of a STIX file is string content.
 */
export class StringSkipper {
  private escape = false;
  /** First backslash at or after the last search in this chunk; -2 when there is none. */
  private nextBackslash = -1;

  /** Forgets positions cached for the previous chunk. */
  newChunk(): void {
    this.nextBackslash = -1;
  }

  /** Index of the closing quote at or after `start` (inside a string), or -1 if the string goes on. */
  skip(buf: Buffer, start: number): number {
    const n = buf.length;
    let i = start;
    if (this.escape) {
      this.escape = false;
      i++;
    }
    let q = -1;
    while (i < n) {
      if (q < i) {
        const found = buf.indexOf(QUOTE, i);
        q = found < 0 ? n : found;
      }
      if (this.nextBackslash !== -2 && this.nextBackslash < i) {
        const found = buf.indexOf(BACKSLASH, i);
        this.nextBackslash = found < 0 ? -2 : found;
      }
      const bs = this.nextBackslash;
      if (bs >= 0 && bs < q) {
        // The escaped byte may be the first of the next chunk.
        if (bs + 1 >= n) {
          this.escape = true;
          return -1;
        }
        i = bs + 2;
        continue;
      }
      return q === n ? -1 : q;
    }
    return -1;
  }
}

/** Collects a byte range that may span chunks, keeping slices rather than copying until asked. */
export class ByteRange {
  /** Bytes seen so far, including any beyond `limit` that were not kept. */
  size = 0;
  private parts: Buffer[] = [];
  private from = -1;

  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}

  /** Starts (or resumes) collecting at index `i` of the current chunk. */
  begin(i: number): void {
    this.from = i;
  }

  /** Drops everything collected. */
  clear(): void {
    this.parts = [];
    this.size = 0;
    this.from = -1;
  }

  /** Adds the current chunk up to `end` (exclusive) and stops collecting. */
  pause(buf: Buffer, end: number): void {
    this.add(buf.subarray(this.from, end));
    this.from = -1;
  }

  /** At the end of a chunk: keeps its rest and goes on at the start of the next one. */
  carry(buf: Buffer): void {
    if (this.from < 0) return;
    this.add(buf.subarray(this.from));
    this.from = 0;
  }

  /** Whether more than `limit` bytes came, so the kept bytes are incomplete. */
  get overflowed(): boolean {
    return this.size > this.limit;
  }

  /** The collected bytes as one buffer. */
  bytes(): Buffer {
    return this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
  }

  private add(part: Buffer): void {
    this.size += part.length;
    if (this.size <= this.limit) this.parts.push(part);
  }
}
