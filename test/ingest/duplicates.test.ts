import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeSummary } from '../../src/cli/commands/ingest.js';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import { countDataLines, engines, openTempStore, scratchDir, type TempStore } from './ingest-helpers.js';

// The same telemetry reached twice (a folder holding one Zeek run as TSV and as JSON, a log copied
// and edited): records another file already holds are counted, skipped and named, not stored again.

const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'duration'];
const types = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'interval'];
const tsv = (logPath: string, rows: readonly (readonly [number, string, string])[]) =>
  `${[
    ...zeekHeaderLines(logPath, fields, types),
    ...rows.map(([ts, uid, d]) => `${ts}.000000\t${uid}\t10.0.0.1\t5000\t192.0.2.1\t443\ttcp\t${d}`),
  ].join('\n')}\n`;
const json = (rows: readonly (readonly [number, string, number])[]) =>
  rows
    .map(([ts, uid, d]) =>
      JSON.stringify({
        _path: 'conn',
        ts,
        uid,
        'id.orig_h': '10.0.0.1',
        'id.orig_p': 5000,
        'id.resp_h': '192.0.2.1',
        'id.resp_p': 443,
        proto: 'tcp',
        duration: d,
      }),
    )
    .join('\n')
    .concat('\n');

describe('duplicate telemetry', () => {
  let t: TempStore | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it.each(engines)(
    'a record already held by another file or format is skipped and named (%s)',
    async (engine) => {
      t = await openTempStore(`dups-${engine}`, engine);
      const dir = scratchDir('dups');
      const a = path.join(dir, 'conn.log');
      const b = path.join(dir, 'conn.json');
      writeFileSync(
        a,
        tsv('conn', [
          [1700000000, 'C1', '1.5'],
          [1700000001, 'C2', '2.5'],
        ]),
      );
      writeFileSync(
        b,
        json([
          [1700000000, 'C1', 1.5],
          [1700000002, 'C3', 3.5],
        ]),
      );
      const first = await t.ingest([a]);
      expect(first.duplicates).toBe(0);
      const second = await t.ingest([b]);
      expect(second.rows).toBe(1);
      expect(second.duplicates).toBe(1);
      expect(second.outcomes[0]?.duplicates).toEqual({ rows: 1, heldBy: [{ file: a, rows: 1 }] });
      const text = describeSummary(second);
      expect(text).toContain('duplicates: 1 records skipped');
      expect(text).toContain(`warning: ${b}: skipped 1 conn record already ingested from ${a}`);
      const uids = await t.store.query('SELECT uid, source_file FROM conn ORDER BY uid');
      expect(uids.map((r) => `${r['uid']} ${path.basename(String(r['source_file']))}`)).toEqual([
        'C1 conn.log',
        'C2 conn.log',
        'C3 conn.json',
      ]);
    },
  );

  it('open snapshots of a session are all kept, beside its closed record', async () => {
    t = await openTempStore('dups-open');
    const dir = scratchDir('dups-open');
    const files = [
      ['open_conn.1.log', 'open_conn', '60.0'],
      ['open_conn.2.log', 'open_conn', '120.0'],
      ['conn.log', 'conn', '150.0'],
    ] as const;
    for (const [name, logPath, d] of files) {
      writeFileSync(path.join(dir, name), tsv(logPath, [[1700000000, 'CLONG', d]]));
    }
    const s = await t.ingest([dir]);
    expect(s.rows).toBe(3);
    expect(s.duplicates).toBe(0);
  });

  it('a grown file adds only its new lines, none taken for duplicates', async () => {
    t = await openTempStore('dups-grown');
    const file = path.join(scratchDir('dups-grown'), 'conn.log');
    writeFileSync(file, tsv('conn', [[1700000000, 'C1', '1.0']]));
    expect((await t.ingest([file])).rows).toBe(1);
    appendFileSync(file, `1700000005.000000\tC2\t10.0.0.1\t5000\t192.0.2.1\t443\ttcp\t1.0\n`);
    const again = await t.ingest([file]);
    expect(again.byStatus.resumed).toBe(1);
    expect(again.rows).toBe(1);
    expect(again.duplicates).toBe(0);
  });
});

describeWithSharedData('duplicate telemetry: zed-wrccdc2018 as TSV and as JSON in one store', () => {
  it('the second format adds no rows and says which files already held them', async () => {
    const t = await openTempStore('dups-zed');
    try {
      const logs = ['dns', 'ssl', 'x509', 'notice'];
      const tsvFiles = logs.map((l) => sharedData(`zeek/zed-wrccdc2018/zeek-default/${l}.log.gz`));
      const jsonFiles = logs.map((l) => sharedData(`zeek/zed-wrccdc2018/zeek-json/${l}.json.gz`));
      const first = await t.ingest(tsvFiles);
      const lines = tsvFiles.reduce((n, f) => n + countDataLines(f), 0);
      expect(first.rows).toBe(lines);
      const second = await t.ingest(jsonFiles);
      expect(second.rows).toBe(0);
      expect(second.duplicates).toBe(lines);
      second.outcomes.forEach((o, i) => {
        expect(o.duplicates?.heldBy.map((h) => h.file)).toEqual([tsvFiles[i]]);
        expect(o.message).toContain(tsvFiles[i]);
      });
      expect(Object.values(await t.store.tableRows()).reduce((a, b) => a + b, 0)).toBe(lines);
    } finally {
      await t.close();
    }
  }, 240_000);
});
