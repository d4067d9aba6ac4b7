/** The input formats mamori reads, and what each looks like. */
export const inputFormats = {
  'zeek-tsv': 'Zeek TSV log (#separator / #fields header)',
  'zeek-json': 'Zeek JSON log (one object per line with ts, _path, @stream or uid)',
  eve: 'Suricata EVE JSON (one object per line with event_type)',
  'eve-array': 'JSON array of Suricata EVE events',
} as const;

export type InputFormat = keyof typeof inputFormats;

/** The sentence naming the formats mamori expects, for "not telemetry" errors. */
export const expectedFormats = Object.values(inputFormats).join('; ');

/** Format of a file from its first decompressed bytes (its whole first line), or null when it is none of ours. */
export function sniffFormat(head: Buffer): InputFormat | null {
  let i = 0;
  // A UTF-8 byte-order mark and leading blank space are tolerated.
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09))
    i++;
  let text = head.subarray(i, i + 4096).toString('utf8');
  // Zeek's own test baselines start with a `###` banner line.
  while (text.startsWith('###')) text = text.slice(text.indexOf('\n') + 1 || text.length);
  if (text.startsWith('#separator') || text.startsWith('#fields')) return 'zeek-tsv';
  if (text.startsWith('['))
    return /"event_type"\s*:/.test(text) || /^\[\s*\]?\s*$/.test(text) ? 'eve-array' : null;
  if (text.startsWith('{')) {
    // The whole first line, however long: a record's keys can follow a large value.
    const nl = head.indexOf(10, i);
    const firstLine = head.subarray(i, nl < 0 ? head.length : nl).toString('utf8');
    if (/"event_type"\s*:/.test(firstLine)) return 'eve';
    // Pipelines add or rename fields (`@stream`, ECS's `log.id.uid`) but keep one of these.
    if (/"(ts|_path|@stream|uid)"\s*:/.test(firstLine)) return 'zeek-json';
    return null;
  }
  return null;
}
