import { ByteRange, StringSkipper } from './json-bytes.js';

/**
 * Finds the byte range of each element of a STIX object list without parsing the whole document:
 * it follows strings, escapes and bracket depth only, so memory stays bounded by the largest
 * element. The elements themselves are left to JSON.parse, which reports any error inside them.
 */

/** The raw bytes of one list element and where it starts. */
export interface ElementBytes {
  readonly bytes: Buffer;
  readonly index: number;
  /** Byte offset of the element's first byte in the (decompressed) file. */
  readonly offset: number;
  /** 1-based line of that byte. */
  readonly line: number;
}

/** Thrown for a structural error outside the elements; the caller adds the file name. */
export class ScanError extends Error {
  readonly offset: number;
  readonly line: number;

  constructor(message: string, offset: number, line: number) {
    super(message);
    this.name = 'ScanError';
    this.offset = offset;
    this.line = line;
  }
}

/** The top-level object minus its streamed list, and how to map its positions back to the file. */
export interface KeptText {
  readonly text: Buffer;
  readonly offset: number;
  readonly line: number;
  readonly mapOffset: (pos: number) => number;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const isOpen = (b: number): boolean => b === 0x7b || b === 0x5b;
const isClose = (b: number): boolean => b === 0x7d || b === 0x5d;
/** Top-level string members worth knowing before the objects arrive. */
const watchedKeys = new Set(['type', 'id', 'spec_version']);

/** Byte-level scanner; feed it chunks with `push`, then call `finish` at the end of the input. */
export class BundleScanner {
  /** `type`, `id` and `spec_version` of the top-level object, as soon as they have been read. */
  readonly topStrings = new Map<string, string>();
  form: 'unknown' | 'object' | 'array' = 'unknown';
  /** Whether an `objects` list was streamed out of the top-level object. */
  streamedList = false;

  private mode: 'start' | 'object' | 'array' | 'done' = 'start';
  private base = 0;
  private line = 1;
  private depth = 0;
  private inString = false;
  private readonly strings = new StringSkipper();
  // The list being streamed: its depth, and what may come next in it.
  private listDepth = 0;
  private listState: 'open' | 'comma' | 'after' = 'open';
  private count = 0;
  // The element being collected.
  private elem: 'none' | 'container' | 'string' | 'scalar' = 'none';
  private readonly elemBytes = new ByteRange();
  private elemOffset = 0;
  private elemLine = 0;
  // The top-level object outside the streamed list, kept for JSON.parse at the end.
  private readonly kept = new ByteRange();
  private keptOffset = 0;
  private keptLine = 1;
  /** Where the list was cut out of the kept text, the list's first byte, and its length. */
  private cutAt = -1;
  private cutFrom = 0;
  private cutBytes = 0;
  // A string directly inside the top-level object: a key, or a value worth watching.
  private readonly key = new ByteRange(1024);
  private inKey = false;
  private lastKey: string | null = null;
  private currentKey: string | null = null;

  /** Scans one chunk and returns the elements completed in it. */
  push(buf: Buffer): ElementBytes[] {
    const out: ElementBytes[] = [];
    const n = buf.length;
    this.strings.newChunk();
    // A UTF-8 byte order mark before the document; offsets still count its bytes.
    const bom = this.base === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    for (let i = bom ? 3 : 0; i < n; i++) {
      if (this.inString) {
        const end = this.strings.skip(buf, i);
        if (end < 0) break;
        this.inString = false;
        i = end;
        this.closeString(buf, i, out);
        continue;
      }
      const b = buf[i] as number;
      if (b === NEWLINE) this.line++;
      if (this.mode === 'start') this.atStart(i, b);
      else if (this.mode === 'done') {
        if (!isSpace(b)) this.fail('unexpected data after the end of the JSON document', i);
      } else if (this.listDepth > 0 && this.depth === this.listDepth && this.elem !== 'container') {
        i = this.inList(buf, i, b, out);
      } else if (this.elem === 'container') {
        this.inElement(buf, i, b, out);
      } else {
        this.inTopObject(buf, i, b);
      }
    }
    this.elemBytes.carry(buf);
    this.kept.carry(buf);
    this.key.carry(buf);
    this.base += n;
    return out;
  }

  /**
   * Ends the input. Returns the kept text of the top-level object (the whole object when it is a
   * single STIX object, the bundle's other members otherwise), or null for a top-level array.
   */
  finish(): KeptText | null {
    if (this.mode === 'start') throw new ScanError('the file holds no JSON value', this.base, this.line);
    if (this.mode !== 'done') {
      const where = this.inString ? 'inside a string' : `with ${this.depth} bracket(s) still open`;
      throw new ScanError(`unexpected end of file ${where} (truncated?)`, this.base, this.line);
    }
    if (this.form === 'array') return null;
    const { cutAt, cutBytes, keptOffset: offset } = this;
    return {
      text: this.kept.bytes(),
      offset,
      line: this.keptLine,
      mapOffset: (pos) => offset + pos + (cutAt >= 0 && pos >= cutAt ? cutBytes : 0),
    };
  }

  private fail(message: string, i: number): never {
    throw new ScanError(message, this.base + i, this.line);
  }

  private atStart(i: number, b: number): void {
    if (isSpace(b)) return;
    this.depth = 1;
    if (b === 0x7b) {
      this.mode = 'object';
      this.form = 'object';
      this.kept.begin(i);
      this.keptOffset = this.base + i;
      this.keptLine = this.line;
    } else if (b === 0x5b) {
      this.mode = 'array';
      this.form = 'array';
      this.listDepth = 1;
      this.listState = 'open';
    } else {
      this.fail('expected a JSON object or array', i);
    }
  }

  /** Between elements of the streamed list, or inside a scalar element of it. */
  private inList(buf: Buffer, i: number, b: number, out: ElementBytes[]): number {
    if (this.elem === 'scalar') {
      if (!isSpace(b) && b !== 0x2c && b !== 0x5d) return i;
      // The scalar ended just before this byte, which is then read again as list punctuation.
      if (b === NEWLINE) this.line--;
      this.endElement(buf, i, out);
      return i - 1;
    }
    if (isSpace(b)) return i;
    if (b === 0x2c) {
      if (this.listState !== 'after') this.fail('unexpected "," in the object list', i);
      this.listState = 'comma';
    } else if (b === 0x5d) {
      if (this.listState === 'comma') this.fail('trailing "," before "]" in the object list', i);
      this.depth--;
      this.listDepth = 0;
      if (this.mode === 'array') this.mode = 'done';
      else {
        this.kept.begin(i);
        this.cutBytes = this.base + i - this.cutFrom;
      }
    } else {
      if (this.listState === 'after') this.fail('expected "," or "]" between objects', i);
      this.elemBytes.clear();
      this.elemBytes.begin(i);
      this.elemOffset = this.base + i;
      this.elemLine = this.line;
      if (isOpen(b)) {
        this.elem = 'container';
        this.depth++;
      } else if (b === QUOTE) {
        this.elem = 'string';
        this.inString = true;
      } else {
        this.elem = 'scalar';
      }
    }
    return i;
  }

  private inElement(buf: Buffer, i: number, b: number, out: ElementBytes[]): void {
    if (b === QUOTE) this.inString = true;
    else if (isOpen(b)) this.depth++;
    else if (isClose(b) && --this.depth === this.listDepth) this.endElement(buf, i + 1, out);
  }

  private endElement(buf: Buffer, end: number, out: ElementBytes[]): void {
    this.elemBytes.pause(buf, end);
    out.push({
      bytes: this.elemBytes.bytes(),
      index: this.count++,
      offset: this.elemOffset,
      line: this.elemLine,
    });
    this.elemBytes.clear();
    this.elem = 'none';
    this.listState = 'after';
  }

  private inTopObject(buf: Buffer, i: number, b: number): void {
    const top = this.depth === 1;
    if (b === QUOTE) {
      this.inString = true;
      if (top) {
        this.inKey = true;
        this.key.clear();
        this.key.begin(i);
      }
    } else if (top && b === 0x3a) {
      this.currentKey = this.lastKey;
    } else if (top && b === 0x2c) {
      this.currentKey = null;
      this.lastKey = null;
    } else if (top && b === 0x5b && this.currentKey === 'objects' && this.mayStream()) {
      this.streamedList = true;
      this.kept.pause(buf, i + 1);
      this.cutAt = this.kept.size;
      this.cutFrom = this.base + i + 1;
      this.depth = 2;
      this.listDepth = 2;
      this.listState = 'open';
    } else if (isOpen(b)) {
      this.depth++;
    } else if (isClose(b) && --this.depth === 0) {
      this.mode = 'done';
      this.kept.pause(buf, i + 1);
    }
  }

  /** Streams the first `objects` list unless the object already said it is not a bundle. */
  private mayStream(): boolean {
    const type = this.topStrings.get('type');
    return !this.streamedList && (type === undefined || type === 'bundle');
  }

  /** A string just closed at `i`: it may end an element, or be a top-level key or value. */
  private closeString(buf: Buffer, i: number, out: ElementBytes[]): void {
    if (this.elem === 'string' && this.depth === this.listDepth) {
      this.endElement(buf, i + 1, out);
      return;
    }
    if (!this.inKey) return;
    this.inKey = false;
    this.key.pause(buf, i + 1);
    const text = this.key.overflowed ? null : decodeJsonString(this.key.bytes());
    if (this.currentKey === null) this.lastKey = text;
    else if (watchedKeys.has(this.currentKey) && text !== null && !this.topStrings.has(this.currentKey))
      this.topStrings.set(this.currentKey, text);
  }
}

function decodeJsonString(bytes: Buffer): string | null {
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}
