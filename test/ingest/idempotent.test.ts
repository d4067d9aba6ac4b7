import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulatorLayouts } from '../../src/sim/log/zeek-layouts.js';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import { count, engines, openTempStore, type TempStore } from './ingest-helpers.js';

// The first twelve conn fields (through conn_state), as Zeek writes them.
const header = zeekHeaderLines(
  'conn',
  simulatorLayouts.conn.fields.slice(0, 12),
  simulatorLayouts.conn.types.slice(0, 12),
).join('\n');
const row = (i: number) =>
  `${1713484800 + i}.000001\tC${i}\t10.0.0.${i % 250}\t${40000 + i}\t192.0.2.7\t80\ttcp\thttp\t0.5\t${i}\t${2 * i}\tSF`;
const rows = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => `${row(from + k)}\n`).join('');
const closeLine = '#close\t2024-04-19-01-00-00\n';

const rowTotals = async (t: TempStore) => t.store.tableRows();
const connStats = async (t: TempStore) => {
  const [r] = await t.store.query(
    'SELECT count(*)::INTEGER AS n, count(DISTINCT uid)::INTEGER AS d FROM conn',
  );
  return { rows: r?.['n'], distinct: r?.['d'] };
};

describe.each(engines)('re-ingesting (engine %s)', (engine) => {
  let t: TempStore;
  let dir: string;
  // A DNS record without its two addresses is a reject.
  const dnsEnds = { 'id.orig_h': '10.0.0.5', 'id.resp_h': '10.0.0.53' };
  beforeEach(async () => {
    t = await openTempStore(`idem-${engine}`, engine);
    dir = path.join(t.dir, 'logs');
    mkdirSync(dir);
  });
  afterEach(() => t.close());

  it("the same folder twice: everything 'unchanged', no new rows", async () => {
    writeFileSync(path.join(dir, 'conn.log'), `${header}\n${rows(0, 20)}${closeLine}`);
    writeFileSync(
      path.join(dir, 'conn.01-00-00-02-00-00.log.gz'),
      gzipSync(`${header}\n${rows(20, 40)}${closeLine}`),
    );
    const json = (i: number) =>
      JSON.stringify({ ts: 1713484900 + i, uid: `J${i}`, ...dnsEnds, query: `q${i}.example` });
    writeFileSync(path.join(dir, 'dns.json'), `${[0, 1, 2].map(json).join('\n')}\n`);
    const eve = (i: number) =>
      JSON.stringify({
        timestamp: '2024-04-19T00:00:00.000000+0000',
        event_type: 'alert',
        flow_id: i,
        alert: { signature_id: i },
      });
    writeFileSync(path.join(dir, 'eve.json'), `${[1, 2].map(eve).join('\n')}\n`);
    const first = await t.ingest([dir]);
    expect(first.byStatus.ingested).toBe(4);
    expect(first.rowsByTable).toEqual({ conn: 40, dns: 3, alerts: 2 });
    const before = await rowTotals(t);
    const second = await t.ingest([dir]);
    expect(second.byStatus.unchanged).toBe(4);
    expect(second.outcomes.map((o) => o.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(second.rows).toBe(0);
    expect(second.rowsByTable).toEqual({});
    expect(await rowTotals(t)).toEqual(before);
  });

  it("a copy under another name is 'unchanged'", async () => {
    const file = path.join(dir, 'conn.log');
    writeFileSync(file, `${header}\n${rows(0, 12)}${closeLine}`);
    expect((await t.ingest([file])).outcomes[0]?.status).toBe('ingested');
    const copy = path.join(dir, 'conn.backup.log');
    copyFileSync(file, copy);
    const s = await t.ingest([copy]);
    expect(s.outcomes[0]?.status).toBe('unchanged');
    expect(await connStats(t)).toEqual({ rows: 12, distinct: 12 });
  });

  it('a growing file is resumed, and its rotated .gz adds only the lines written since', async () => {
    const live = path.join(dir, 'conn.log');
    writeFileSync(live, `${header}\n${rows(0, 10)}`);
    const a = await t.ingest([live]);
    expect(a.outcomes[0]?.status).toBe('ingested');
    expect(await connStats(t)).toEqual({ rows: 10, distinct: 10 });

    appendFileSync(live, rows(10, 15));
    const b = await t.ingest([live]);
    expect(b.outcomes[0]?.status).toBe('resumed');
    expect(b.outcomes[0]?.rows).toBe(5);
    expect(await connStats(t)).toEqual({ rows: 15, distinct: 15 });

    // Zeek writes 3 more lines, closes the log and rotates it, gzipped, into a dated folder.
    const rotatedDir = path.join(t.dir, 'logs-2024-04-19');
    mkdirSync(rotatedDir);
    const rotated = path.join(rotatedDir, 'conn.00-00-00-01-00-00.log.gz');
    writeFileSync(
      rotated,
      gzipSync(Buffer.concat([readFileSync(live), Buffer.from(rows(15, 18) + closeLine)])),
    );
    const c = await t.ingest([rotated]);
    expect(c.outcomes[0]?.status).toBe('resumed');
    expect(c.outcomes[0]?.rows).toBe(3);
    expect(await connStats(t)).toEqual({ rows: 18, distinct: 18 });
    expect(await count(t.store, 'SELECT count(*) FROM rejects')).toBe(0);

    // Both copies are now known: nothing is read twice.
    const d = await t.ingest([live, rotated]);
    expect(d.outcomes.map((o) => o.status)).toEqual(['unchanged', 'unchanged']);
    expect(await connStats(t)).toEqual({ rows: 18, distinct: 18 });
  });

  it('a just-written file without a final newline: a whole last record loads, a cut one waits', async () => {
    // Fresh checkouts and exporters drop the last newline; their mtime is as recent as a live log's.
    const whole = path.join(dir, 'conn.log');
    writeFileSync(whole, `${header}\n${rows(0, 5)}${row(5)}`);
    const json = path.join(dir, 'dns.json');
    const rec = (i: number) =>
      JSON.stringify({ ts: 1713484800 + i, uid: `D${i}`, ...dnsEnds, query: `q${i}.example` });
    writeFileSync(json, `${rec(0)}\n${rec(1)}`);
    const a = await t.ingest([whole, json]);
    expect(a.outcomes.map((o) => o.rows)).toEqual([6, 2]);

    const cut = path.join(t.dir, 'cut-conn.log');
    writeFileSync(cut, `${header}\n${rows(100, 103)}${row(103).split('\t').slice(0, 5).join('\t')}`);
    const b = await t.ingest([cut]);
    expect(b.outcomes[0]?.rows).toBe(3);
    expect(await count(t.store, 'SELECT count(*) FROM rejects')).toBe(0);
  });
});

describeWithSharedData('re-ingesting a real folder', ['zeek/mta-trickbot-2018-11-09-week'], () => {
  it("mta-trickbot week twice: 'unchanged', same row counts", async () => {
    const t = await openTempStore('idem-real');
    try {
      const dir = sharedData('zeek/mta-trickbot-2018-11-09-week');
      const first = await t.ingest([dir]);
      expect(first.byStatus.failed).toBe(0);
      const before = await rowTotals(t);
      const second = await t.ingest([dir]);
      expect(second.byStatus.unchanged).toBe(first.files);
      expect(second.rows).toBe(0);
      expect(await rowTotals(t)).toEqual(before);
    } finally {
      await t.close();
    }
  });
});
