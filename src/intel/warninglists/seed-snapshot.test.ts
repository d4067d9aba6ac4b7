import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/open-store.js';
import { importIntelFile } from '../import-file.js';
import { ensureWarninglists, noSnapshotEnv, snapshotDisabled } from './seed-snapshot.js';
import { warninglistMembership } from './warninglist-membership.js';
import { buildSnapshot, type SnapshotList } from './warninglist-snapshot.js';
import { describeWarninglistStatus, warninglistStatus, warninglistWarning } from './warninglist-status.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'mamori-wl-seed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function list(name: string, entries: string[]): SnapshotList {
  return {
    name,
    description: name,
    version: '1',
    matchType: 'cidr',
    category: 'false-positive',
    matchingAttributes: ['ip-dst'],
    url: `https://example.invalid/${name}`,
    entries,
  };
}

/** A snapshot file of our own, dated `date`. */
function snapshotFile(date: string, lists: SnapshotList[]): string {
  const file = path.join(tmp, `snap-${date}.json.gz`);
  const doc = buildSnapshot(
    { date, upstream: { repository: 'test', ref: 'x', commit: null }, builtFrom: 'test' },
    lists,
  );
  writeFileSync(file, gzipSync(JSON.stringify(doc)));
  return file;
}

const env = {};
const now = new Date('2026-12-07T12:00:00Z');

describe('warninglistStatus', () => {
  it('13.2: names the shipped snapshot and its date, and warns only when none or over 90 days old', () => {
    const none = warninglistStatus([], now);
    expect(describeWarninglistStatus(none)).toBe('warninglists: none');
    expect(warninglistWarning(none)).toMatch(
      /^No warninglists are installed.*mamori intel update.*mamori intel import DIR/,
    );
    const snap = [
      {
        source: 'warninglist-snapshot-2026-08-20',
        kind: 'warninglist-snapshot',
        importedAt: '2026-12-01T00:00:00Z',
        lists: 23,
      },
    ];
    const old = warninglistStatus(snap, now);
    expect(describeWarninglistStatus(old)).toBe('warninglists: shipped snapshot of 2026-08-20 (23 lists)');
    expect(old.ageDays).toBe(109);
    expect(warninglistWarning(old)).toBe(
      'The warninglists are 109 days old (shipped snapshot of 2026-08-20, 23 lists): refresh with `mamori intel update`, or offline `mamori intel import DIR` from a copy of MISP/misp-warninglists (DIR/lists/<name>/list.json, or DIR/<name>.json).',
    );
    // The snapshot's own date counts, not the day it was installed: the same store is fresh in September.
    expect(warninglistWarning(warninglistStatus(snap, new Date('2026-09-01T00:00:00Z')))).toBeNull();
    const mixed = warninglistStatus(
      [
        ...snap,
        {
          source: 'warninglist-amazon-aws',
          kind: 'warninglist',
          importedAt: '2026-12-06T10:00:00Z',
          lists: 40,
        },
      ],
      now,
    );
    expect(describeWarninglistStatus(mixed)).toBe(
      'warninglists: 40 lists imported 2026-12-06, and 23 from the shipped snapshot of 2026-08-20',
    );
  });

  it('13.2: the switch that keeps the snapshot out', () => {
    expect(snapshotDisabled({ [noSnapshotEnv]: '1' })).toBe(true);
    expect(snapshotDisabled({ [noSnapshotEnv]: '0' })).toBe(false);
    expect(snapshotDisabled({})).toBe(false);
  });
});

describe('ensureWarninglists', () => {
  it('13.2: installs the snapshot once into a store without warninglists, then a newer one over an older', async () => {
    const store = await openStore({ dataDir: path.join(tmp, 'a') });
    try {
      const older = snapshotFile('2026-01-01', [list('net-a', ['192.0.2.0/24'])]);
      const first = await ensureWarninglists(store, { snapshotPath: older, env, now });
      expect(first.seeded?.status).toBe('imported');
      expect(describeWarninglistStatus(first.status)).toBe(
        'warninglists: shipped snapshot of 2026-01-01 (1 list)',
      );
      expect(await store.intel.warninglistsOf(['192.0.2.9'])).toEqual(new Map([['192.0.2.9', ['net-a']]]));
      // Past 16 values the query goes through a temp table instead of parameters: the same answer.
      const many = [...Array.from({ length: 20 }, (_, i) => `unlisted-${i}.example`), '192.0.2.9'];
      expect(await store.intel.warninglistsOf(many)).toEqual(new Map([['192.0.2.9', ['net-a']]]));
      const again = await ensureWarninglists(store, { snapshotPath: older, env, now });
      expect(again.seeded).toBeNull();
      const newer = snapshotFile('2026-02-01', [list('net-a', ['198.51.100.0/24'])]);
      const up = await ensureWarninglists(store, { snapshotPath: newer, env, now });
      expect(up.seeded?.status).toBe('imported');
      expect(up.status.snapshot).toEqual({ lists: 1, date: '2026-02-01' });
      expect(await store.intel.warninglistsOf(['192.0.2.9', '198.51.100.1'])).toEqual(
        new Map([['198.51.100.1', ['net-a']]]),
      );
    } finally {
      await store.close();
    }
  });

  it('13.2: never replaces lists the user imported, and does nothing when switched off', async () => {
    const store = await openStore({ dataDir: path.join(tmp, 'b') });
    try {
      const snap = snapshotFile('2026-03-01', [list('net-a', ['192.0.2.0/24'])]);
      const off = await ensureWarninglists(store, { snapshotPath: snap, env: { [noSnapshotEnv]: '1' }, now });
      expect(off.seeded).toBeNull();
      expect(off.status.lists).toBe(0);
      const own = path.join(tmp, 'own.json');
      writeFileSync(
        own,
        JSON.stringify({
          description: 'd',
          list: ['203.0.113.0/24'],
          matching_attributes: [],
          name: 'own',
          type: 'cidr',
          version: 1,
        }),
      );
      expect((await importIntelFile(own, { store })).status).toBe('imported');
      const after = await ensureWarninglists(store, { snapshotPath: snap, env, now });
      expect(after.seeded).toBeNull();
      expect(after.status.imported?.lists).toBe(1);
      expect(after.status.snapshot).toBeNull();
    } finally {
      await store.close();
    }
  });
});

describe('warninglistMembership', () => {
  it('13.6: answers from the snapshot while the store has no lists, then from the store', async () => {
    const store = await openStore({ dataDir: path.join(tmp, 'c') });
    try {
      const snap = snapshotFile('2026-04-01', [list('resolvers', ['192.0.2.53'])]);
      const before = await warninglistMembership(store, 'ipv4', '192.0.2.53', { snapshotPath: snap, env });
      expect(before).toEqual({
        lists: [{ name: 'resolvers', benign: true }],
        consulted: 'warninglists: shipped snapshot of 2026-04-01 (1 list)',
      });
      const vpn = path.join(tmp, 'vpn-ipv4.json');
      writeFileSync(
        vpn,
        JSON.stringify({
          description: 'v',
          list: ['192.0.2.0/24'],
          matching_attributes: [],
          name: 'vpn',
          type: 'cidr',
          version: 1,
        }),
      );
      await importIntelFile(vpn, { store });
      const after = await warninglistMembership(store, 'ipv4', '192.0.2.53', { snapshotPath: snap, env });
      // vpn-ipv4 only gives context: the value is still matched.
      expect(after.lists).toEqual([{ name: 'vpn-ipv4', benign: false }]);
      expect(after.consulted).toMatch(/^warninglists: 1 list imported \d{4}-\d{2}-\d{2}$/);
    } finally {
      await store.close();
    }
  });
});
