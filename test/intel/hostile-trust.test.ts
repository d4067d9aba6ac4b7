// M6 (issue 12): a 439-byte STIX bundle declared "APT10", "PlugX" and "Lazarus Group" as aliases of a
// made-up actor; `intel show APT10` then returned the fake and `--actor APT10` linked to nothing.
// ATT&CK and the galaxies outrank an unknown bundle, whichever is imported first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEntity } from '../../src/cli/commands/intel/intel-show.js';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { attack, bundle, fake, stamp, u } from './trust-fixtures.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function freshStore() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-intel-trust-'));
  dirs.push(dir);
  const file = (name: string, body: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, body);
    return p;
  };
  const store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
  return { store, file };
}

async function expectAttackWins(store: DuckDBStore) {
  const apt10 = await store.intel.findEntities('APT10');
  expect(apt10.map((e) => [e.name, e.attackIds])).toEqual([['APT10', ['G0045']]]);
  expect((await store.intel.findEntities('G0045')).map((e) => e.name)).toEqual(['APT10']);
  expect((await store.intel.findEntities('Lazarus Group')).map((e) => e.name)).toEqual(['Lazarus Group']);
  expect((await store.intel.findEntities('PlugX')).map((e) => [e.name, e.type])).toEqual([
    ['PlugX', 'malware'],
  ]);
  // The fake keeps its own name and the alias nobody else defines.
  const heron = await store.intel.findEntities('Quiet Heron');
  expect(heron.map((e) => [e.name, e.aliases])).toEqual([['Quiet Heron', ['Heron Team']]]);
  const evil = await store.intel.findEntities('Evil Panda');
  expect(evil.map((e) => [e.name, e.attackIds])).toEqual([['Evil Panda', []]]);
  const conflicts = await store.intel.nameConflicts({ entityId: apt10[0]?.id ?? '' });
  expect(conflicts.map((c) => [c.source, c.claim, c.kind, c.claimant.name, c.owner.name]).sort()).toEqual([
    ['fake', 'APT10', 'name', 'Quiet Heron', 'APT10'],
    ['fake', 'G0045', 'attack-id', 'Evil Panda', 'APT10'],
  ]);
  const detail = await store.intel.entityDetail(apt10[0]?.id ?? '');
  if (!detail) throw new Error('APT10 missing');
  const shown = describeEntity(detail, [], conflicts);
  expect(shown).toMatch(/claims refused \(2; a more trusted source defines them\)/);
  expect(shown).toMatch(/name "APT10": source "fake" gave it to Quiet Heron; it is APT10's \(attack\)/);
}

async function expectActorLinks(store: DuckDBStore, file: (n: string, b: string) => string) {
  const list = file('apt10-c2.txt', 'c2.apt10.example\n');
  const r = await importIntelPaths([list], { store, defaults: { actor: 'APT10' } });
  expect(r.outcomes[0]?.stubs).toEqual([]);
  const [apt10] = await store.intel.findEntities('APT10');
  const detail = await store.intel.entityDetail(apt10?.id ?? '');
  expect(detail?.indicatorsBySource).toEqual([{ source: 'apt10-c2', type: 'domain', count: 1 }]);
}

describe('M6: an unknown bundle cannot take the names of ATT&CK entities', () => {
  it('M6: imported after ATT&CK, the fake loses APT10, PlugX, Lazarus Group and G0045, listed as conflicts', async () => {
    const { store, file } = await freshStore();
    try {
      await importIntelPaths([file('attack.json', attack)], { store });
      const r = await importIntelPaths([file('fake.json', fake)], { store });
      const o = r.outcomes[0];
      expect(o?.status).toBe('imported');
      expect(o?.conflicts.map((c) => `${c.claim} → ${c.owner.name}`).sort()).toEqual([
        'APT10 → APT10',
        'G0045 → APT10',
        'Lazarus Group → Lazarus Group',
        'PlugX → PlugX',
      ]);
      await expectAttackWins(store);
      await expectActorLinks(store, file);
    } finally {
      await store.close();
    }
  });

  it('M6: imported before ATT&CK, the fake still loses: the later ATT&CK import wins every name', async () => {
    const { store, file } = await freshStore();
    try {
      await importIntelPaths([file('fake.json', fake)], { store });
      const r = await importIntelPaths([file('attack.json', attack)], { store });
      expect(r.outcomes[0]?.conflicts.map((c) => c.claim).sort()).toEqual([
        'APT10',
        'G0045',
        'Lazarus Group',
        'PlugX',
      ]);
      await expectAttackWins(store);
      await expectActorLinks(store, file);
    } finally {
      await store.close();
    }
  });

  it('M6: --trusted makes a source a reference; the same bundle unvetted loses the alias', async () => {
    const { store, file } = await freshStore();
    try {
      await importIntelPaths([file('attack.json', attack)], { store });
      // A vendor bundle the user vouches for may name its actor with an alias ATT&CK uses elsewhere.
      const vendor = bundle([
        {
          type: 'intrusion-set',
          id: `intrusion-set--${u(201)}`,
          ...stamp,
          name: 'Korplug Crew',
          aliases: ['Korplug'],
        },
      ]);
      const r = await importIntelPaths([file('vendor.json', vendor)], { store, trusted: true });
      expect(r.outcomes[0]?.conflicts).toEqual([]);
      expect((await store.intel.findEntities('Korplug Crew')).map((e) => e.aliases)).toEqual([['Korplug']]);
      // The same bundle unvetted, in a store without the trusted one, loses the alias.
      const other = await freshStore();
      try {
        await importIntelPaths([other.file('attack.json', attack)], { store: other.store });
        const again = await importIntelPaths([other.file('vendor.json', vendor)], { store: other.store });
        expect(again.outcomes[0]?.conflicts.map((c) => c.claim)).toEqual(['Korplug']);
        expect((await other.store.intel.findEntities('Korplug Crew')).map((e) => e.aliases)).toEqual([[]]);
      } finally {
        await other.store.close();
      }
    } finally {
      await store.close();
    }
  });

  it('M6: a vendor bundle naming APT10 by its own aliases still merges into APT10', async () => {
    const { store, file } = await freshStore();
    try {
      await importIntelPaths([file('attack.json', attack)], { store });
      const vendor = bundle([
        {
          type: 'intrusion-set',
          id: `intrusion-set--${u(301)}`,
          ...stamp,
          name: 'Granite Taurus',
          aliases: ['menuPass', 'APT10'],
        },
        // A report's title is nobody's alias, even when it is a group's name.
        {
          type: 'report',
          id: `report--${u(302)}`,
          ...stamp,
          name: 'Lazarus Group',
          published: '2020-01-01T00:00:00Z',
          object_refs: [`intrusion-set--${u(301)}`],
        },
      ]);
      const r = await importIntelPaths([file('unit42.json', vendor)], { store });
      expect(r.outcomes[0]?.conflicts).toEqual([]);
      const found = await store.intel.findEntities('Granite Taurus');
      expect(found.map((e) => [e.name, e.attackIds])).toEqual([['APT10', ['G0045']]]);
    } finally {
      await store.close();
    }
  });
});
