import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportDefaults } from '../importer.js';
import type { IntelItem } from '../model.js';
import {
  entities,
  indicators,
  notes,
  observables,
  problems,
  relationships,
  runImporter,
} from '../run-importer.test-helper.js';
import { createStixImporter, type StixTally, stixImporter } from './stix-importer.js';

const importFile = (file: string, defaults: ImportDefaults = {}) =>
  runImporter(stixImporter, file, [], defaults);

const dir = mkdtempSync(path.join(tmpdir(), 'mamori-stix-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
function bundleFile(objects: unknown[]): string {
  const file = path.join(dir, `b${++fileNo}.json`);
  writeFileSync(file, JSON.stringify({ type: 'bundle', id: 'bundle--1', objects }));
  return file;
}

const u = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ind = (n: number, pattern: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--${u(n)}`,
  pattern,
  pattern_type: 'stix',
  valid_from: '2020-01-01T00:00:00Z',
  ...extra,
});

describe('stixImporter on built bundles', () => {
  it('reads TLP from the fixed marking ids and from marking definitions anywhere in the bundle', async () => {
    const items = await importFile(
      bundleFile([
        ind(1, "[domain-name:value = 'a.example.com']", {
          object_marking_refs: ['marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9'],
        }),
        ind(2, "[domain-name:value = 'b.example.com']", {
          object_marking_refs: [
            'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
            'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
          ],
        }),
        ind(3, "[domain-name:value = 'c.example.com']", {
          object_marking_refs: [`marking-definition--${u(50)}`],
        }),
        ind(4, "[domain-name:value = 'd.example.com']"),
        ind(5, "[domain-name:value = 'e.example.com']", {
          object_marking_refs: [`marking-definition--${u(51)}`],
        }),
        {
          type: 'marking-definition',
          id: `marking-definition--${u(50)}`,
          definition_type: 'tlp',
          definition: { tlp: 'red' },
        },
        {
          type: 'marking-definition',
          spec_version: '2.1',
          id: `marking-definition--${u(51)}`,
          name: 'TLP:AMBER',
          extensions: { 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { tlp_2_0: 'amber' } },
        },
      ]),
      { tlp: 'green' },
    );
    expect(indicators(items).map((i) => [i.value, i.tlp])).toEqual([
      ['a.example.com', 'clear'],
      ['b.example.com', 'amber+strict'],
      ['c.example.com', 'red'],
      ['d.example.com', 'green'],
      ['e.example.com', 'amber'],
    ]);
  });

  it('copies indicator fields, keeps partial and unmatchable patterns flagged, and reports bad ones', async () => {
    const items = await importFile(
      bundleFile([
        ind(1, "[ipv4-addr:value = '198.51.100.1'] AND [domain-name:value = 'x.example.com']", {
          valid_until: '2021-01-01T00:00:00Z',
          confidence: 80,
          revoked: true,
          name: 'C2',
          description: 'the C2 pair',
        }),
        ind(2, "[process:name = 'evil.exe']"),
        ind(3, "[domain-name:value = 'x.example.com'", {}),
        ind(4, 'alert tcp any any -> any any (msg:"x";)', { pattern_type: 'snort' }),
        ind(5, "[file:hashes.MD5 = 'zz']"),
      ]),
    );
    const got = indicators(items);
    expect(got).toHaveLength(2);
    expect(got[0]).toEqual({
      ref: `indicator--${u(1)}`,
      type: 'ipv4',
      value: '198.51.100.1',
      pattern: "[ipv4-addr:value = '198.51.100.1'] AND [domain-name:value = 'x.example.com']",
      validFrom: '2020-01-01T00:00:00Z',
      validUntil: '2021-01-01T00:00:00Z',
      confidence: 80,
      description: 'the C2 pair',
      revoked: true,
    });
    expect(got[1]?.confidence).toBe(80);
    expect(observables(items).map((o) => [o.ref, o.kind])).toEqual([
      [`indicator--${u(1)}`, 'stix-pattern-partial'],
      [`indicator--${u(2)}`, 'stix-pattern'],
      [`indicator--${u(4)}`, 'snort-pattern'],
    ]);
    expect(observables(items)[1]?.reason).toContain('process:name');
    const probs = problems(items);
    expect(probs[0]).toMatch(
      new RegExp(
        `^object 2 \\(indicator--${u(3)}\\) at byte \\d+, line 1: pattern does not parse: column 37: expected "\\]"`,
      ),
    );
    expect(probs[1]).toContain(`indicator--${u(5)}`);
    expect(probs[1]).toContain('not a md5');
  });

  it('emits relationships, dangling ones included, and counts the rest in one summary problem', async () => {
    let tally: StixTally | undefined;
    const importer = createStixImporter({ onTally: (t) => (tally = t) });
    const file = bundleFile([
      {
        type: 'relationship',
        id: `relationship--${u(1)}`,
        relationship_type: 'uses',
        source_ref: `intrusion-set--${u(8)}`,
        target_ref: `malware--${u(9)}`,
        start_time: '2019-01-01T00:00:00Z',
      },
      {
        type: 'relationship',
        id: `relationship--${u(2)}`,
        relationship_type: 'mitigates',
        source_ref: 'a--1',
        target_ref: 'b--2',
      },
      {
        type: 'relationship',
        id: `relationship--${u(3)}`,
        relationship_type: 'uses',
        source_ref: 'a--1',
        target_ref: 'b--2',
        revoked: true,
      },
      { type: 'relationship', id: `relationship--${u(4)}`, relationship_type: 'uses', source_ref: 'a--1' },
      { type: 'course-of-action', id: `course-of-action--${u(5)}`, name: 'x' },
      { type: 'x-mitre-tactic', id: `x-mitre-tactic--${u(6)}` },
      { type: 'identity', id: `identity--${u(7)}`, name: 'x' },
      {
        type: 'sighting',
        id: `sighting--${u(10)}`,
        sighting_of_ref: `indicator--${u(1)}`,
        count: 4,
        first_seen: '2020-01-01T00:00:00Z',
        where_sighted_refs: [`identity--${u(7)}`],
      },
      { type: 'sighting', id: `sighting--${u(11)}`, sighting_of_ref: `indicator--${u(2)}` },
      {
        type: 'report',
        id: `report--${u(12)}`,
        name: 'R',
        published: '2020-02-02T00:00:00Z',
        object_refs: [`malware--${u(9)}`, `indicator--${u(1)}`, `identity--${u(7)}`],
        external_references: [{ source_name: 'x' }, { source_name: 'y', url: 'https://example.com/r' }],
      },
    ]);
    const items: IntelItem[] = [];
    for await (const i of importer.read({
      path: file,
      source: 't',
      defaults: {},
      knownNames: async () => [],
    }))
      items.push(i);
    expect(relationships(items)).toEqual([
      {
        sourceRef: `intrusion-set--${u(8)}`,
        type: 'uses',
        targetRef: `malware--${u(9)}`,
        firstSeen: '2019-01-01T00:00:00Z',
      },
      { sourceRef: `report--${u(12)}`, type: 'mentions', targetRef: `malware--${u(9)}` },
      { sourceRef: `report--${u(12)}`, type: 'mentions', targetRef: `indicator--${u(1)}` },
    ]);
    expect(items.flatMap((i) => (i.kind === 'sighting' ? [i.sighting] : []))).toEqual([
      {
        ref: `indicator--${u(1)}`,
        count: 4,
        firstSeen: '2020-01-01T00:00:00Z',
        observer: `identity--${u(7)}`,
      },
      { ref: `indicator--${u(2)}`, count: 1 },
    ]);
    expect(entities(items)[0]).toMatchObject({
      type: 'report',
      url: 'https://example.com/r',
      published: '2020-02-02T00:00:00Z',
    });
    const probs = problems(items);
    expect(probs[0]).toContain('lacks relationship_type, source_ref or target_ref');
    expect(probs.some((p) => p.includes('course-of-action'))).toBe(false);
    // 13.6: objects of a type the knowledge base does not keep are skipped by design, not bad records.
    expect(notes(items)).toEqual([
      'skipped by design: 1 course-of-action objects not used (the knowledge base keeps no such objects); 1 mitigates relationships, 1 revoked relationships not used; 1 report object_refs not kept (they name neither an entity nor an indicator)',
    ]);
    expect(tally?.skipped.get('x-mitre-tactic')).toBe(1);
    expect(tally?.types.get('relationship')).toBe(4);
  });

  it('is not polluted by __proto__ or constructor keys', async () => {
    const file = path.join(dir, 'proto.json');
    writeFileSync(
      file,
      `{"type":"bundle","id":"bundle--1","__proto__":{"polluted":1},"objects":[
        {"type":"malware","id":"malware--${u(1)}","name":"M","__proto__":{"polluted":2},"constructor":{"prototype":{"polluted":3}},"aliases":["__proto__","constructor"],"x_mitre_aliases":{"__proto__":1}},
        {"type":"__proto__","id":"__proto__--${u(2)}","__proto__":{"polluted":4}},
        {"type":"constructor","id":"constructor--${u(3)}"},
        {"type":"indicator","id":"indicator--${u(4)}","name":"__proto__","pattern":"[x:__proto__ = 'a']","__proto__":{"pattern":"[domain-name:value = 'p.example.com']"}},
        {"type":"relationship","id":"relationship--${u(5)}","__proto__":{"relationship_type":"uses","source_ref":"a--1","target_ref":"b--1"}}
      ]}`,
    );
    const items = await importFile(file);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const m = entities(items)[0];
    expect(m?.aliases).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
    expect(m && Object.hasOwn(m, 'polluted')).toBe(false);
    expect(indicators(items)).toEqual([]);
    expect(observables(items)).toHaveLength(1);
    expect(problems(items).some((p) => p.includes('lacks relationship_type'))).toBe(true);
    expect(notes(items).at(-1)).toContain('1 __proto__, 1 constructor objects');
  });
});
