/**
 * Why a file's first bytes cannot be read as lines, or null: lines ended by a carriage return alone
 * (classic Mac OS) hold no newline at all. Zeek and Suricata never write them, and DuckDB's readers
 * would not split them either, so such a file is refused with a way to convert it, not read as one line.
 */
export function lineEndProblem(head: Buffer, wholeFile: boolean): string | null {
  const cr = head.indexOf(13);
  // A CRLF line longer than the head ends it with `\r`: that is not a lone carriage return.
  if (cr < 0 || cr === head.length - 1 || head.indexOf(10) >= 0) return null;
  // A head cut short may be one long first record that holds a carriage return (JSON allows it as
  // whitespace); only many of them, as a file of short CR-ended lines has, mark classic line ends.
  if (!wholeFile && countOf(head, 13) < manyCarriageReturns) return null;
  return "lines end with a carriage return alone (classic Mac line ends), which mamori does not read; convert them first, e.g. tr '\\r' '\\n' < in > out";
}

const manyCarriageReturns = 100;

function countOf(buf: Buffer, byte: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i >= 0; i = buf.indexOf(byte, i + 1)) n += 1;
  return n;
}
