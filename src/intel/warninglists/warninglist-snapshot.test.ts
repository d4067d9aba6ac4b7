import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../../../test/helpers/shared-data.js';
import { addressSpaceWarninglists, contextWarninglists } from '../../domain/warninglist-roles.js';
import { buildWarninglistSnapshot, mirrorListFile } from './build-snapshot.js';
import { warninglistSnapshotImporter } from './snapshot-importer.js';
import {
  parseSnapshot,
  shippedSnapshotPath,
  snapshotFormat,
  snapshotWarninglists,
  upstreamListUrl,
} from './warninglist-snapshot.js';

const commit = '84f0610aaf3b32159285c9b85510d0f415ea6b27';
const tmp = mkdtempSync(path.join(tmpdir(), 'mamori-wl-snap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const root = path.resolve(import.meta.dirname, '../../..');

describe('the shipped warninglist snapshot', () => {
  const file = shippedSnapshotPath();

  it('13.2: is found from the package root, dated, with its upstream commit and CC0 licence', () => {
    expect(file).toBe(path.join(root, 'data', 'warninglists', 'misp-warninglists.snapshot.json.gz'));
    const snap = parseSnapshot(gunzipSync(readFileSync(file as string)).toString('utf8'), 'shipped');
    expect(snap.format).toBe(snapshotFormat);
    expect(snap.date).toBe('2026-08-20');
    expect(snap.upstream.commit).toBe(commit);
    expect(snap.license).toMatch(/^CC0-1\.0/);
    // Under a megabyte: it ships in the npm package.
    expect(statSync(file as string).size).toBeLessThan(1024 * 1024);
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).files).toContain('data');
  });

  it('13.2: holds the cloud, CDN, top-site, resolver and address-space lists, and no context list', () => {
    const snap = parseSnapshot(gunzipSync(readFileSync(file as string)).toString('utf8'), 'shipped');
    const names = snap.lists.map((l) => l.name);
    expect(names).toEqual([...snapshotWarninglists].sort((a, b) => a.localeCompare(b)));
    for (const n of addressSpaceWarninglists) expect(names).toContain(n);
    for (const n of contextWarninglists) expect(names).not.toContain(n);
    for (const n of ['amazon-aws', 'akamai', 'tranco10k', 'public-dns-v4', 'public-dns-hostname'])
      expect(names).toContain(n);
    for (const l of snap.lists) {
      expect(l.url).toBe(upstreamListUrl(l.name, commit));
      expect(l.version).not.toBe('');
      expect(l.entries.length).toBeGreaterThan(0);
    }
    expect(snap.lists.find((l) => l.name === 'public-dns-v4')?.entries).toContain('8.8.8.8');
  });

  it('13.2: is read by its own importer, which intel import sniffs', async () => {
    const head = gunzipSync(readFileSync(file as string))
      .subarray(0, 200)
      .toString('utf8');
    expect(warninglistSnapshotImporter.sniff(head, file as string)).toBe(true);
  });
});

/** A small MISP-style list of our own. */
function misp(name: string, list: string[], type = 'cidr', version = 20260101) {
  return JSON.stringify({
    description: `${name} test list`,
    list,
    matching_attributes: ['ip-dst'],
    name,
    type,
    version,
  });
}

describe('buildWarninglistSnapshot', () => {
  it('13.2: reads a mirror in either layout: DIR/lists/<name>/list.json and DIR/<name>.json', async () => {
    const dir = path.join(tmp, 'mirror');
    mkdirSync(path.join(dir, 'lists', 'net-a'), { recursive: true });
    writeFileSync(
      path.join(dir, 'lists', 'net-a', 'list.json'),
      misp('Net A', ['192.0.2.0/24', '192.0.2.7']),
    );
    writeFileSync(path.join(dir, 'net-b.json'), misp('Net B', ['198.51.100.0/24']));
    expect(mirrorListFile(dir, 'net-a')).toBe(path.join(dir, 'lists', 'net-a', 'list.json'));
    expect(mirrorListFile(dir, 'net-b')).toBe(path.join(dir, 'net-b.json'));
    const snap = await buildWarninglistSnapshot({
      names: ['net-b', 'net-a'],
      from: dir,
      commit,
      date: '2026-01-02',
    });
    expect(snap.date).toBe('2026-01-02');
    expect(snap.builtFrom).toMatch(/local mirror/);
    expect(snap.lists.map((l) => [l.name, l.version, l.entries])).toEqual([
      ['net-a', '20260101', ['192.0.2.0/24', '192.0.2.7']],
      ['net-b', '20260101', ['198.51.100.0/24']],
    ]);
    await expect(buildWarninglistSnapshot({ names: ['gone'], from: dir })).rejects.toThrow(
      /no gone list \(looked for lists\/gone\/list\.json and gone\.json\)/,
    );
  });

  it('13.2: fetches lists/<name>/list.json from GitHub at the ref by default', async () => {
    const asked: string[] = [];
    const fetchImpl = (async (url: string | URL | Request) => {
      asked.push(String(url));
      return new Response(misp('Net C', ['203.0.113.0/24']));
    }) as typeof fetch;
    const snap = await buildWarninglistSnapshot({
      names: ['net-c'],
      ref: 'main',
      date: '2026-03-04',
      fetchImpl,
    });
    expect(asked).toEqual([
      'https://raw.githubusercontent.com/MISP/misp-warninglists/main/lists/net-c/list.json',
    ]);
    expect(snap.upstream).toEqual({
      repository: 'https://github.com/MISP/misp-warninglists',
      ref: 'main',
      commit: null,
    });
    expect(snap.lists[0]?.url).toBe(asked[0]);
  });
});

describeWithSharedData('the shipped snapshot against the MISP mirror', () => {
  it('13.2: is exactly what the build script makes from the mirror at the recorded commit', async () => {
    const snap = await buildWarninglistSnapshot({
      names: snapshotWarninglists,
      from: sharedData('intel/misp-warninglists'),
      commit,
      date: '2026-08-20',
    });
    const built = gzipSync(JSON.stringify(snap), { level: 9 });
    expect(built.equals(readFileSync(shippedSnapshotPath() as string))).toBe(true);
  });
});
