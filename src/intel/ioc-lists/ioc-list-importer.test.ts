import { describe, expect, it } from 'vitest';
import { entityRef, nameRef } from '../model.js';
import { fakeKnownNames, fixtureFile, itemsOf, runImporter } from '../run-importer.test-helper.js';
import { iocListImporter } from './ioc-list-importer.js';

const plainList = [
  '# Example list written for mamori tests',
  '',
  '# APT10 C2 servers - from an example feed',
  'c2.example-bad.com',
  'cloud-maste[.]com',
  '8.8.8.8',
  'c2.example-bad.com',
  '',
  '// PlugX loaders',
  'e0f91da52fdc61757f6a3f276ae77b01d2d1cc4b3743629c5acbd0341e5de80e;PlugX svchost.bin',
  'hxxp://update[.]example[.]org/gate.php',
  'foo bar baz',
  'not_a_value',
  '# The page group of the site',
  'static.example.net',
  '',
].join('\n');

describe('iocListImporter on a plain list', () => {
  it('yields each value once, with the nearest comment block as description', async () => {
    const items = await runImporter(iocListImporter, fixtureFile('iocs.txt', plainList), fakeKnownNames);
    const ind = itemsOf(items, 'indicator').map((i) => i.indicator);
    expect(ind.map((i) => `${i.type}:${i.value}`)).toEqual([
      'domain:c2.example-bad.com',
      'domain:cloud-maste.com',
      'ipv4:8.8.8.8',
      'sha256:e0f91da52fdc61757f6a3f276ae77b01d2d1cc4b3743629c5acbd0341e5de80e',
      'url:http://update.example.org/gate.php',
      'domain:static.example.net',
    ]);
    expect(ind[0]?.description).toBe('APT10 C2 servers - from an example feed');
    expect(ind[0]?.indicates).toEqual([entityRef('e1')]);
    expect(ind[2]?.indicates).toEqual([entityRef('e1')]);
    // The line's own description wins; the block and the line both name what it indicates.
    expect(ind[3]?.description).toBe('PlugX svchost.bin');
    expect(ind[3]?.indicates).toEqual([entityRef('e2')]);
    // "The page group of the site" names Page only with a cue; "page group" is one, so it counts.
    expect(ind[5]?.indicates).toEqual([entityRef('e3')]);
  });

  it('reports bad lines with their line numbers and goes on', async () => {
    const items = await runImporter(iocListImporter, fixtureFile('iocs.txt', plainList), fakeKnownNames);
    const problems = itemsOf(items, 'problem').map((p) => p.problem);
    expect(problems.map((p) => p.location)).toEqual(['line 12', 'line 13']);
    expect(problems[0]?.message).toContain('"foo bar baz" is text');
    expect(problems[1]?.message).toContain('"not_a_value" is not an IP address');
  });

  it('applies --actor, --malware, --tlp and --confidence', async () => {
    const items = await runImporter(
      iocListImporter,
      fixtureFile('l.txt', 'evil.example.com\n1.2.3.4\n'),
      [],
      {
        actor: 'APT10',
        malware: 'PlugX',
        tlp: 'amber',
        confidence: 70,
      },
    );
    for (const { indicator } of itemsOf(items, 'indicator')) {
      expect(indicator.indicates).toEqual([nameRef('actor', 'APT10'), nameRef('software', 'PlugX')]);
      expect(indicator.tlp).toBe('amber');
      expect(indicator.confidence).toBe(70);
    }
  });

  it('adds an indicates relationship when a repeated value names another entity', async () => {
    const text = '# APT10\nshared.example.com\n# APT28\nshared.example.com\n';
    const items = await runImporter(iocListImporter, fixtureFile('l.txt', text), fakeKnownNames);
    expect(itemsOf(items, 'indicator')).toHaveLength(1);
    expect(itemsOf(items, 'relationship').map((r) => r.relationship)).toEqual([
      { sourceRef: 'ioc:domain:shared.example.com', type: 'indicates', targetRef: entityRef('e15') },
    ]);
  });

  it('caps repeated problems of one kind and summarises the rest', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `junk_${i}`);
    const items = await runImporter(
      iocListImporter,
      fixtureFile('l.txt', ['a.example.com', ...lines].join('\n')),
    );
    const problems = itemsOf(items, 'problem').map((p) => p.problem);
    expect(problems).toHaveLength(11);
    expect(problems.at(-1)).toEqual({
      location: 'line 12 and 29 more',
      message:
        '30 more lines like this were skipped: "..." is not an IP address, CIDR, domain, URL, e-mail address or hash',
    });
  });

  it('reads LOKI file-name and keyword lists as observables', async () => {
    const fn = fixtureFile(
      'filename-iocs.txt',
      '# PlugX side-loading\n\\\\svchost\\.bin$;80\n(?i)\\\\x\\.exe;60;(?i)good\n',
    );
    const obs = itemsOf(await runImporter(iocListImporter, fn, fakeKnownNames), 'observable').map(
      (o) => o.observable,
    );
    expect(obs.map((o) => [o.kind, o.value])).toEqual([
      ['filename-regex', '\\\\svchost\\.bin$'],
      ['filename-regex', '(?i)\\\\x\\.exe'],
    ]);
    expect(obs[0]?.indicates).toEqual([entityRef('e2')]);
    expect(obs[1]?.reason).toContain('LOKI score 60');
    const kw = fixtureFile('keywords.txt', '# MALICIOUS KEYWORDS\n\n# PlugX\neo.oe.kiwi\n');
    const kws = itemsOf(await runImporter(iocListImporter, kw, fakeKnownNames), 'observable');
    expect(kws.map((o) => [o.observable.kind, o.observable.value])).toEqual([['keyword', 'eo.oe.kiwi']]);
  });
});

describe('iocListImporter on CSV', () => {
  it('reads Type,Value with detection fixing the type, observables for the rest', async () => {
    const csv = [
      'Type,Value',
      'url,cloud-maste.com',
      'url,evil.example.com/path/a.php',
      'IPv4,27.102.127.80',
      'MD5,d41d8cd98f00b204e9800998ecf8427f',
      'Email,Someone@Example.com',
      'Mutex,"K!@DKFK#*, ""quoted"""',
      'Filename,atexec.exe',
      'IPv4,not-an-ip',
      'url,cloud-maste.com',
    ].join('\r\n');
    const items = await runImporter(iocListImporter, fixtureFile('list.csv', csv), fakeKnownNames);
    expect(itemsOf(items, 'indicator').map((i) => `${i.indicator.type}:${i.indicator.value}`)).toEqual([
      'domain:cloud-maste.com',
      'url:http://evil.example.com/path/a.php',
      'ipv4:27.102.127.80',
      'md5:d41d8cd98f00b204e9800998ecf8427f',
      'email:someone@example.com',
    ]);
    expect(itemsOf(items, 'observable').map((o) => [o.observable.kind, o.observable.value])).toEqual([
      ['mutex', 'K!@DKFK#*, "quoted"'],
      ['filename', 'atexec.exe'],
    ]);
    expect(itemsOf(items, 'problem').map((p) => p.problem.location)).toEqual(['line 9']);
  });

  it('reads optional description, dates, confidence, TLP and MISP composite types', async () => {
    const csv = [
      'type,value,comment,first_seen,confidence,tlp,to_ids',
      'domain,a.example.com,"APT10 C2, per vendor",2017-04-03,high,TLP:GREEN,1',
      'filename|md5,x.exe|d41d8cd98f00b204e9800998ecf8427f,,,,,0',
    ].join('\n');
    const items = await runImporter(iocListImporter, fixtureFile('misp.csv', csv), fakeKnownNames);
    const ind = itemsOf(items, 'indicator').map((i) => i.indicator);
    expect(ind[0]).toMatchObject({
      value: 'a.example.com',
      description: 'APT10 C2, per vendor',
      firstSeen: '2017-04-03T00:00:00.000Z',
      confidence: 85,
      tlp: 'green',
      toIds: true,
      indicates: [entityRef('e1')],
    });
    expect(ind[1]).toMatchObject({ type: 'md5', toIds: false });
    expect(itemsOf(items, 'observable')[0]?.observable).toMatchObject({ kind: 'filename', value: 'x.exe' });
  });
});

describe('iocListImporter.sniff', () => {
  const sniff = (name: string, head: string) => iocListImporter.sniff(head, `/data/${name}`);

  it('takes lists and CSVs with a type/value header', () => {
    expect(sniff('c2.txt', '# C2\nevil.example.com\n1.2.3.4\n')).toBe(true);
    expect(sniff('h.txt.gz', 'd41d8cd98f00b204e9800998ecf8427f;Sakula\n')).toBe(true);
    expect(sniff('x.csv', 'Type,Value\nurl,a.example.com\n')).toBe(true);
    expect(sniff('filename-iocs.txt', '# LOKI\n\\\\a\\.exe;80\n')).toBe(true);
  });

  it('leaves prose, JSON, HTML and other extensions to other importers', () => {
    const prose =
      'Investigators said on Tuesday that the group had targeted several companies.\n' +
      'The attackers used a custom backdoor that talked to a server abroad.\n';
    expect(sniff('article.txt', prose)).toBe(false);
    expect(sniff('list.txt', '{"type": "bundle"}')).toBe(false);
    expect(sniff('list.txt', '<!DOCTYPE html><html><body>x</body></html>')).toBe(false);
    expect(sniff('list.json', 'evil.example.com\n')).toBe(false);
    expect(sniff('notes.txt', 'hello\nworld\nfoo\n')).toBe(false);
  });
});
