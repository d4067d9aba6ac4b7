import { describe, expect, it } from 'vitest';
import { iocListImporter } from '../ioc-lists/ioc-list-importer.js';
import { attackRef, entityRef, nameRef } from '../model.js';
import { fakeKnownNames, fixtureFile, itemsOf, runImporter } from '../run-importer.test-helper.js';
import { reportImporter } from './report-importer.js';

// Written for this test; not taken from any article.
const newsText = `Police link years of intrusions to one group

Japanese police said on Thursday that a long series of intrusions into companies and research bodies was the work of the group known as APT10.
Investigators found that servers used in a 2016 breach at a national business federation matched infrastructure from earlier APT10 cases.
One of those servers answered at cloud-maste[.]com, and a dropped file had the hash 0a1b2c3d4e5f60718293a4b5c6d7e8f9.
The page of the federation's website was left untouched, and a cicada chirped in the courtyard during the press briefing.
Officials added that the remote access tools included PlugX, which the group has used since at least 2014 (T1105, T1027.002, S0013).
`;

describe('reportImporter on a news article', () => {
  it('mentions the actor once, ignores ordinary words and links the indicators to it', async () => {
    const path = fixtureFile('police-apt10.txt', newsText);
    const items = await runImporter(reportImporter, path, fakeKnownNames);
    const [entity] = itemsOf(items, 'entity').map((e) => e.entity);
    expect(entity).toMatchObject({ type: 'report', name: 'Police link years of intrusions to one group' });
    expect(entity?.ref).toMatch(/^report:[0-9a-f]{16}$/);
    expect(entity?.attrs).toMatchObject({ format: 'text', indicators: 2 });

    const targets = itemsOf(items, 'relationship').map((r) => r.relationship.targetRef);
    expect(targets).toEqual([
      entityRef('e1'),
      entityRef('e2'),
      attackRef('T1105'),
      attackRef('T1027.002'),
      attackRef('S0013'),
    ]);
    expect(itemsOf(items, 'relationship')[0]?.relationship).toMatchObject({
      sourceRef: entity?.ref,
      type: 'mentions',
      description: 'menuPass, written "APT10" (2x)',
    });

    const ind = itemsOf(items, 'indicator').map((i) => i.indicator);
    expect(ind.map((i) => `${i.type}:${i.value}`)).toEqual([
      'domain:cloud-maste.com',
      'md5:0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    ]);
    for (const i of ind) expect(i.indicates).toEqual([entityRef('e1')]);
    expect(ind[0]?.description).toBe(
      'One of those servers answered at cloud-maste.com, and a dropped file had the hash 0a1b2c3d4e5f60718293a4b5c6d7e8f9.',
    );
  });

  it('links indicators to no one when two actors are named, and to --actor when given', async () => {
    const text = `${newsText}\nSome researchers also compared the tooling with APT28 operations in the same year.\n`;
    const path = fixtureFile('two-actors.txt', text);
    const none = itemsOf(await runImporter(reportImporter, path, fakeKnownNames), 'indicator');
    expect(none.every((i) => i.indicator.indicates === undefined)).toBe(true);
    const given = itemsOf(
      await runImporter(reportImporter, path, fakeKnownNames, { actor: 'Stone Panda', tlp: 'green' }),
      'indicator',
    );
    for (const { indicator } of given) {
      expect(indicator.indicates).toEqual([nameRef('actor', 'Stone Panda')]);
      expect(indicator.tlp).toBe('green');
    }
  });

  it('reads HTML: title, canonical address and date, and nothing from scripts', async () => {
    const html = `<html><head><title>Loader notes &amp; indicators</title>
<meta name="date" content="2020-02-02"><meta property="og:url" content="https://blog.example/loader">
<script>fetch("https://collector.fake-analytics.example/x?d=ignored-host.example.com")</script></head>
<body><h1>Loader notes</h1><p>The Stone Panda operators staged files on files-sync[.]org before moving on &mdash; quietly.</p>
<p>They also reused 45.77.12.9 for weeks.</p></body></html>`;
    const items = await runImporter(reportImporter, fixtureFile('notes.html', html), fakeKnownNames);
    const entity = itemsOf(items, 'entity')[0]?.entity;
    expect(entity).toMatchObject({
      name: 'Loader notes & indicators',
      url: 'https://blog.example/loader',
      published: '2020-02-02T00:00:00.000Z',
      attrs: { format: 'html' },
    });
    expect(itemsOf(items, 'indicator').map((i) => i.indicator.value)).toEqual([
      'files-sync.org',
      '45.77.12.9',
    ]);
    expect(itemsOf(items, 'relationship').map((r) => r.relationship.targetRef)).toEqual([entityRef('e1')]);
  });

  it('reads Markdown, keeping indicators from code blocks', async () => {
    const md = [
      '# Weekly notes',
      '',
      'The *Cicada group* came back with a new downloader.',
      '',
      '```',
      'hxxps://cdn-update[.]example[.]com/pkg.bin',
      '```',
    ].join('\n');
    const items = await runImporter(reportImporter, fixtureFile('weekly.md', md), fakeKnownNames);
    expect(itemsOf(items, 'entity')[0]?.entity.name).toBe('Weekly notes');
    expect(itemsOf(items, 'indicator').map((i) => i.indicator)).toEqual([
      expect.objectContaining({
        type: 'url',
        value: 'https://cdn-update.example.com/pkg.bin',
        indicates: [entityRef('e1')],
        description:
          'The Cicada group came back with a new downloader. https://cdn-update.example.com/pkg.bin',
      }),
    ]);
  });
});

describe('reportImporter.sniff and iocListImporter.sniff split text files between them', () => {
  it('gives prose to reports and lists to the IOC importer', () => {
    const list = 'evil.example.com\n1.2.3.4\nd41d8cd98f00b204e9800998ecf8427f\n';
    for (const [name, head, report, ioc] of [
      ['news.txt', newsText, true, false],
      ['list.txt', list, false, true],
      ['page.html', '<html><body>x</body></html>', true, false],
      ['notes.md', '# Notes\n\nshort', true, false],
      ['notes.markdown.gz', '# Notes', true, false],
      ['bundle.json', '{"type":"bundle"}', false, false],
    ] as const) {
      expect([
        name,
        reportImporter.sniff(head, `/d/${name}`),
        iocListImporter.sniff(head, `/d/${name}`),
      ]).toEqual([name, report, ioc]);
    }
  });
});
