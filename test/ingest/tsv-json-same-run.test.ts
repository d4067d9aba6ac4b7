import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import { openTempStore, type TempStore } from './ingest-helpers.js';

// zed-wrccdc2018 ships the same Zeek 6.2 run twice: as TSV (zeek-default/) and as JSON
// (zeek-json/, json-streaming-logs). Ingested into separate stores, both must hold the same rows,
// value for value. Before exact TSV decoding, 143,427 values differed: 106 strings with a
// backslash (certificate subjects and issuers), 39,677 DNS RTTs (JSON has the full double, TSV six
// decimals) and the `extra` of every row (TSV kept unset fields as null and numbers as text).
const logs = ['dns', 'ssl', 'x509', 'notice'] as const;
const bookkeeping = new Set(['source_file', 'batch_id', 'sensor', 'engine']);

/**
 * `_write_ts` is the json-streaming-logs package's own field (when the line was written), not part
 * of the Zeek record, so the TSV of the same run cannot have it.
 */
function withoutWriteTs(extra: unknown): unknown {
  if (typeof extra !== 'string') return extra;
  const obj = JSON.parse(extra) as Record<string, unknown>;
  delete obj['_write_ts'];
  return Object.keys(obj).length === 0 ? null : JSON.stringify(obj);
}

/** Every row of a table as canonical text, bookkeeping columns left out, sorted. */
async function dump(s: TempStore, table: string): Promise<{ cols: string[]; rows: string[] }> {
  const cols = (
    await s.store.query(
      'SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position',
      [table],
    )
  )
    .map((r) => String(r['column_name']))
    .filter((c) => !bookkeeping.has(c));
  const rows = await s.store.query(
    `SELECT ${cols.map((c) => `"${c}"::VARCHAR AS "${c}"`).join(', ')} FROM "${table}"`,
  );
  const text = (r: Record<string, unknown>) =>
    JSON.stringify(cols.map((c) => (c === 'extra' ? withoutWriteTs(r[c]) : r[c]) ?? null));
  return { cols, rows: rows.map(text).sort() };
}

describeWithSharedData('zed-wrccdc2018: TSV and JSON of the same Zeek run', ['zeek/zed-wrccdc2018'], () => {
  const stores = {} as Record<'tsv' | 'json', TempStore>;
  beforeAll(async () => {
    stores.tsv = await openTempStore('same-run-tsv');
    stores.json = await openTempStore('same-run-json');
    await stores.tsv.ingest(logs.map((l) => sharedData(`zeek/zed-wrccdc2018/zeek-default/${l}.log.gz`)));
    await stores.json.ingest(logs.map((l) => sharedData(`zeek/zed-wrccdc2018/zeek-json/${l}.json.gz`)));
  }, 240_000);
  afterAll(async () => {
    await stores.tsv?.close();
    await stores.json?.close();
  });

  it.each(logs)(
    '%s holds the same rows from either format',
    async (table) => {
      const tsv = await dump(stores.tsv, table);
      const json = await dump(stores.json, table);
      expect(tsv.rows.length).toBeGreaterThan(0);
      expect(tsv.rows.length).toBe(json.rows.length);
      const differing: Record<string, number> = {};
      const examples: string[] = [];
      tsv.rows.forEach((row, i) => {
        if (row === json.rows[i]) return;
        const [a, b] = [JSON.parse(row) as unknown[], JSON.parse(json.rows[i] as string) as unknown[]];
        a.forEach((v, k) => {
          if (v === b[k]) return;
          const col = tsv.cols[k] as string;
          differing[col] = (differing[col] ?? 0) + 1;
          if (examples.length < 3) examples.push(`${col}: ${JSON.stringify(v)} vs ${JSON.stringify(b[k])}`);
        });
      });
      expect({ differing, examples }).toEqual({ differing: {}, examples: [] });
    },
    120_000,
  );
});
