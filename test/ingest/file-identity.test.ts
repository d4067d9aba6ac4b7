import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import { countTarget, openTempStore, scratchDir, type TempStore } from './ingest-helpers.js';

const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service'];
const types = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string'];

/** A conn log of `n` rows whose middle row's responder is `middle`; every row has the same length. */
function connLog(n: number, middle: string): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const changed = i === Math.floor(n / 2) && middle !== '192.0.2.10';
    const resp = changed ? middle : '192.0.2.10';
    return `${1713484800 + i}.000000\t${changed ? 'X' : 'C'}${String(i).padStart(8, '0')}\t10.0.0.1\t${40000 + (i % 20000)}\t${resp}\t443\ttcp\tssl`;
  });
  return `${[...zeekHeaderLines('conn', fields, types), ...rows].join('\n')}\n`;
}

describe('file identity', () => {
  let s: TempStore;
  let dir: string;
  beforeAll(async () => {
    s = await openTempStore('identity', 'native');
    dir = scratchDir('identity-in');
  });
  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two different files with the same size and the same first and last 64 KiB are both read', async () => {
    // About 400 KiB: the changed row sits far from both sampled ends.
    const a = path.join(dir, 'a-conn.log');
    const b = path.join(dir, 'b-conn.log');
    writeFileSync(a, connLog(6000, '192.0.2.10'));
    writeFileSync(b, connLog(6000, '192.0.2.99'));
    expect((await s.ingest([a])).rows).toBe(6000);
    const r = await s.ingest([b]);
    expect(r.outcomes[0]?.status, r.outcomes[0]?.message).not.toBe('unchanged');
    // B's rows other than the changed one are duplicates of A's; the changed one is new.
    expect(await countTarget(s.store, 'conn:closed')).toBe(6001);
    expect(
      (await s.store.query(`SELECT count(*)::INT AS n FROM conn WHERE resp_h = '192.0.2.99'`))[0]?.['n'],
    ).toBe(1);
  });

  it('a file of the same size whose sampled tail differs is not taken as the known one through the resume anchor', async () => {
    // Same header, first record and last 256 bytes; one row inside the last 64 KiB differs.
    const c = path.join(dir, 'c-conn.log');
    const d = path.join(dir, 'd-conn.log');
    const rows = (changed: boolean) =>
      connLog(6000, '192.0.2.10')
        .split('\n')
        .map((l, i, all) => (changed && i === all.length - 20 ? l.replace('192.0.2.10', '192.0.2.77') : l))
        .join('\n');
    writeFileSync(c, rows(false).replaceAll('\tC0', '\tK0'));
    writeFileSync(d, rows(true).replaceAll('\tC0', '\tK0'));
    expect((await s.ingest([c])).outcomes[0]?.status).toBe('ingested');
    const r = await s.ingest([d]);
    expect(r.outcomes[0]?.status, r.outcomes[0]?.message).not.toBe('unchanged');
  });

  it('an identical copy under another name is still recognised as already read', async () => {
    const a = path.join(dir, 'a-conn.log');
    const copy = path.join(dir, 'copy-conn.log');
    copyFileSync(a, copy);
    const r = await s.ingest([copy]);
    expect(r.outcomes[0]?.status).toBe('unchanged');
  });
});
