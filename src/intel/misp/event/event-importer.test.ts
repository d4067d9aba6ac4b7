import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../../../../test/helpers/shared-data.js';
import { nameKey } from '../../../domain/name-key.js';
import { MamoriError } from '../../../errors.js';
import { readHeadText } from '../../read-text.js';
import { collectItems, ofKind, tempFile } from '../collect-items.test-helper.js';
import { mispEventImporter } from './event-importer.js';

const eventFile = (name: string) => sharedData(`intel/misp-events/${name}.json`);

/** Indicators by type (with `:port` when they carry one), observables and problems of a file. */
async function counts(file: string) {
  const items = await collectItems(mispEventImporter, file);
  const indicators: Record<string, number> = {};
  for (const { indicator } of ofKind(items, 'indicator')) {
    const key = indicator.port ? `${indicator.type}:port` : indicator.type;
    indicators[key] = (indicators[key] ?? 0) + 1;
  }
  return {
    entities: ofKind(items, 'entity').length,
    relationships: ofKind(items, 'relationship').length,
    indicators,
    observables: ofKind(items, 'observable').length,
    sightings: ofKind(items, 'sighting').length,
    problems: ofKind(items, 'problem').length,
  };
}

describeWithSharedData('misp-event importer on the real event exports', ['intel/misp-events'], () => {
  it('imports every event file without problems', async () => {
    const expected: Record<string, Awaited<ReturnType<typeof counts>>> = {
      'circl-mar-samsam-objects': {
        entities: 1,
        relationships: 2,
        indicators: { md5: 14, sha1: 6, sha256: 6 },
        observables: 21,
        sightings: 0,
        problems: 0,
      },
      'circl-osint-asert-four-element-sword': {
        entities: 1,
        relationships: 0,
        indicators: { url: 14, md5: 77, sha256: 87, domain: 24, email: 2, ipv4: 9, sha1: 58 },
        observables: 127,
        sightings: 0,
        problems: 0,
      },
      'circl-osint-hidden-cobra-fallchill': {
        entities: 1,
        relationships: 2,
        indicators: { ipv4: 87, 'ipv4:port': 6, md5: 16, sha1: 2, sha256: 2 },
        observables: 6,
        sightings: 0,
        problems: 0,
      },
      'circl-osint-sednit-fancybear': {
        entities: 15,
        relationships: 14,
        indicators: { domain: 19, sha1: 37, ipv4: 12 },
        observables: 53,
        sightings: 0,
        problems: 0,
      },
      'circl-ransomware-xorist': {
        entities: 1,
        relationships: 0,
        indicators: { md5: 1, sha1: 1, sha256: 1 },
        observables: 4,
        sightings: 0,
        problems: 0,
      },
      'ursnif-with-sightings': {
        entities: 2,
        relationships: 1,
        indicators: { domain: 4, url: 1 },
        observables: 0,
        sightings: 2,
        problems: 0,
      },
    };
    const files = readdirSync(sharedData('intel/misp-events'))
      .filter((f) => !f.startsWith('misp-'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    for (const name of files) expect(await counts(eventFile(name)), name).toEqual(expected[name]);
  });

  it('reads ip-dst|port with its port and keeps the PDF attachment out of the records', async () => {
    const items = await collectItems(mispEventImporter, eventFile('circl-osint-hidden-cobra-fallchill'));
    const withPort = ofKind(items, 'indicator').filter((i) => i.indicator.port !== undefined);
    expect(withPort.map((i) => `${i.indicator.value}:${i.indicator.port}`)).toContain('125.212.132.222:443');
    expect(withPort.every((i) => i.indicator.toIds === true)).toBe(true);
    const attachment = ofKind(items, 'observable').find((o) => o.observable.kind === 'attachment');
    expect(attachment?.observable.value).toBe('MAR-10135536-A_WHITE_S508C.pdf');
    // The attachment's base64 `data` is 125 kB; nothing read may carry it.
    expect(items.every((i) => JSON.stringify(i).length < 10_000)).toBe(true);
    const indicates = ofKind(items, 'indicator')[0]?.indicator.indicates;
    expect(indicates).toEqual(['name:actor:Lazarus Group', 'name:software:FALLCHILL']);
  });

  it('names Sofacy/APT28 as the actor behind the Sednit indicators', async () => {
    const items = await collectItems(mispEventImporter, eventFile('circl-osint-sednit-fancybear'));
    const sofacy = ofKind(items, 'entity').find((e) => e.entity.name === 'Sofacy')?.entity;
    expect(sofacy?.type).toBe('intrusion-set');
    expect(sofacy?.country).toBe('RU');
    expect(sofacy?.aliases.map(nameKey)).toEqual(expect.arrayContaining(['apt28', 'fancybear', 'sednit']));
    // This export gives Sofacy the uuid of the whole threat-actor collection, so it is not used.
    expect(sofacy?.ref).toBe('galaxy:threat-actor:Sofacy');
    const chopstick = ofKind(items, 'entity').find((e) => e.entity.name === 'CHOPSTICK')?.entity;
    expect(chopstick?.otherRefs).toEqual(['malware--ccd61dfc-b03f-4689-8c18-7c97eab08472']);
    const indicators = ofKind(items, 'indicator');
    expect(indicators.every((i) => i.indicator.indicates?.includes('galaxy:threat-actor:Sofacy'))).toBe(true);
    const report = ofKind(items, 'entity').find((e) => e.entity.type === 'report')?.entity;
    expect(report?.ref).toBe('uuid:5a3c2fcd-8328-42bb-a95e-4f4402de0b81');
    expect(report?.published).toBe('2017-12-21T00:00:00.000Z');
    expect(report?.attrs?.['org']).toBe('CIRCL');
    const mentioned = ofKind(items, 'relationship')
      .filter((r) => r.relationship.type === 'mentions' && r.relationship.sourceRef === report?.ref)
      .map((r) => r.relationship.targetRef);
    expect(mentioned).toContain('galaxy:threat-actor:Sofacy');
    expect(mentioned).toHaveLength(14);
  });

  it('reads TLP tags', async () => {
    const items = await collectItems(mispEventImporter, eventFile('circl-ransomware-xorist'), { tlp: 'red' });
    expect(ofKind(items, 'indicator').every((i) => i.indicator.tlp === 'clear')).toBe(true);
    expect(ofKind(items, 'entity')[0]?.entity.tlp).toBe('clear');
  });

  it('reads sightings, false positives and expiry', async () => {
    const items = await collectItems(mispEventImporter, eventFile('ursnif-with-sightings'));
    expect(ofKind(items, 'sighting').map((s) => s.sighting)).toEqual([
      {
        ref: 'attr:5b6464ca-e73c-4707-9b8a-d0350acd0835',
        count: 1,
        firstSeen: '2019-02-27T07:52:30.000Z',
        lastSeen: '2019-02-27T07:52:30.000Z',
        observer: 'ORGNAME',
      },
      {
        ref: 'attr:5b6464e9-e73c-484d-a0b3-c0070acd0835',
        count: 1,
        firstSeen: '2019-02-27T07:52:23.000Z',
        lastSeen: '2019-02-27T07:52:23.000Z',
        observer: 'ORGNAME',
      },
    ]);
    const expired = ofKind(items, 'indicator').find(
      (i) => i.indicator.ref === 'attr:5b6464ca-e0a0-40e0-8e21-d0350acd0835',
    )?.indicator;
    expect(expired?.validUntil).toBe('2019-02-27T07:52:48.000Z');
    expect(expired?.description).toContain('1 false-positive sighting(s)');
    expect(ofKind(items, 'entity').find((e) => e.entity.name === 'Gozi')?.entity.aliases).toContain('Ursnif');
  });

  it('sniffs event exports, not the schema, describeTypes or galaxy files', async () => {
    for (const name of readdirSync(sharedData('intel/misp-events'))) {
      const file = sharedData(`intel/misp-events/${name}`);
      expect(mispEventImporter.sniff(await readHeadText(file), file), name).toBe(!name.startsWith('misp-'));
    }
    for (const rel of [
      'intel/misp-galaxy/clusters/threat-actor.json',
      'intel/misp-galaxy/galaxies/threat-actor.json',
      'intel/stix/unit42-playbook-plugx.stix20.json',
    ]) {
      const file = sharedData(rel);
      expect(mispEventImporter.sniff(await readHeadText(file), file), rel).toBe(false);
    }
  });
});

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const attribute = (n: number, type: string, value: string, extra: Record<string, unknown> = {}) => ({
  uuid: uuid(n),
  type,
  value,
  to_ids: true,
  category: 'Network activity',
  timestamp: '1500000000',
  ...extra,
});

describe('misp-event importer on crafted exports', () => {
  it('reads a response list, attribute TLP overrides, attribute tags and technique tags', async () => {
    const file = tempFile(
      'response.json',
      JSON.stringify({
        response: [
          {
            Event: {
              uuid: uuid(1),
              info: 'first',
              date: '2020-01-02',
              Tag: [
                { name: 'TLP:GREEN' },
                { name: 'misp-galaxy:mitre-intrusion-set="APT28 - G0007"' },
                { name: 'misp-galaxy:mitre-attack-pattern="Application Layer Protocol - T1071"' },
              ],
              Attribute: [
                attribute(10, 'ip-dst', '198.51.100.7', { Tag: [{ name: 'tlp:red' }] }),
                attribute(11, 'domain', 'evil.example.com', {
                  Tag: [{ name: 'misp-galaxy:malpedia="PlugX"' }],
                  first_seen: '2019-06-01T00:00:00.000000+00:00',
                }),
                attribute(12, 'domain', 'not a domain'),
              ],
            },
          },
          {
            Event: {
              uuid: uuid(2),
              info: 'second',
              Attribute: [attribute(20, 'md5', 'd41d8cd98f00b204e9800998ecf8427e')],
            },
          },
        ],
      }),
    );
    const items = await collectItems(mispEventImporter, file, { tlp: 'amber', confidence: 60 });
    const indicators = ofKind(items, 'indicator').map((i) => i.indicator);
    expect(indicators.map((i) => [i.value, i.tlp])).toEqual([
      ['198.51.100.7', 'red'],
      ['evil.example.com', 'green'],
      ['d41d8cd98f00b204e9800998ecf8427e', 'amber'],
    ]);
    expect(indicators[0]?.indicates).toEqual(['attack:G0007']);
    expect(indicators[1]?.indicates).toEqual(['attack:G0007', 'name:software:PlugX']);
    expect(indicators[1]?.firstSeen).toBe('2019-06-01T00:00:00.000Z');
    expect(indicators[1]?.lastSeen).toBe('2017-07-14T02:40:00.000Z');
    expect(indicators.every((i) => i.confidence === 60)).toBe(true);
    expect(ofKind(items, 'problem').map((p) => p.problem)).toEqual([
      {
        location: `Event 0 (${uuid(1)}): Attribute 2 (${uuid(12)})`,
        message: 'domain "not a domain": "not a domain" is not a domain name',
      },
    ]);
    const mentions = ofKind(items, 'relationship').map((r) => r.relationship.targetRef);
    expect(mentions).toEqual(['attack:G0007', 'attack:T1071', 'name:software:PlugX']);
    expect(ofKind(items, 'entity').map((e) => e.entity.name)).toEqual(['first', 'second']);
  });

  it('ignores __proto__ keys in events and clusters', async () => {
    const file = tempFile(
      'proto.json',
      `{"Event":{"uuid":"${uuid(1)}","info":"x","__proto__":{"polluted":1},"Galaxy":[{"type":"threat-actor","GalaxyCluster":[{"value":"Evil","uuid":"${uuid(5)}","collection_uuid":"${uuid(6)}","meta":{"__proto__":{"polluted":2},"synonyms":["Bad"]}}]}],"Attribute":[{"uuid":"${uuid(3)}","type":"ip-dst","value":"192.0.2.1","__proto__":{"to_ids":true}}]}}`,
    );
    const items = await collectItems(mispEventImporter, file);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const actor = ofKind(items, 'entity').find((e) => e.entity.name === 'Evil')?.entity;
    expect(actor?.ref).toBe(`uuid:${uuid(5)}`);
    expect(actor?.aliases).toEqual(['Bad']);
    expect(ofKind(items, 'indicator')[0]?.indicator.toIds).toBeUndefined();
  });

  it('names the file and place of invalid JSON', async () => {
    const file = tempFile('broken.json', '{"Event": {"info": "x",\n"Attribute": [}');
    const err = await collectItems(mispEventImporter, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MamoriError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/line 2 column \d+/);
  });

  it('refuses a JSON file that holds no event', async () => {
    const file = tempFile('other.json', '{"hello": "world"}');
    await expect(collectItems(mispEventImporter, file)).rejects.toThrow(/not a MISP event export/);
  });
});
