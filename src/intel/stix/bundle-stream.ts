import { errorCodes, MamoriError } from '../../errors.js';
import { readChunks } from '../read-text.js';
import { BundleScanner, type ElementBytes, ScanError } from './bundle-scanner.js';

/** A STIX object as parsed: only `type` and `id` are known to be there. */
export type StixObject = Readonly<Record<string, unknown>> & { readonly type: string; readonly id: string };

/** One element of a bundle's `objects` (or of a top-level array, or the single top-level object). */
export interface StixEntry {
  readonly index: number;
  /** Byte offset of the element in the decompressed file. */
  readonly offset: number;
  readonly line: number;
  /** The element when it is a usable STIX object; otherwise `problem` says why not. */
  readonly object?: StixObject;
  readonly problem?: string;
  /** The element's `id` when it has a string one, for naming it in problems. */
  readonly id?: string;
}

export interface BundleStreamOptions {
  readonly signal?: AbortSignal;
  /** Elements whose raw bytes fail this test are skipped unparsed (a quick pre-scan for one type). */
  readonly only?: (bytes: Buffer) => boolean;
}

const specVersions = new Set(['2.0', '2.1']);

/** Streams the STIX objects of a plain or gzip bundle file with memory bounded by its largest object. */
export function readStixBundle(path: string, options: BundleStreamOptions = {}): AsyncGenerator<StixEntry> {
  return streamStixObjects(readChunks(path), path, options);
}

/** `readStixBundle` over any byte stream; `label` names the input in errors. */
export async function* streamStixObjects(
  chunks: AsyncIterable<Uint8Array>,
  label: string,
  options: BundleStreamOptions = {},
): AsyncGenerator<StixEntry> {
  const scanner = new BundleScanner();
  const fail = (message: string, offset: number, line: number): never => {
    throw new MamoriError(errorCodes.badInput, `${label}: byte ${offset} (line ${line}): ${message}`);
  };
  const scan = <T>(step: () => T): T => {
    try {
      return step();
    } catch (err) {
      if (err instanceof ScanError) return fail(err.message, err.offset, err.line);
      throw err;
    }
  };
  for await (const chunk of chunks) {
    options.signal?.throwIfAborted();
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const elements = scan(() => scanner.push(buf));
    checkBundleVersion(scanner.topStrings, label);
    for (const el of elements) {
      if (options.only && !options.only(el.bytes)) continue;
      yield entryOf(parseElement(el, fail), el);
    }
  }
  const rest = scan(() => scanner.finish());
  if (!rest) return;
  const top = parseElement(
    { bytes: rest.text, index: 0, offset: rest.offset, line: rest.line },
    fail,
    rest.mapOffset,
  );
  const type = isPlainObject(top) ? top['type'] : undefined;
  if (scanner.streamedList || type === 'bundle') {
    if (type !== undefined && type !== 'bundle')
      fail(
        `a top-level "${String(type)}" object with an "objects" list is not a bundle`,
        rest.offset,
        rest.line,
      );
    checkBundleVersion(scanner.topStrings, label);
    if (isPlainObject(top) && Object.hasOwn(top, 'objects') && !Array.isArray(top['objects']))
      fail('the bundle\'s "objects" is not a list', rest.offset, rest.line);
    return;
  }
  const el: ElementBytes = { bytes: rest.text, index: 0, offset: rest.offset, line: rest.line };
  if (!options.only || options.only(rest.text)) yield entryOf(top, el);
}

/** `object 12 (indicator--…) at byte 3456, line 78`: how problems name an entry. */
export function entryLocation(entry: Pick<StixEntry, 'index' | 'offset' | 'line' | 'id'>): string {
  const id = entry.id ? ` (${entry.id})` : '';
  return `object ${entry.index}${id} at byte ${entry.offset}, line ${entry.line}`;
}

/** Whether a parsed JSON value is an object (not null, not an array). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkBundleVersion(top: ReadonlyMap<string, string>, label: string): void {
  const version = top.get('spec_version');
  if (top.get('type') !== 'bundle' || version === undefined || specVersions.has(version)) return;
  throw new MamoriError(
    errorCodes.badInput,
    `${label}: bundle spec_version "${version}" is not supported (only STIX 2.0 and 2.1 are read)`,
  );
}

function parseElement(
  el: ElementBytes,
  fail: (message: string, offset: number, line: number) => never,
  mapOffset: (pos: number) => number = (pos) => el.offset + pos,
): unknown {
  const text = el.bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    if (!Number.isFinite(pos))
      return fail(`invalid JSON in object ${el.index}: ${message}`, el.offset, el.line);
    const before = text.slice(0, pos);
    const offset = mapOffset(Buffer.byteLength(before));
    const line = el.line + (before.match(/\n/g)?.length ?? 0);
    return fail(`invalid JSON: ${message.replace(/ in JSON at position \d+.*$/s, '')}`, offset, line);
  }
}

function entryOf(value: unknown, el: ElementBytes): StixEntry {
  const at = { index: el.index, offset: el.offset, line: el.line };
  if (!isPlainObject(value)) return { ...at, problem: `not a JSON object but ${describe(value)}` };
  const id = Object.hasOwn(value, 'id') && typeof value['id'] === 'string' ? value['id'] : undefined;
  const type = Object.hasOwn(value, 'type') ? value['type'] : undefined;
  const withId = id ? { ...at, id } : at;
  if (typeof type !== 'string' || type === '') return { ...withId, problem: 'has no "type"' };
  if (!id) return { ...withId, problem: `${type} has no "id"` };
  const version = Object.hasOwn(value, 'spec_version') ? value['spec_version'] : undefined;
  if (version !== undefined && !specVersions.has(String(version)))
    return { ...withId, problem: `spec_version ${JSON.stringify(version)} is not supported (2.0 or 2.1)` };
  return { ...withId, object: value as StixObject };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return `a ${typeof v}`;
}
