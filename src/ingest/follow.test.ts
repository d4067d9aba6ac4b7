import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { zeekTsv } from '../sim/zeek-writer.js';
import { DuckDBStore } from '../store/duckdb/duckdb-store.js';
import { followDirectory } from './follow.js';
import type { IngestSummary } from './ingest-paths.js';

const root = mkdtempSync(join(tmpdir(), 'mamori-follow-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const row = (i: number) => [
  (1700000000 + i).toFixed(6),
  `C${i}`,
  '10.0.0.5',
  '50000',
  '198.51.100.7',
  '443',
  'tcp',
  'ssl',
  '1.000000',
  '100',
  '200',
  'SF',
  'T',
  'F',
  '0',
  'ShADadFf',
  '5',
  '300',
  '5',
  '400',
  '(empty)',
];

/** The live conn.log as Zeek writes it: header, records, no #close yet. */
function liveText(open: Date, from: number, to: number): string {
  const full = zeekTsv('conn', [], open, open).split('\n');
  const header = full.filter((l) => l.startsWith('#') && !l.startsWith('#close'));
  const rows = [];
  for (let i = from; i < to; i++) rows.push(row(i).join('\t'));
  return `${[...header, ...rows].join('\n')}\n`;
}

describe('ingest --follow', () => {
  it('takes new lines, waits for half-written ones, and follows Zeek rotation without duplicates', async () => {
    const live = join(root, 'spool');
    mkdirSync(live);
    const store = await DuckDBStore.open({ dataDir: join(root, 'data') });
    const stop = new AbortController();
    const passes: IngestSummary[] = [];
    let waiters: (() => void)[] = [];
    const nextPass = () => new Promise<void>((r) => waiters.push(r));
    const conn = async () => Number((await store.query('SELECT count(*)::INTEGER AS n FROM conn'))[0]?.['n']);
    const uniqueUids = async () =>
      Number((await store.query('SELECT count(DISTINCT uid)::INTEGER AS n FROM conn'))[0]?.['n']);

    const hour1 = new Date(Date.UTC(2023, 10, 14, 22));
    writeFileSync(join(live, 'conn.log'), liveText(hour1, 0, 10));
    const running = followDirectory([live], {
      store,
      sensor: 'live',
      tmpDir: join(root, 'data', 'tmp'),
      intervalSeconds: 0.05,
      json: true,
      stop: stop.signal,
      log: () => {},
      onPass: (s) => {
        passes.push(s);
        const w = waiters;
        waiters = [];
        for (const r of w) r();
      },
    });
    await nextPass();
    expect(await conn()).toBe(10);

    // Zeek is mid-write: the last line has no newline yet.
    appendFileSync(join(live, 'conn.log'), `${row(10).join('\t')}\n${row(11).join('\t').slice(0, 20)}`);
    await nextPass();
    await nextPass();
    expect(await conn()).toBe(11);
    appendFileSync(join(live, 'conn.log'), `${row(11).join('\t').slice(20)}\n`);
    await nextPass();
    await nextPass();
    expect(await conn()).toBe(12);

    // Rotation: two more lines, then conn.log is closed, moved to a dated folder and compressed,
    // and a new conn.log begins.
    const rotated = `${liveText(hour1, 0, 14)}#close\t2023-11-14-23-00-00\n`;
    mkdirSync(join(live, '2023-11-14'));
    writeFileSync(join(live, '2023-11-14', 'conn.22-00-00-23-00-00.log.gz'), gzipSync(rotated));
    renameSync(join(live, 'conn.log'), join(root, 'gone.log'));
    writeFileSync(join(live, 'conn.log'), liveText(new Date(Date.UTC(2023, 10, 14, 23)), 100, 103));
    await nextPass();
    await nextPass();
    expect(await conn()).toBe(17);
    expect(await uniqueUids()).toBe(17);

    stop.abort();
    await running;
    await store.close();
    expect(passes.every((p) => p.byStatus.failed === 0)).toBe(true);
  });

  it('a rolling ingest from cron leaves a half-written last line of a fresh log for the next run', async () => {
    const dir = join(root, 'cron');
    mkdirSync(dir);
    const store = await DuckDBStore.open({ dataDir: join(root, 'data3') });
    const { ingestPaths } = await import('./ingest-paths.js');
    const opts = { store, sensor: 's', tmpDir: join(root, 'data3', 'tmp') };
    const open = new Date(Date.UTC(2023, 0, 2));
    writeFileSync(join(dir, 'conn.log'), `${liveText(open, 0, 3)}${row(3).join('\t').slice(0, 25)}`);
    const first = await ingestPaths([dir], opts);
    expect(first.rows).toBe(3);
    expect(first.rejects).toBe(0);
    appendFileSync(join(dir, 'conn.log'), `${row(3).join('\t').slice(25)}\n`);
    const second = await ingestPaths([dir], opts);
    expect(second.rows).toBe(1);
    expect(second.rejects).toBe(0);
    await store.close();
  });

  it('reads a file that starts like a known log but differs as a log of its own', async () => {
    const dir = join(root, 'rewrite');
    mkdirSync(dir);
    const store = await DuckDBStore.open({ dataDir: join(root, 'data2') });
    const { ingestPaths } = await import('./ingest-paths.js');
    const opts = { store, sensor: 's', tmpDir: join(root, 'data2', 'tmp') };
    const open = new Date(Date.UTC(2023, 0, 1));
    writeFileSync(join(dir, 'conn.log'), liveText(open, 0, 5));
    writeFileSync(join(dir, 'copy.log'), liveText(open, 0, 5));
    const first = await ingestPaths([dir], opts);
    expect(first.rows).toBe(5);
    expect(first.byStatus.unchanged).toBe(1);
    // Same header and first record, but the last ingested record changed and two lines were added:
    // not a continuation, so all 7 lines are read (only the head and the 256 bytes before the
    // resume point are compared). The 4 records stored before (same uid and ts) are duplicates.
    writeFileSync(join(dir, 'conn.log'), liveText(open, 0, 7).replace('\tC4\t', '\tCX\t'));
    const s = await ingestPaths([join(dir, 'conn.log')], opts);
    expect(s.byStatus.ingested).toBe(1);
    expect(s.rows).toBe(3);
    expect(s.duplicates).toBe(4);
    // Read again: nothing new.
    expect((await ingestPaths([join(dir, 'conn.log')], opts)).rows).toBe(0);
    expect((await store.tableRows())['conn']).toBe(8);
    await store.close();
  });
});

describe('ingest --follow and unreadable entries', () => {
  it('M1: an unreadable entry in a followed folder is named once, not silently skipped at every scan', async () => {
    const live = join(root, 'spool-broken');
    mkdirSync(live);
    symlinkSync(join(root, 'never-written.log'), join(live, 'conn.log'));
    const store = await DuckDBStore.open({ dataDir: join(root, 'data-broken') });
    const stop = new AbortController();
    const lines: string[] = [];
    let passes = 0;
    await followDirectory([live], {
      store,
      sensor: 's',
      tmpDir: join(root, 'tmp-broken'),
      intervalSeconds: 0.01,
      json: false,
      stop: stop.signal,
      log: (l) => lines.push(l),
      onPass: () => {
        passes += 1;
        if (passes === 3) stop.abort();
      },
    });
    await store.close();
    expect(lines.filter((l) => l.startsWith('warning: skipped'))).toEqual([
      `warning: skipped ${join(live, 'conn.log')}: broken symbolic link: ENOENT: no such file or directory, stat '${join(live, 'conn.log')}'`,
    ]);
  });

  it('--follow --json: warnings about skipped entries are JSON lines too, so the stream stays parseable', async () => {
    const live = join(root, 'spool-broken-json');
    mkdirSync(live);
    symlinkSync(join(root, 'never-written-json.log'), join(live, 'conn.log'));
    const store = await DuckDBStore.open({ dataDir: join(root, 'data-broken-json') });
    const stop = new AbortController();
    const lines: string[] = [];
    await followDirectory([live], {
      store,
      sensor: 's',
      tmpDir: join(root, 'tmp-broken-json'),
      intervalSeconds: 0.01,
      json: true,
      stop: stop.signal,
      log: (l) => lines.push(l),
      onPass: () => stop.abort(),
    });
    await store.close();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ path: join(live, 'conn.log') });
    expect(JSON.parse(lines[0] as string).warning).toMatch(/^skipped .*broken symbolic link/);
  });
});
