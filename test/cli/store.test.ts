import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-store-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'orig_bytes'];
const types = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'count'];
const log = (rows: string[]) => `${zeekHeaderLines('conn', fields, types).join('\n')}\n${rows.join('\n')}\n`;

it('H2: mamori store delete --batch removes a bad batch without losing the store; the file can be ingested again', async () => {
  const logs = join(dir, 'logs');
  const data = join(dir, 'data');
  mkdirSync(logs);
  writeFileSync(
    join(logs, 'good.log'),
    log(['1700000000.000000\tCa\t10.0.0.1\t1\t192.0.2.1\t443\ttcp\t100']),
  );
  // A count Zeek allows (unsigned 64-bit), which once made every detect and hunt fail.
  writeFileSync(
    join(logs, 'bad.log'),
    log(['1700000001.000000\tCb\t10.0.0.2\t1\t192.0.2.2\t443\ttcp\t18446744073709551615']),
  );
  expect((await run('ingest', '--data', data, '--no-progress', logs)).code).toBe(0);
  expect((await run('detect', '--data', data)).code).toBe(0);

  const listed = JSON.parse((await run('store', 'batches', '--data', data, '--json')).out) as {
    batches: { id: number; sourceFile: string; rows: number }[];
  };
  const bad = listed.batches.find((b) => b.sourceFile.endsWith('bad.log'));
  expect(bad?.rows).toBe(1);
  const table = await run('store', 'batches', '--data', data);
  expect(table.out).toMatch(/^batch\s+ingested\s+sensor/);

  const dry = await run('store', 'delete', '--batch', String(bad?.id), '--data', data, '--dry-run');
  expect(dry.code).toBe(0);
  expect(dry.out).toMatch(/would delete/);
  expect(dry.out).toMatch(/conn\s+1/);
  expect(dry.out).toMatch(/detection runs\s+1/);

  const done = await run('store', 'delete', '--batch', String(bad?.id), '--data', data, '--json');
  expect(done.code).toBe(0);
  expect(JSON.parse(done.out)).toMatchObject({
    dryRun: false,
    rows: { conn: 1 },
    ledgerEntries: 1,
    detectRuns: 1,
  });
  const left = await run('query', '--data', data, '--format', 'json', 'SELECT uid FROM conn ORDER BY uid');
  expect(left.out).toContain('Ca');
  expect(left.out).not.toContain('Cb');

  const again = JSON.parse((await run('ingest', '--data', data, '--no-progress', '--json', logs)).out) as {
    rows: number;
  };
  expect(again.rows).toBe(1);

  expect((await run('store', 'delete', '--batch', '999', '--data', data)).code).toBe(1);
  expect((await run('store', 'delete', '--batch', 'x', '--data', data)).code).toBe(2);
  expect((await run('store', 'delete', '--data', data)).code).toBe(2);
}, 60_000);

it('store delete after rotation: the ledger entry of the rotated stream goes, so its rows come back on re-ingest', async () => {
  const logs = join(dir, 'rotated-logs');
  const data = join(dir, 'rotated-data');
  mkdirSync(logs);
  const body = log(['1700000000.000000\tCr\t10.0.0.1\t1\t192.0.2.1\t443\ttcp\t100']);
  writeFileSync(join(logs, 'conn.log'), body);
  expect((await run('ingest', '--data', data, '--no-progress', logs)).code).toBe(0);
  // Zeek's rotation: the live file is compressed under a dated name and a new one is started.
  rmSync(join(logs, 'conn.log'));
  writeFileSync(join(logs, 'conn.2023-11-14.log.gz'), gzipSync(body));
  expect((await run('ingest', '--data', data, '--no-progress', logs)).code).toBe(0);
  const listed = JSON.parse((await run('store', 'batches', '--data', data, '--json')).out) as {
    batches: { id: number; rows: number }[];
  };
  const first = listed.batches.find((b) => b.rows === 1);
  const done = JSON.parse(
    (await run('store', 'delete', '--batch', String(first?.id), '--data', data, '--json')).out,
  ) as { ledgerEntries: number };
  expect(done.ledgerEntries).toBe(1);
  const again = JSON.parse((await run('ingest', '--data', data, '--no-progress', '--json', logs)).out) as {
    rows: number;
  };
  expect(again.rows).toBe(1);
});
