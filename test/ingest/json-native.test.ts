import { expect, it } from 'vitest';
import { telemetryTableNames } from '../../src/store/schema/tables.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import { openTempStore, type TempStore } from './ingest-helpers.js';

// Zeek JSON goes through DuckDB's JSON reader when the whole file fits its columns, and through the
// JavaScript engine otherwise. Both must store the same values.
const sets = [
  'zeek/rita-json-all-fields',
  'zeek/slips/test9-mixed-zeek-dir',
  'zeek/stratosphere/002-zeek-scenario-port-scanning',
];

async function fingerprint(t: TempStore): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of telemetryTableNames) {
    const [r] = await t.store.query(
      `SELECT count(*)::INTEGER AS n,
              sum(hash(COLUMNS(* EXCLUDE (batch_id, extra, source_file))))::VARCHAR AS h,
              sum(hash(list_sort(json_keys(extra))))::VARCHAR AS k
       FROM "${table}"`,
    );
    out[table] = r;
  }
  return out;
}

describeWithSharedData('Zeek JSON through the native reader', ['zeek/rita-misc'], () => {
  it('stores the same rows and values as the JavaScript engine', async () => {
    const paths = sets.map(sharedData);
    const js = await openTempStore('json-js', 'js');
    const native = await openTempStore('json-native', 'auto');
    try {
      const a = await js.ingest(paths);
      const b = await native.ingest(paths);
      expect(a.rejects).toBe(0);
      expect(b.rejects).toBe(0);
      expect(new Set(b.outcomes.map((o) => o.engine))).toEqual(new Set(['native']));
      expect(await fingerprint(native)).toEqual(await fingerprint(js));
    } finally {
      await js.close();
      await native.close();
    }
  });

  it('falls back to line-by-line reading, with rejects, when a record does not fit', async () => {
    const t = await openTempStore('json-fallback', 'auto');
    try {
      // Line 3 of conn_json.log has port 93145 and line 4 is cut off: the file takes the JS engine.
      const s = await t.ingest([sharedData('zeek/rita-misc/truncated/conn_json.log')]);
      expect(s.outcomes[0]?.engine).toBe('js');
      expect(s.rejects).toBe(2);
    } finally {
      await t.close();
    }
  });
});
