import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../../../test/helpers/shared-data.js';
import { MamoriError } from '../../errors.js';
import type { ImportContext } from '../importer.js';
import type { ImportProblem, IntelItem, WarninglistRecord } from '../model.js';
import { readHeadText } from '../read-text.js';
import { warninglistIdOf, warninglistImporter } from './warninglist-importer.js';

async function readItems(file: string): Promise<IntelItem[]> {
  const ctx: ImportContext = { path: file, source: 'test', defaults: {}, knownNames: async () => [] };
  const items: IntelItem[] = [];
  for await (const item of warninglistImporter.read(ctx)) items.push(item);
  return items;
}

function split(items: IntelItem[]): { lists: WarninglistRecord[]; problems: ImportProblem[] } {
  const lists: WarninglistRecord[] = [];
  const problems: ImportProblem[] = [];
  for (const item of items) {
    if (item.kind === 'warninglist') lists.push(item.warninglist);
    else if (item.kind === 'problem') problems.push(item.problem);
    else throw new Error(`unexpected ${item.kind}`);
  }
  return { lists, problems };
}

const tmp = mkdtempSync(path.join(tmpdir(), 'mamori-wl-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeList(name: string, doc: unknown): string {
  const file = path.join(tmp, name);
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return file;
}

describe('warninglistIdOf', () => {
  it('takes the file name, the folder of a list.json, and drops the cache prefix', () => {
    expect(warninglistIdOf('/data/public-dns-v4.json')).toBe('public-dns-v4');
    expect(warninglistIdOf('/repo/lists/amazon-aws/list.json')).toBe('amazon-aws');
    expect(warninglistIdOf('/cache/warninglist-rfc1918.json.gz')).toBe('rfc1918');
    expect(warninglistIdOf('/x/My List.JSON')).toBe('my-list');
  });
});

describe('warninglistImporter on crafted files', () => {
  it('normalises entries and reports bad ones by index', async () => {
    const file = writeList('mixed.json', {
      description: 'd',
      list: ['10.1.2.3/8', '192.168.0.1/32', 'FE80::/10', 'not-an-ip', 7, '10.0.0.0/8', '2001:db8::1'],
      matching_attributes: ['ip-dst', 5],
      name: 'Mixed',
      type: 'cidr',
      version: 3,
    });
    const { lists, problems } = split(await readItems(file));
    expect(lists).toHaveLength(1);
    const wl = lists[0]!;
    expect(wl.name).toBe('mixed');
    expect(wl.description).toBe('Mixed: d');
    expect(wl.version).toBe('3');
    expect(wl.category).toBe('false-positive');
    expect(wl.matchingAttributes).toEqual(['ip-dst']);
    // 10.1.2.3/8 and 10.0.0.0/8 are one network; a /32 is the host.
    expect(wl.entries).toEqual(['10.0.0.0/8', '192.168.0.1', 'fe80::/10', '2001:db8::1']);
    expect(problems.map((p) => p.location)).toEqual(['matching_attributes', 'list entry 3', 'list entry 4']);
    expect(problems[1]!.message).toContain('not-an-ip');
  });

  it('cleans hostnames and strings', async () => {
    const hosts = writeList('hosts.json', {
      description: 'h',
      list: ['.Example.COM.', '*.cdn.example.net', 'bücher.de', 'has space.com', ''],
      name: 'h',
      type: 'hostname',
      version: 1,
    });
    const h = split(await readItems(hosts));
    expect(h.lists[0]!.entries).toEqual(['example.com', 'cdn.example.net', 'xn--bcher-kva.de']);
    expect(h.lists[0]!.description).toBe('h');
    expect(h.problems.map((p) => p.location)).toEqual(['list entry 3', 'list entry 4']);

    const strings = writeList('strings.json', {
      description: 's',
      list: ['  AAA ', 'aaa', '.Sub.Example.com'],
      name: 's',
      type: 'string',
      version: 1,
      category: 'known',
    });
    const s = split(await readItems(strings));
    expect(s.lists[0]!.entries).toEqual(['aaa', '.sub.example.com']);
    expect(s.lists[0]!.category).toBe('known');
  });

  it('drops regexes JavaScript cannot compile', async () => {
    const file = writeList('re.json', {
      description: 'r',
      list: ['/^evil\\.example$/i', '(unclosed', '/x/g'],
      name: 'r',
      type: 'regex',
      version: 1,
    });
    const { lists, problems } = split(await readItems(file));
    expect(lists[0]!.entries).toEqual(['/^evil\\.example$/i']);
    expect(problems.map((p) => p.location)).toEqual(['list entry 1', 'list entry 2']);
  });

  it('ignores prototype keys', async () => {
    const file = writeList(
      'proto.json',
      '{"__proto__":{"polluted":true},"constructor":{"x":1},"description":"p","list":["a"],"name":"p","type":"string","version":1}',
    );
    const { lists } = split(await readItems(file));
    expect(lists[0]!.entries).toEqual(['a']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('throws naming the file when the whole file is unusable', async () => {
    const broken = writeList('broken.json', '{"list": [');
    await expect(readItems(broken)).rejects.toThrow(MamoriError);
    await expect(readItems(broken)).rejects.toThrow(/broken\.json: not valid JSON/);
    const badType = writeList('badtype.json', {
      description: '',
      list: [],
      name: 'x',
      type: 'ipset',
      version: 1,
    });
    await expect(readItems(badType)).rejects.toThrow(/badtype\.json: "type" is "ipset"/);
    const noList = writeList('nolist.json', { description: '', name: 'x', type: 'string', version: 1 });
    await expect(readItems(noList)).rejects.toThrow(/nolist\.json: "list" is not an array/);
  });
});

describeWithSharedData('warninglistImporter on the real MISP warninglists', () => {
  const dir = sharedData('intel/misp-warninglists');
  // Read in beforeAll: without the shared data this block is only listed, never run.
  let files: string[] = [];
  beforeAll(() => {
    files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'schema.json');
  });

  it('sniffs the 40 lists and not schema.json', async () => {
    expect(files).toHaveLength(40);
    for (const f of files) {
      const file = path.join(dir, f);
      expect(warninglistImporter.sniff(await readHeadText(file), file), f).toBe(true);
    }
    const schema = path.join(dir, 'schema.json');
    expect(warninglistImporter.sniff(await readHeadText(schema), schema)).toBe(false);
  });

  it('leaves other JSON intel formats alone', async () => {
    for (const rel of [
      'intel/misp-galaxy/clusters/threat-actor.json',
      'intel/misp-galaxy/schema_clusters.json',
      'intel/misp-events/circl-ransomware-xorist.json',
      'intel/mitre-attack/ics-attack-18.1.stix21.json',
      'intel/mitre-attack/attack-stix-data.index.json',
      'intel/stix/unit42-playbook-plugx.stix20.json',
    ]) {
      const file = sharedData(rel);
      expect(warninglistImporter.sniff(await readHeadText(file), file), rel).toBe(false);
    }
  });

  it('yields one record per file with normalised entries', async () => {
    const byId = new Map<string, WarninglistRecord>();
    const problems: string[] = [];
    for (const f of files) {
      const { lists, problems: p } = split(await readItems(path.join(dir, f)));
      expect(lists, f).toHaveLength(1);
      byId.set(lists[0]!.name, lists[0]!);
      for (const x of p) problems.push(`${f} ${x.location}`);
    }
    // Two PTR names with RFC 2317 slashes (`252/24.127.188.93.mifril.ru`) cannot be hostnames.
    expect(problems).toEqual([
      'public-dns-hostname.json list entry 6917',
      'public-dns-hostname.json list entry 32921',
    ]);
    const raw = (id: string) => JSON.parse(readFileSync(path.join(dir, `${id}.json`), 'utf8')).list.length;
    expect(byId.get('public-dns-v4')!.entries).toHaveLength(raw('public-dns-v4'));
    expect(byId.get('public-dns-v4')!.matchType).toBe('cidr');
    expect(byId.get('public-dns-v4')!.description).toMatch(/^List of known IPv4 public DNS resolvers: /);
    expect(byId.get('ipv6-linklocal')!.entries).toEqual(['fe80::/10']);
    expect(byId.get('rfc1918')!.entries).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    expect(byId.get('tlds')!.entries).toContain('aaa');
    const ddns = byId.get('dynamic-dns')!.entries;
    expect(ddns.every((e) => !e.startsWith('.'))).toBe(true);
    expect(byId.get('microsoft')!.entries).toContain('.aadrm.com');
    expect(byId.get('amazon-aws')!.entries.some((e) => e.includes(':'))).toBe(true);
  });
});
