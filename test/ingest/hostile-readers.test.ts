import path from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestCommand } from '../../src/cli/commands/ingest.js';
import type { FileOutcome } from '../../src/ingest/ingest-file.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { gunzipFile } from '../../src/io/gzip-stream.js';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import {
  type Engine,
  engines,
  ingestWithBothEngines,
  rejectsOf,
  rowsFromFile,
  useEngineStores,
} from './ingest-helpers.js';

// Regression tests for the reader failures of issue 12 (M2, M3, M4 and the gzip and CR-only lows).
const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'history'];
const types = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string'];
const header = zeekHeaderLines('conn', fields, types);
let serial = 0;
/** A conn row; every call is a new connection, so that no file repeats another's records. */
const tsvRow = (history = 'S') => {
  serial += 1;
  return `${1700000000 + serial}.000000\tC${serial}\t10.0.0.1\t${serial % 60000}\t192.0.2.7\t80\ttcp\t${history}`;
};
const tsv = (rows: string[]) => `${header.join('\n')}\n${rows.join('\n')}\n`;
const jsonRow = (extra: Record<string, unknown> = {}) => {
  serial += 1;
  return JSON.stringify({
    _path: 'conn',
    ts: 1700000000 + serial,
    uid: `J${serial}`,
    'id.orig_h': '10.0.0.1',
    'id.orig_p': serial % 60000,
    'id.resp_h': '192.0.2.7',
    'id.resp_p': 80,
    proto: 'tcp',
    ...extra,
  });
};
const eveRow = (extra: Record<string, unknown> = {}) => {
  serial += 1;
  return JSON.stringify({
    timestamp: `2024-01-01T00:00:${String(serial % 60).padStart(2, '0')}.${serial}+0000`,
    event_type: 'flow',
    flow_id: serial,
    src_ip: '10.0.0.1',
    src_port: serial % 60000,
    dest_ip: '192.0.2.7',
    dest_port: 80,
    proto: 'TCP',
    ...extra,
  });
};
const lines = (rows: string[]) => `${rows.join('\n')}\n`;

describe('hostile input to the readers (issue 12)', () => {
  const { stores, write } = useEngineStores('hostile');
  const ingestOne = async (e: Engine, file: string, opts: Record<string, number> = {}) => {
    const s = stores[e];
    const summary = await ingestPaths([file], {
      store: s.store,
      sensor: 's',
      tmpDir: path.join(s.dir, 'tmp'),
      engine: e,
      ...opts,
    });
    const outcome = summary.outcomes[0] as FileOutcome;
    return { outcome, rows: await rowsFromFile(s.store, file), rejects: await rejectsOf(s.store, file) };
  };

  it('M3: a gzip that expands past --max-decompressed-bytes fails early, naming the file and the limit', async () => {
    const bomb = write(
      'bomb.log.gz',
      gzipSync(Buffer.concat([Buffer.from(tsv([tsvRow()])), Buffer.alloc(48 << 20, 10)])),
    );
    for (const e of engines) {
      const r = await ingestOne(e, bomb, { maxDecompressedBytes: 4 << 20 });
      expect(r.outcome.status).toBe('failed');
      expect(r.outcome.message).toMatch(
        /bomb\.log\.gz: decompresses to more than 4194304 bytes \(4.2 MB; --max-decompressed-bytes\)/,
      );
      expect(r.outcome.message).toMatch(/nothing from this file was stored/);
      expect(r.rows).toBe(0);
    }
    // It stops within one output chunk of the limit, not after the full expansion.
    let seen = 0;
    await expect(async () => {
      for await (const chunk of gunzipFile({ path: bomb, maxBytes: 4 << 20 })) seen += chunk.length;
    }).rejects.toThrow(/--max-decompressed-bytes/);
    expect(seen).toBeLessThanOrEqual(4 << 20);
  });

  it('M3: a gzip of nothing but blank lines is refused by the limits, not reported as blank after inflating it', async () => {
    const bomb = write('blank-bomb.log.gz', gzipSync(Buffer.alloc(48 << 20, 10)));
    for (const e of engines) {
      const r = await ingestOne(e, bomb, { maxDecompressedBytes: 4 << 20 });
      expect(r.outcome.status).toBe('failed');
      expect(r.outcome.message).toMatch(/blank-bomb\.log\.gz: decompresses to more than 4194304 bytes/);
    }
  });

  it('H1: records after a blank run longer than the sniffing window are read, plain and compressed', async () => {
    // Each file holds other records after the same blank run: they share a stream key, and each is
    // still read as a log of its own.
    const body = () =>
      Buffer.concat([
        Buffer.alloc(3 << 20, 10),
        Buffer.from(`${[jsonRow(), jsonRow(), jsonRow()].join('\n')}\n`),
      ]);
    for (const e of engines) {
      const plain = write(`late-${e}-conn.json`, body());
      const packed = write(`late-${e}-conn-gz.json.gz`, gzipSync(body()));
      for (const file of [plain, packed]) {
        const r = await ingestOne(e, file);
        expect(r.outcome.status, r.outcome.message).toBe('ingested');
        expect(r.rows).toBe(3);
      }
    }
    const blank = write('all-blank.json', Buffer.alloc(3 << 20, 10));
    const r = await ingestOne('native', blank);
    expect(r.outcome.status).toBe('empty');
    expect(r.outcome.message).toMatch(/only blank lines/);
  });

  it('M3: a gzip JSON array of EVE events is bounded by --max-decompressed-bytes too', async () => {
    const array = Buffer.concat([Buffer.from(`[${eveRow()}`), Buffer.alloc(8 << 20, 32), Buffer.from(']')]);
    const file = write('alerts.json.gz', gzipSync(array));
    const r = await ingestOne('js', file, { maxDecompressedBytes: 4 << 20 });
    expect(r.outcome.status).toBe('failed');
    expect(r.outcome.message).toMatch(
      /alerts\.json\.gz: decompresses to more than 4194304 bytes \(4.2 MB; --max-decompressed-bytes/,
    );
  });

  it('M3: a gzip expanding more than --max-gzip-ratio fails as a decompression bomb within a few MB of the grace', async () => {
    const bomb = write('ratio.json.gz', gzipSync(Buffer.alloc(160 << 20, 10)));
    let seen = 0;
    await expect(async () => {
      for await (const chunk of gunzipFile({ path: bomb, maxRatio: 200 })) seen += chunk.length;
    }).rejects.toThrow(/expands more than 200:1 .*--max-gzip-ratio/);
    expect(seen).toBeLessThan((64 << 20) + (4 << 20));
  });

  it('M3: 40 MiB of blank lines are counted skips, not bogus rejects, and later rejects keep their line numbers', async () => {
    const body = Buffer.concat([
      Buffer.from(tsv([tsvRow()])),
      Buffer.alloc(40 << 20, 10),
      Buffer.from(`${tsvRow()}\nnot a row\n${tsvRow()}\n`),
    ]);
    const file = write('blank-run.log.gz', gzipSync(body));
    const r = await ingestWithBothEngines(stores, file);
    expect(r.outcome.status).toBe('ingested');
    expect(r.rows).toBe(3);
    expect(r.rejects.map((x) => x.line)).toEqual([header.length + 2 + (40 << 20) + 1]);
  }, 120_000);

  it('M4: lines up to --max-line-bytes are stored by every reader and engine, even when spooling triples them', async () => {
    const quotes = '"'.repeat(3 << 20);
    const files = {
      'long.log': tsv([tsvRow(), tsvRow(quotes), tsvRow()]),
      'long.json.log': lines([jsonRow(), jsonRow({ note: quotes.slice(0, 3 << 19) }), jsonRow()]),
      'long-eve.json': lines([eveRow(), eveRow({ http: { url: quotes.slice(0, 3 << 19) } }), eveRow()]),
    };
    for (const [name, text] of Object.entries(files)) {
      for (const e of engines) {
        const file = write(`${e}-${name}`, text);
        const r = await ingestOne(e, file, { maxLineBytes: 8 << 20 });
        expect(r.outcome.status, `${e} ${name}: ${r.outcome.message}`).toBe('ingested');
        expect(r.rows, `${e} ${name}`).toBe(3);
        expect(r.rejects).toEqual([]);
      }
    }
  }, 120_000);

  it('M4: --max-line-bytes stops at 16 MiB, the longest line every reader stores', async () => {
    const cmd = ingestCommand().exitOverride();
    expect(() => cmd.parse(['x', '--max-line-bytes', String(17 << 20)], { from: 'user' })).toThrow(
      /--max-line-bytes/,
    );
  });

  it('M2: a JSON line nested 5,000 levels deep is a reject with its depth; the other lines are kept', async () => {
    const deepArray = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const deepObject = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const files = {
      'deep.json.log': [jsonRow(), `${jsonRow().slice(0, -1)},"x":${deepArray}}`, jsonRow()],
      'deep-eve.json': [eveRow(), `${eveRow().slice(0, -1)},"x":${deepObject}}`, eveRow()],
    };
    for (const [name, rows] of Object.entries(files)) {
      const r = await ingestWithBothEngines(stores, write(name, lines(rows)));
      expect(r.outcome.status).toBe('ingested');
      expect(r.rows).toBe(2);
      expect(r.rejects).toHaveLength(1);
      expect(r.rejects[0]?.line).toBe(2);
      expect(r.rejects[0]?.reason).toMatch(/nests 5001 levels deep, over the limit of 64/);
    }
  });

  it('gzip: a CRC error keeps every line and says where it broke', async () => {
    const rows = Array.from({ length: 20000 }, () => tsvRow());
    const gz = gzipSync(tsv(rows));
    gz[gz.length - 6] = (gz[gz.length - 6] as number) ^ 0xff;
    const r = await ingestWithBothEngines(stores, write('crc.log.gz', gz));
    expect(r.outcome.status).toBe('ingested');
    expect(r.rows).toBe(20000);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]?.reason).toMatch(
      /compressed stream damaged after decompressed byte \d+ \(in line \d+\): gzip member 1 fails its checksum/,
    );
  });

  it('gzip: a small file with a CRC error keeps its lines instead of looking empty', async () => {
    const gz = gzipSync(lines([jsonRow(), jsonRow(), jsonRow()]));
    gz[gz.length - 6] = (gz[gz.length - 6] as number) ^ 0xff;
    const r = await ingestWithBothEngines(stores, write('small-crc.json.gz', gz));
    expect(r.outcome.status).toBe('ingested');
    expect(r.rows).toBe(3);
    expect(r.rejects.map((x) => x.reason)).toEqual([expect.stringMatching(/fails its checksum/)]);
  });

  it('gzip: a cut mid-file keeps every complete line before the cut', async () => {
    const text = tsv(Array.from({ length: 20000 }, () => tsvRow()));
    const gz = gzipSync(text);
    const cut = gz.subarray(0, gz.length >> 1);
    // Z_SYNC_FLUSH makes zlib hand out what it decoded instead of failing on the missing end.
    const prefix = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH });
    const complete =
      prefix
        .subarray(0, prefix.lastIndexOf(10) + 1)
        .toString()
        .split('\n').length - 1;
    const r = await ingestWithBothEngines(stores, write('cut.log.gz', cut));
    expect(r.rows).toBe(complete - header.length);
    expect(r.rejects.at(-1)?.reason).toMatch(
      new RegExp(`after decompressed byte ${prefix.length} \\(in line ${complete + 1}\\).*cut short`),
    );
  });

  it('gzip: a valid empty .gz (as logrotate writes) is an empty file, not a failure', async () => {
    for (const e of engines) {
      const r = await ingestOne(e, write(`${e}-empty.log.gz`, gzipSync(Buffer.alloc(0))));
      expect(r.outcome.status).toBe('empty');
      expect(r.outcome.error).toBeUndefined();
    }
  });

  it('CR-only files are refused with a clear message, not counted as empty', async () => {
    const cr = {
      'cr.log': tsv([tsvRow(), tsvRow()]).replaceAll('\n', '\r'),
      'cr.json.log': lines([jsonRow(), jsonRow()]).replaceAll('\n', '\r'),
    };
    for (const [name, text] of Object.entries(cr)) {
      for (const e of engines) {
        const r = await ingestOne(e, write(`${e}-${name}`, text));
        expect(r.outcome.status).toBe('failed');
        expect(r.outcome.message).toMatch(/carriage return alone .*tr '\\r' '\\n'/);
      }
    }
  });
});
