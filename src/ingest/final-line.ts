import { open } from 'node:fs/promises';
import type { InputFormat } from './formats.js';
import { applyHeaderLine, finishHeader, newHeaderDraft } from './zeek/zeek-header.js';

/** Longest unterminated last line we inspect; a longer one is treated as still being written. */
const tailBytes = 64 * 1024;

/**
 * Whether the bytes after a plain file's last newline already form a whole record. Zeek always
 * ends its lines, so an unterminated tail usually means a write in progress; but exporters and
 * copies (the Slips test logs, a fresh `git checkout`) often drop the final newline, and their
 * mtime is recent too. A tail that parses as a full JSON object, or has every TSV column, is
 * a record; anything else is left for the next run.
 */
export async function finalLineIsComplete(
  path: string,
  size: number,
  format: InputFormat,
  head: Buffer,
): Promise<boolean> {
  const tail = await readTail(path, size);
  if (tail === null) return true;
  if (tail === '') return false;
  if (format === 'eve-array') return true;
  if (format === 'zeek-tsv') return tsvLineComplete(tail, head);
  try {
    const value: unknown = JSON.parse(tail);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

/** The text after the last newline: null when the file ends with one, '' when too long to judge. */
async function readTail(path: string, size: number): Promise<string | null> {
  const fh = await open(path, 'r');
  try {
    const length = Math.min(size, tailBytes);
    const buf = Buffer.alloc(length);
    await fh.read(buf, 0, length, size - length);
    if (buf[length - 1] === 0x0a) return null;
    const nl = buf.lastIndexOf(0x0a);
    if (nl < 0 && length < size) return '';
    return buf.subarray(nl + 1).toString('utf8');
  } finally {
    await fh.close();
  }
}

function tsvLineComplete(line: string, head: Buffer): boolean {
  if (line.startsWith('#close')) return true;
  if (line.startsWith('#')) return false;
  const draft = newHeaderDraft();
  for (const headerLine of head.toString('utf8').split('\n')) {
    if (!headerLine.startsWith('#')) break;
    applyHeaderLine(draft, headerLine.replace(/\r$/, ''));
  }
  const header = finishHeader(draft);
  if (typeof header === 'string') return false;
  return line.replace(/\r$/, '').split(header.separator).length === header.fields.length;
}
