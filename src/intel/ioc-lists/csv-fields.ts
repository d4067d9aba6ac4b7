/** A record split into fields, or `open` when a quoted field runs on to the next line. */
export interface CsvSplit {
  readonly fields: string[];
  readonly open: boolean;
}

/**
 * Splits one CSV record (RFC 4180): quoted fields may hold the delimiter, doubled quotes and line
 * breaks; text after a closing quote is kept as written, as spreadsheet exports sometimes have it.
 */
export function splitCsv(record: string, delimiter = ','): CsvSplit {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < record.length) {
    const c = record[i]!;
    if (quoted) {
      if (c === '"') {
        if (record[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else field += c;
    i++;
  }
  fields.push(field);
  return { fields: fields.map((f) => f.trim()), open: quoted };
}

/** The delimiter a header line uses: comma unless it has none and a semicolon, tab or pipe instead. */
export function delimiterOf(header: string): string {
  if (header.includes(',')) return ',';
  for (const d of ['\t', ';', '|']) if (header.includes(d)) return d;
  return ',';
}
