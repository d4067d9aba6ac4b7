import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHeadBytes, streamKeyOf } from '../../src/ingest/file-identity.js';
import { sniffFormat } from '../../src/ingest/formats.js';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import {
  type Engine,
  engines,
  openTempStore,
  rejectsOf,
  scratchDir,
  type TempStore,
} from './ingest-helpers.js';

// H1: a first record (or header) over 256 KiB made the whole file count as "empty", for good.
const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service'];
const types = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string'];

const tsv = (tag: string, firstService: string) =>
  `${[
    ...zeekHeaderLines('conn', fields, types),
    `1713484800.1\tC${tag}a\t10.0.0.1\t40001\t192.0.2.1\t80\ttcp\t${firstService}`,
    `1713484801.1\tC${tag}b\t10.0.0.1\t40002\t192.0.2.1\t80\ttcp\thttp`,
    `1713484802.1\tC${tag}c\t10.0.0.1\t40003\t192.0.2.1\t80\ttcp\thttp`,
  ].join('\n')}\n`;
const eve = (tag: string, url: string) =>
  [
    { event_type: 'http', http: { hostname: `${tag}.example`, url } },
    { event_type: 'alert', alert: { signature: `sig ${tag}`, signature_id: 1 } },
    { event_type: 'http', http: { hostname: `${tag}.example`, url: '/' } },
  ]
    .map((e, i) =>
      JSON.stringify({
        timestamp: `2024-04-19T0${tag.length % 10}:${tag.charCodeAt(0) % 60}:0${i}.000000+0000`,
        flow_id: tag.charCodeAt(0) * 10 + i,
        ...e,
        src_ip: '10.0.0.1',
        src_port: 40000 + i,
        dest_ip: '192.0.2.1',
        dest_port: 80,
        proto: 'TCP',
      }),
    )
    .join('\n')
    .concat('\n');
// The long value comes first, so that the keys the sniffer looks for sit far into the line.
const zeekJson = (tag: string, uri: string) =>
  [uri, '/', '/x']
    .map((u, i) =>
      JSON.stringify({
        uri: u,
        ts: 1713484800 + i,
        _path: 'http',
        uid: `C${tag}${i}`,
        'id.orig_h': '10.0.0.1',
        'id.orig_p': 40000 + i,
        'id.resp_h': '192.0.2.1',
        'id.resp_p': 80,
      }),
    )
    .join('\n')
    .concat('\n');

type Case = { name: string; file: string; content: (tag: string, big: string) => Buffer; table: string };
const cases: Case[] = [
  { name: 'Zeek TSV', file: 'conn.log', content: (t, b) => Buffer.from(tsv(t, b)), table: 'conn' },
  { name: 'gzip Zeek TSV', file: 'conn.log.gz', content: (t, b) => gzipSync(tsv(t, b)), table: 'conn' },
  { name: 'EVE', file: 'eve.json', content: (t, b) => Buffer.from(eve(t, b)), table: 'http' },
  { name: 'Zeek JSON', file: 'http.json', content: (t, b) => Buffer.from(zeekJson(t, b)), table: 'http' },
];

describe('H1: a large first record', () => {
  let stores: Record<Engine, TempStore>;
  let dir: string;
  beforeAll(async () => {
    stores = {} as Record<Engine, TempStore>;
    for (const e of engines) stores[e] = await openTempStore(`h1-${e}`, e);
    dir = scratchDir('h1-in');
  });
  afterAll(async () => {
    for (const e of engines) await stores[e].close();
  });

  for (const c of cases) {
    for (const e of engines) {
      it(`H1: a ${c.name} file whose first record is 300 KiB is read (${e}), not counted as empty`, async () => {
        const tag = `m${e}${c.table}${c.file.length}`;
        const file = path.join(dir, `${tag}-${c.file}`);
        writeFileSync(file, c.content(tag, 'a'.repeat(300 * 1024)));
        const s = await stores[e].ingest([file]);
        expect(s.outcomes[0]?.status, s.outcomes[0]?.message).toBe('ingested');
        expect(s.rows).toBe(3);
        expect(s.rejects).toBe(0);
        // A later run finds it in the ledger: unchanged, never "empty".
        const again = await stores[e].ingest([file]);
        expect(again.outcomes[0]?.status).toBe('unchanged');
      });

      it(`H1: a ${c.name} file whose first record is over the line limit (${e}) keeps the rest, one reject`, async () => {
        const tag = `l${e}${c.table}${c.file.length}`;
        const file = path.join(dir, `${tag}-${c.file}`);
        writeFileSync(file, c.content(tag, 'b'.repeat(2 * 1024 * 1024)));
        const s = await stores[e].ingest([file]);
        expect(s.outcomes[0]?.status, s.outcomes[0]?.message).toBe('ingested');
        expect(s.rows).toBe(2);
        const rejects = await rejectsOf(stores[e].store, file);
        expect(rejects).toHaveLength(1);
        expect(rejects[0]?.reason).toMatch(/over the 1048576-byte limit/);
      });
    }
  }

  for (const e of engines) {
    it(`H1: a Zeek header over 256 KiB is read (${e}), not counted as empty`, async () => {
      const file = path.join(dir, `header-${e}-conn.log`);
      const lines = tsv(`h${e}`, 'http').split('\n');
      lines.splice(5, 0, `#note\t${'y'.repeat(300 * 1024)}`);
      writeFileSync(file, lines.join('\n'));
      const s = await stores[e].ingest([file]);
      expect(s.outcomes[0]?.status, s.outcomes[0]?.message).toBe('ingested');
      expect(s.rows).toBe(3);
    });
  }

  for (const e of engines) {
    it(`H1: a Zeek JSON first line over the sniffing window holding a carriage return is a reject, not a classic-Mac file (${e})`, async () => {
      const file = path.join(dir, `cr-${e}-http.json`);
      // JSON allows a raw CR as whitespace between tokens; with no newline in the first 1.25 MiB the
      // file once looked like one with CR-only line ends and was refused whole.
      const body = zeekJson(`cr${e}`, 'c'.repeat(1400 * 1024)).replace('{', '{\r');
      writeFileSync(file, body);
      const s = await stores[e].ingest([file]);
      expect(s.outcomes[0]?.status, s.outcomes[0]?.message).toBe('ingested');
      expect(s.rows).toBe(2);
      expect(await rejectsOf(stores[e].store, file)).toHaveLength(1);
    });
  }

  it('H1: a header-only file is reported with why, and read once records arrive', async () => {
    const file = path.join(dir, 'later-conn.log');
    const header = `${zeekHeaderLines('conn', fields, types).join('\n')}\n`;
    writeFileSync(file, header);
    const first = await stores.native.ingest([file]);
    expect(first.outcomes[0]?.status).toBe('empty');
    expect(first.outcomes[0]?.message).toMatch(/no rows: header only \(\d+ header lines\), no records/);
    appendFileSync(file, '1713484800.1\tClater\t10.0.0.1\t1\t192.0.2.1\t80\ttcp\thttp\n');
    const second = await stores.native.ingest([file]);
    expect(second.outcomes[0]?.status).toBe('ingested');
    expect(second.rows).toBe(1);
  });

  it('H1: sniffing and the stream key see a first line longer than 256 KiB', () => {
    const line = `{"uri":"${'c'.repeat(400 * 1024)}","ts":1,"_path":"http"}\n`;
    expect(sniffFormat(Buffer.from(line))).toBe('zeek-json');
    expect(streamKeyOf(Buffer.from(line))).not.toBeNull();
    // Longer than the identity head: keyed on the head, even before the line ends.
    const huge = Buffer.from(`{"uri":"${'d'.repeat(identityHeadBytes)}`);
    expect(streamKeyOf(huge)?.key).toMatch(/^[0-9a-f]{64}$/);
    // A short unterminated record is a record only when the file is static.
    expect(streamKeyOf(Buffer.from('{"ts":1}'), 'leave')).toBeNull();
    expect(streamKeyOf(Buffer.from('{"ts":1}'), 'parse')).not.toBeNull();
  });
});
