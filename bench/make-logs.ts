import { createWriteStream, existsSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The real conn rows the benchmark scales up: RITA's three days of hourly logs. */
export function realConnRows(sharedData: string): { header: string[]; rows: string[] } {
  const root = join(sharedData, 'zeek/rita-missing-host-beacon');
  if (!existsSync(root)) throw new Error(`benchmarks need ${root} (set MAMORI_SHARED_DATA)`);
  const rows: string[] = [];
  let header: string[] = [];
  for (const day of readdirSync(root).sort()) {
    for (const f of readdirSync(join(root, day)).sort()) {
      if (!f.startsWith('conn.')) continue;
      const lines = gunzipSync(readFileSync(join(root, day, f)))
        .toString('utf8')
        .split('\n');
      header = lines.filter((l) => l.startsWith('#') && !l.startsWith('#close'));
      for (const l of lines) if (l !== '' && !l.startsWith('#')) rows.push(l);
    }
  }
  return { header, rows };
}

/**
 * Writes `count` conn rows: the real rows repeated, each copy shifted by three days and moved to
 * another /16 for its originators, so the data keeps its shape without being one copy.
 */
export async function writeScaledConn(
  path: string,
  count: number,
  sharedData: string,
  format: 'tsv' | 'json',
): Promise<void> {
  const { header, rows } = realConnRows(sharedData);
  const fields = (header.find((h) => h.startsWith('#fields')) ?? '').split('\t').slice(1);
  const types = (header.find((h) => h.startsWith('#types')) ?? '').split('\t').slice(1);
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  if (format === 'tsv') await write(`${header.join('\n')}\n`);
  const tsIdx = fields.indexOf('ts');
  const origIdx = fields.indexOf('id.orig_h');
  let n = 0;
  let copy = 0;
  let buf: string[] = [];
  while (n < count) {
    for (const r of rows) {
      if (n >= count) break;
      const f = r.split('\t');
      f[tsIdx] = (Number(f[tsIdx]) + copy * 259200).toFixed(6);
      const o = (f[origIdx] as string).split('.');
      if (o.length === 4)
        f[origIdx] = `${(Number(o[0]) + copy) % 224 || 1}.${(Number(o[1]) + copy * 7) % 256}.${o[2]}.${o[3]}`;
      if (format === 'tsv') buf.push(f.join('\t'));
      else {
        const rec: Record<string, unknown> = {};
        fields.forEach((name, i) => {
          const v = f[i] as string;
          if (v === '-') return;
          const t = types[i] ?? 'string';
          // As Zeek's JSON writer does: containers become arrays, numbers numbers, bools booleans.
          if (t.startsWith('set[') || t.startsWith('vector[')) {
            rec[name] = v === '(empty)' ? [] : v.split(',');
            return;
          }
          rec[name] = ['time', 'interval', 'double'].includes(t)
            ? Number(v)
            : ['count', 'port', 'int'].includes(t)
              ? Number(v)
              : t === 'bool'
                ? v === 'T'
                : v;
        });
        buf.push(JSON.stringify(rec));
      }
      n++;
      if (buf.length >= 10000) {
        await write(`${buf.join('\n')}\n`);
        buf = [];
      }
    }
    copy++;
  }
  if (buf.length) await write(`${buf.join('\n')}\n`);
  if (format === 'tsv') await write('#close\t2024-04-22-00-00-00\n');
  await new Promise<void>((r) => out.end(() => r()));
  // Finished logs, as a sensor leaves them: not written to in the last minute.
  const anHourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(path, anHourAgo, anHourAgo);
}
