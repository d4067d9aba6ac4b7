import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../../../../test/helpers/shared-data.js';
import { MamoriError } from '../../../errors.js';
import { readHeadText } from '../../read-text.js';
import { collectItems, ofKind, tempFile } from '../collect-items.test-helper.js';
import { mispGalaxyImporter } from './galaxy-importer.js';

const clusters = (name: string) => sharedData(`intel/misp-galaxy/clusters/${name}.json`);

describeWithSharedData('misp-galaxy importer on the real cluster files', () => {
  it('reads APT10 with its synonyms, country and ATT&CK id', async () => {
    const items = await collectItems(mispGalaxyImporter, clusters('threat-actor'));
    const apt10 = ofKind(items, 'entity').find((e) => e.entity.name === 'APT10')?.entity;
    expect(apt10).toBeDefined();
    expect(apt10?.ref).toBe('uuid:56b37b05-72e7-4a89-ba8a-61ce45269a8c');
    expect(apt10?.type).toBe('intrusion-set');
    expect(apt10?.country).toBe('CN');
    expect(apt10?.attackIds).toEqual(['G0045']);
    expect(apt10?.aliases).toEqual(
      expect.arrayContaining([
        'STONE PANDA',
        'Menupass Team',
        'Red Apollo',
        'Cloud Hopper',
        'Granite Taurus',
        'CVNX',
        'HOGFISH',
      ]),
    );
    expect(apt10?.aliases).not.toContain('G0045');
    expect(apt10?.attrs?.['cfr-suspected-state-sponsor']).toBe('China');
    expect(apt10?.attrs?.['cfr-suspected-victims']).toContain('Japan');
    // APT10's only `related` entry is a "similar" link to the mitre-intrusion-set menuPass cluster.
    const rels = ofKind(items, 'relationship').filter((r) => r.relationship.sourceRef === apt10?.ref);
    expect(rels.map((r) => r.relationship)).toEqual([
      {
        sourceRef: apt10?.ref,
        type: 'related-to',
        targetRef: 'uuid:222fbd21-fc4f-4b7e-9f85-0e6e3a76c33f',
        description: 'MISP galaxy relation "similar" (estimative-language:likelihood-probability="likely")',
      },
    ]);
    expect(ofKind(items, 'problem')).toEqual([]);
    expect(ofKind(items, 'entity')).toHaveLength(1041);
  });

  it('gives mitre-intrusion-set menuPass the STIX id the ATT&CK subset uses', async () => {
    const items = await collectItems(mispGalaxyImporter, clusters('mitre-intrusion-set'));
    const menuPass = ofKind(items, 'entity').find((e) => e.entity.name === 'menuPass')?.entity;
    expect(menuPass?.attackIds).toEqual(['G0045']);
    expect(menuPass?.aliases).toContain('APT10');
    expect(menuPass?.aliases).not.toContain('menuPass');
    const stixId = menuPass?.otherRefs?.[0] ?? '';
    expect(stixId).toBe('intrusion-set--222fbd21-fc4f-4b7e-9f85-0e6e3a76c33f');
    const subset = readFileSync(sharedData('intel/mitre-attack/menuPass-G0045-subset.stix20.json'), 'utf8');
    expect(subset).toContain(`"id": "${stixId}"`);
    const uses = ofKind(items, 'relationship').filter(
      (r) => r.relationship.sourceRef === menuPass?.ref && r.relationship.type === 'uses',
    );
    expect(uses.length).toBeGreaterThan(50);
  });

  it('strips the ATT&CK id from mitre-malware names', async () => {
    const items = await collectItems(mispGalaxyImporter, clusters('mitre-malware'));
    const plugx = ofKind(items, 'entity').find((e) => e.entity.attackIds.includes('S0013'))?.entity;
    expect(plugx?.name).toBe('PlugX');
    expect(plugx?.type).toBe('malware');
    expect(plugx?.otherRefs).toEqual(['malware--64fa0de0-6240-41f4-8638-f4ca7ed528fd']);
    expect(plugx?.aliases).toEqual(expect.arrayContaining(['Korplug', 'Sogu']));
  });

  it('reads malpedia PlugX with its Malpedia id', async () => {
    const items = await collectItems(mispGalaxyImporter, clusters('malpedia'));
    const plugx = ofKind(items, 'entity').find((e) => e.entity.name === 'PlugX')?.entity;
    expect(plugx?.type).toBe('malware');
    expect(plugx?.aliases).toEqual(expect.arrayContaining(['Korplug', 'Sogu']));
    expect(plugx?.attrs?.['malpedia-id']).toBe('win.plugx');
    expect(ofKind(items, 'entity')).toHaveLength(3683);
  });

  it.each([
    ['rat', 'malware', 270],
    ['backdoor', 'malware', 29],
    ['botnet', 'malware', 148],
    ['tool', 'tool', 608],
    ['mitre-tool', 'tool', 97],
  ])('imports %s as %s entities', async (file, type, count) => {
    const items = await collectItems(mispGalaxyImporter, clusters(file));
    const entities = ofKind(items, 'entity');
    expect(entities).toHaveLength(count);
    expect(entities.every((e) => e.entity.type === type)).toBe(true);
    expect(ofKind(items, 'problem')).toEqual([]);
  });

  it('reads used-by as uses from the actor', async () => {
    const items = await collectItems(mispGalaxyImporter, clusters('backdoor'));
    // SUNBURST is "used-by" a threat-actor cluster.
    const usedBy = ofKind(items, 'relationship').filter(
      (r) => r.relationship.targetRef === 'uuid:16902832-0118-40f2-b29e-eaba799b2bf4',
    );
    expect(usedBy.map((r) => r.relationship)).toContainEqual({
      sourceRef: 'uuid:d7247cf9-13b6-4781-b789-a5f33521633b',
      type: 'uses',
      targetRef: 'uuid:16902832-0118-40f2-b29e-eaba799b2bf4',
    });
  });

  it('sniffs cluster files only, not galaxy definitions or schemas', async () => {
    const yes = ['clusters/threat-actor.json', 'clusters/malpedia.json', 'clusters/mitre-tool.json'];
    const no = [
      'galaxies/threat-actor.json',
      'galaxies/malpedia.json',
      'schema_clusters.json',
      'schema_galaxies.json',
    ];
    for (const rel of yes) {
      const file = sharedData(`intel/misp-galaxy/${rel}`);
      expect(mispGalaxyImporter.sniff(await readHeadText(file), file), rel).toBe(true);
    }
    for (const rel of no) {
      const file = sharedData(`intel/misp-galaxy/${rel}`);
      expect(mispGalaxyImporter.sniff(await readHeadText(file), file), rel).toBe(false);
    }
    for (const rel of [
      'intel/misp-events/circl-osint-sednit-fancybear.json',
      'intel/misp-events/misp-describeTypes.json',
      'intel/mitre-attack/menuPass-G0045-subset.stix20.json',
      'intel/stix/unit42-playbook-plugx.stix20.json',
      'intel/misp-warninglists/rfc1918.json',
    ]) {
      const file = sharedData(rel);
      expect(mispGalaxyImporter.sniff(await readHeadText(file), file), rel).toBe(false);
    }
  });
});

const cluster = (values: unknown[], type = 'threat-actor') =>
  JSON.stringify({ name: 'Test', type, uuid: '7cdff317-a673-4474-84ec-4f1754947823', values });

describe('misp-galaxy importer on crafted files', () => {
  it('does not let a __proto__ key in meta pollute prototypes', async () => {
    const file = tempFile(
      'proto.json',
      `{"type":"threat-actor","uuid":"7cdff317-a673-4474-84ec-4f1754947823","values":[{"value":"Evil","uuid":"11111111-2222-4333-8444-555555555555","meta":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"country":"XX","synonyms":["E1"]}}]}`,
    );
    const items = await collectItems(mispGalaxyImporter, file);
    const entity = ofKind(items, 'entity')[0]?.entity;
    expect(entity?.country).toBe('XX');
    expect(entity?.aliases).toEqual(['E1']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(entity?.attrs ?? {})).toBe(Object.prototype);
    expect(Object.keys(entity?.attrs ?? {})).not.toContain('__proto__');
  });

  it('names the file, line and column of invalid JSON', async () => {
    const file = tempFile('broken.json', '{\n  "type": "tool",\n  "values": [ { "value": "x", } ]\n}');
    const err = await collectItems(mispGalaxyImporter, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MamoriError);
    expect((err as MamoriError).code).toBe('E_BAD_INPUT');
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/line 3 column \d+/);
  });

  it('reports clusters without uuid or value and keeps reading', async () => {
    const file = tempFile(
      'partial.json',
      cluster([
        { value: 'NoUuid' },
        { uuid: '11111111-2222-4333-8444-555555555555' },
        'junk',
        { value: 'Good', uuid: '11111111-2222-4333-8444-666666666666', related: [{ type: 'uses' }] },
      ]),
    );
    const items = await collectItems(mispGalaxyImporter, file);
    expect(ofKind(items, 'entity').map((e) => e.entity.name)).toEqual(['Good']);
    expect(ofKind(items, 'problem').map((p) => p.problem.location)).toEqual([
      'values[0] (NoUuid)',
      'values[1]',
      'values[2]',
      'values[3] (Good)',
    ]);
  });

  it('maps same-as to otherRefs and unknown relations to related-to', async () => {
    const file = tempFile(
      'rel.json',
      cluster([
        {
          value: 'A',
          uuid: '11111111-2222-4333-8444-555555555555',
          related: [
            { 'dest-uuid': '11111111-2222-4333-8444-666666666666', type: 'same-as' },
            { 'dest-uuid': '11111111-2222-4333-8444-777777777777', type: 'overlaps' },
            { 'dest-uuid': '11111111-2222-4333-8444-888888888888', type: 'uses' },
          ],
        },
      ]),
    );
    const items = await collectItems(mispGalaxyImporter, file);
    expect(ofKind(items, 'entity')[0]?.entity.otherRefs).toEqual([
      'uuid:11111111-2222-4333-8444-666666666666',
    ]);
    expect(ofKind(items, 'relationship').map((r) => r.relationship.type)).toEqual(['related-to', 'uses']);
  });

  it('imports nothing but says why from a galaxy that holds no actors or software', async () => {
    const file = tempFile(
      'sector.json',
      cluster([{ value: 'Banks', uuid: '11111111-2222-4333-8444-555555555555' }], 'sector'),
    );
    const items = await collectItems(mispGalaxyImporter, file);
    expect(items).toHaveLength(1);
    // 13.6: a galaxy of another kind is left out by design, not a bad record.
    expect(items[0]).toEqual({
      kind: 'note',
      note: expect.stringMatching(/^skipped by design: galaxy "sector"/),
    });
  });
});
