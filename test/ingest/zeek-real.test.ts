import { afterAll, describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../src/ingest/ingest-paths.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import {
  countDataLines,
  countTarget,
  dataLines,
  type Engine,
  engines,
  expectedZeekCounts,
  listFiles,
  openTempStore,
  rejectsOf,
  type TempStore,
  tsvFields,
} from './ingest-helpers.js';

const datasets = {
  beacon: 'zeek/rita-missing-host-beacon',
  trickbot: 'zeek/mta-trickbot-2018-11-09-week',
  jsonAllFields: 'zeek/rita-json-all-fields',
  labeled: 'zeek/stratosphere/008-zeek-mixed',
  slipsJson: 'zeek/slips/test9-mixed-zeek-dir',
} as const;
type Dataset = keyof typeof datasets;

// One store per engine and data set, ingested once and shared by the per-engine and parity tests.
const loaded = new Map<string, Promise<{ t: TempStore; summary: IngestSummary }>>();
function load(engine: Engine, set: Dataset) {
  const key = `${engine}:${set}`;
  let p = loaded.get(key);
  if (!p) {
    p = (async () => {
      const t = await openTempStore(`zeek-${set}-${engine}`, engine);
      return { t, summary: await t.ingest([sharedData(datasets[set])]) };
    })();
    loaded.set(key, p);
  }
  return p;
}
// Sequential on purpose: concurrent native ingests in one process hit the fd double close (see bad-input).
const both = async (set: Dataset) => [await load('native', set), await load('js', set)] as const;
afterAll(async () => {
  for (const p of loaded.values()) await (await p).t.close();
});

/** Every target (table, is_open, log_type) holds exactly the data lines of its files. */
async function expectCountsMatchFiles(engine: Engine, set: Dataset) {
  const { t } = await load(engine, set);
  const expected = expectedZeekCounts(sharedData(datasets[set]));
  const actual: Record<string, number> = {};
  for (const key of Object.keys(expected)) actual[key] = await countTarget(t.store, key);
  expect(actual).toEqual(expected);
}

describeWithSharedData('Zeek logs from the shared data set', () => {
  describe.each(engines)('engine %s', (engine) => {
    it('rita-missing-host-beacon: every rotated log lands in its table, no rejects', async () => {
      const dir = sharedData(datasets.beacon);
      const { summary } = await load(engine, 'beacon');
      expect(summary.byStatus.failed).toBe(0);
      expect(summary.byStatus.ingested).toBe(listFiles(dir).length);
      expect(summary.rejects).toBe(0);
      const connFiles = listFiles(dir).filter((f) => /\/conn\.[^/]*\.log\.gz$/.test(f));
      expect(connFiles).toHaveLength(72);
      // SOURCES.md: 105,918 conn rows in 72 files.
      expect(connFiles.reduce((n, f) => n + countDataLines(f), 0)).toBe(105_918);
      const expected = expectedZeekCounts(dir);
      expect(expected['conn:closed']).toBe(105_918);
      expect(expected['conn:open']).toBeGreaterThan(0);
      for (const k of ['dns', 'http:closed', 'files', 'ssl:closed', 'notice', 'weird']) {
        expect(expected[k], k).toBeGreaterThan(0);
      }
      await expectCountsMatchFiles(engine, 'beacon');
      const { t } = await load(engine, 'beacon');
      // `_node_name` (in conn files, not in open_conn ones) is not a column: it is kept in `extra`.
      const nodeRows = listFiles(dir)
        .filter((f) => tsvFields(f).includes('_node_name'))
        .reduce((n, f) => n + countDataLines(f), 0);
      expect(nodeRows).toBeGreaterThanOrEqual(105_918);
      const withNode = await t.store.query(
        `SELECT count(*)::INTEGER AS n FROM conn WHERE json_extract_string(extra, '$._node_name') IS NOT NULL`,
      );
      expect(withNode[0]?.['n']).toBe(nodeRows);
    });

    it('mta-trickbot week: conn 13,001; dedicated logs in their tables, the rest in events by log_type', async () => {
      const { summary } = await load(engine, 'trickbot');
      expect(summary.byStatus.failed).toBe(0);
      const expected = expectedZeekCounts(sharedData(datasets.trickbot));
      expect(expected['conn:closed']).toBe(13_001);
      expect(Object.keys(expected).filter((k) => k.startsWith('events:')).length).toBeGreaterThan(5);
      await expectCountsMatchFiles(engine, 'trickbot');
    });

    // x509.log line 28 has certificate.not_valid_after = 2.344943763e+09, as Zeek wrote it: both
    // engines must load it (the JS engine once rejected it).
    it('mta-trickbot week: x509 rows equal data lines, no rejects', async () => {
      const { t } = await load(engine, 'trickbot');
      const file = sharedData(`${datasets.trickbot}/x509.log`);
      expect(await rejectsOf(t.store, file)).toEqual([]);
      expect(await countTarget(t.store, 'x509')).toBe(countDataLines(file));
    });

    it('rita-json-all-fields (JSON): conn/open_conn, http/open_http, ssl/open_ssl and dns', async () => {
      const { summary } = await load(engine, 'jsonAllFields');
      expect(summary.byStatus.failed).toBe(0);
      expect(summary.rejects).toBe(0);
      const dir = sharedData(datasets.jsonAllFields);
      // RITA's open_* fixtures say "_path": "conn" (or http, ssl); the open_conn file name wins.
      const expected = expectedZeekCounts(dir);
      expect(expected['conn:closed']).toBe(countDataLines(`${dir}/conn.log`));
      expect(expected['conn:open']).toBe(countDataLines(`${dir}/open_conn.log`));
      for (const k of [
        'conn:closed',
        'conn:open',
        'http:closed',
        'http:open',
        'ssl:closed',
        'ssl:open',
        'dns',
      ])
        expect(expected[k], k).toBeGreaterThan(0);
      await expectCountsMatchFiles(engine, 'jsonAllFields');
    });

    it('stratosphere 008 (labeled TSV): label and detailedlabel are kept in extra', async () => {
      const { t, summary } = await load(engine, 'labeled');
      expect(summary.byStatus.failed).toBe(0);
      expect(summary.rejects).toBe(0);
      await expectCountsMatchFiles(engine, 'labeled');
      const file = sharedData(`${datasets.labeled}/data/conn.log.labeled`);
      const header = tsvFields(file);
      const [li, di] = [header.indexOf('label'), header.indexOf('detailedlabel')];
      expect(li).toBeGreaterThan(0);
      const byLabel: Record<string, number> = {};
      // Zeek's `(empty)` is the empty string once loaded.
      const value = (v: string | undefined) => (v === '(empty)' ? '' : v);
      for (const line of dataLines(file)) {
        const f = line.split('\t');
        const k = `${value(f[li])}|${value(f[di])}`;
        byLabel[k] = (byLabel[k] ?? 0) + 1;
      }
      const rows = await t.store.query(
        `SELECT json_extract_string(extra, '$.label') || '|' || json_extract_string(extra, '$.detailedlabel') AS k,
                count(*)::INTEGER AS n FROM conn GROUP BY k`,
      );
      expect(Object.fromEntries(rows.map((r) => [r['k'], r['n']]))).toEqual(byLabel);
      const malicious = await t.store.query(
        `SELECT count(*)::INTEGER AS n FROM conn WHERE json_extract_string(extra, '$.label') = 'Malicious'`,
      );
      const fileMalicious = Object.entries(byLabel)
        .filter(([k]) => k.startsWith('Malicious|'))
        .reduce((n, [, v]) => n + v, 0);
      expect(fileMalicious).toBe(4_201); // SOURCES.md: 4,201 inbound attack rows
      expect(malicious[0]?.['n']).toBe(fileMalicious);
    });

    it('slips test9 (JSON, mixed logs): every log in its table, no rejects', async () => {
      const { summary } = await load(engine, 'slipsJson');
      expect(summary.byStatus.failed).toBe(0);
      expect(summary.rejects).toBe(0);
      const expected = expectedZeekCounts(sharedData(datasets.slipsJson));
      expect(expected['conn:closed']).toBe(576);
      await expectCountsMatchFiles(engine, 'slipsJson');
    });
  });

  describe('native and js engines agree', () => {
    const digests = {
      conn: `SELECT count(*)::INTEGER AS n, sum(hash(uid, orig_h, resp_h, ts, orig_bytes, is_open, extra))::VARCHAR AS h FROM conn`,
      dns: `SELECT count(*)::INTEGER AS n, sum(hash(uid, ts, query, answers, ttls, extra))::VARCHAR AS h FROM dns`,
      http: `SELECT count(*)::INTEGER AS n, sum(hash(uid, ts, host, uri, user_agent, resp_fuids, extra))::VARCHAR AS h FROM http`,
      events: `SELECT count(*)::INTEGER AS n, sum(hash(log_type, uid, ts, extra))::VARCHAR AS h FROM events`,
    };
    const digest = async (set: Dataset, tables: readonly (keyof typeof digests)[]) => {
      const out: Record<string, unknown> = {};
      for (const e of engines) {
        const { t } = await load(e, set);
        for (const table of tables) out[`${e}:${table}`] = (await t.store.query(digests[table]))[0];
      }
      return tables.map((table) => [out[`native:${table}`], out[`js:${table}`]]);
    };

    it('rita-missing-host-beacon: same rows per table, same conn and dns content', async () => {
      const [a, b] = await both('beacon');
      expect(b.summary.rowsByTable).toEqual(a.summary.rowsByTable);
      for (const [native, js] of await digest('beacon', ['conn', 'dns'])) expect(js).toEqual(native);
    });

    // Regression: the native engine once decoded `\xHH` escapes into the wrong row (e.g. 2024-04-19
    // http.20-00-00-21-00-00.log.gz line 402, uri `/\xc0`, was written over line 401).
    it('rita-missing-host-beacon: same http and events content (escaped values)', async () => {
      for (const [native, js] of await digest('beacon', ['http', 'events'])) expect(js).toEqual(native);
    });

    it.each(['jsonAllFields', 'labeled', 'slipsJson'] as const)('%s: same rows per table', async (set) => {
      const [a, b] = await both(set);
      expect(b.summary.rowsByTable).toEqual(a.summary.rowsByTable);
    });

    it('mta-trickbot week: same rows per table', async () => {
      const [a, b] = await both('trickbot');
      expect(b.summary.rowsByTable).toEqual(a.summary.rowsByTable);
    });
  });
});
