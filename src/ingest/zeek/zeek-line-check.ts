import { isUtf8 } from 'node:buffer';

/** A line without the `\r` of a CRLF line ending (logs copied through Windows). */
export function trimCr(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === 13 ? line.subarray(0, line.length - 1) : line;
}

/**
 * Why a Zeek TSV line cannot be a record, or null. Zeek escapes non-printable bytes as `\xHH`, so
 * raw control bytes such as `\r` and invalid UTF-8 only appear in damaged files.
 */
export function badLineReason(line: Buffer): string | null {
  if (!isUtf8(line)) return 'line holds bytes that are not UTF-8';
  if (line.indexOf(13) >= 0) return 'line holds a raw carriage return (Zeek writes it as \\x0d)';
  return null;
}

/** True when a block of lines needs no per-line checks: valid UTF-8, no `\r`, no `#` or blank lines. */
export function isCleanBlock(buf: Buffer): boolean {
  return (
    buf[0] !== 0x23 &&
    buf[0] !== 0x0a &&
    buf.indexOf('\n#') < 0 &&
    buf.indexOf('\n\n') < 0 &&
    buf.indexOf(13) < 0 &&
    isUtf8(buf)
  );
}
