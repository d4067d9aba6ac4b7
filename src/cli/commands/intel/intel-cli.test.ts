import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../run-cli.test-helper.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-intel-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mamori intel', () => {
  const data = join(dir, 'data');
  const list = join(dir, 'apt10-c2.txt');
  writeFileSync(
    list,
    '# APT10 C2 seen in 2016\nupdate.cloud-maste[.]com\nhxxp://27.102.1.1/index.php\n203.0.113.0/24\nnot an indicator line at all\n',
  );

  it('imports an IOC list with --actor and --tlp, skipping the bad line with its number', async () => {
    const r = await run(
      'intel',
      'import',
      '--data',
      data,
      '--actor',
      'Stone Panda',
      '--new-actor',
      '--tlp',
      'amber',
      '--json',
      list,
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.outcomes[0].format).toBe('ioc-list');
    expect(j.outcomes[0].counts.indicators).toBe(3);
    expect(j.outcomes[0].problems[0].location).toMatch(/line 5/);
    expect(j.outcomes[0].stubs).toEqual(['Stone Panda']);
  });

  it('show, search and stats answer with --json; unknown names and values exit 1', async () => {
    const show = await run('intel', 'show', '--data', data, '--json', 'stone', 'panda');
    expect(show.code).toBe(0);
    expect(JSON.parse(show.out).entity.name).toBe('Stone Panda');
    const search = await run('intel', 'search', '--data', data, '--json', 'a.update.cloud-maste[.]com');
    const hits = JSON.parse(search.out).hits;
    expect(hits[0]).toMatchObject({ value: 'update.cloud-maste.com', match: 'parent-domain', tlp: 'amber' });
    const inRange = await run('intel', 'search', '--data', data, '--json', '203.0.113.9');
    expect(JSON.parse(inRange.out).hits[0]).toMatchObject({ type: 'cidr', match: 'cidr' });
    const stats = await run('intel', 'stats', '--data', data, '--json');
    expect(JSON.parse(stats.out).sources[0].source).toBe('apt10-c2');
    expect((await run('intel', 'show', '--data', data, 'nobody-at-all')).code).toBe(1);
    // 198.51.100.1 is documentation space (rfc5735), which the search now reports: an unlisted public address.
    expect((await run('intel', 'search', '--data', data, '45.124.24.1')).code).toBe(1);
    const human = await run('intel', 'search', '--data', data, 'update.cloud-maste.com');
    expect(human.out).toMatch(/indicates: Stone Panda/);
  });

  it('rejects a file that is no intel format with one clear error, and bad options as usage errors', async () => {
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, Buffer.from([0, 1, 2, 3, 255, 254]));
    const r = await run('intel', 'import', '--data', data, junk);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/junk\.bin: not an intel format mamori reads; expected one of/);
    expect((await run('intel', 'import', '--data', data, '--confidence', '150', list)).code).toBe(2);
    expect((await run('intel', 'import', '--data', data, '--tlp', 'purple', list)).code).toBe(2);
    const help = await run('intel', 'import', '--help');
    expect(help.code).toBe(0);
  });

  it('--actor must name an existing entity: a typo exits 2 with close matches and imports nothing', async () => {
    const other = join(dir, 'more-c2.txt');
    writeFileSync(other, '198.51.100.77\n');
    const typo = await run('intel', 'import', '--data', data, '--actor', 'Stone Pand', other);
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(
      /--actor "Stone Pand" names no actor in the knowledge base; did you mean "Stone Panda"\?/,
    );
    expect(typo.err).toMatch(/--new-actor/);
    const none = await run('intel', 'search', '--data', data, '--json', '198.51.100.77');
    expect(JSON.parse(none.out).hits).toEqual([]);
    const known = await run('intel', 'import', '--data', data, '--json', '--actor', 'STONE-PANDA', other);
    expect(known.code).toBe(0);
    expect(JSON.parse(known.out).outcomes[0].stubs).toEqual([]);
    const created = await run(
      'intel',
      'import',
      '--data',
      data,
      '--json',
      '--actor',
      'Night Kite',
      '--new-actor',
      other,
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out).outcomes[0].stubs).toEqual(['Night Kite']);
  });

  it('M5: --min-prefix-v4 sets the limit and --json counts refused indicators', async () => {
    const feed = join(dir, 'broad-feed.txt');
    writeFileSync(feed, '0.0.0.0/0\n10.0.0.0/8\n45.0.0.0/12\n45.77.1.2\n');
    const strict = await run('intel', 'import', '--data', data, '--json', feed);
    const o = JSON.parse(strict.out).outcomes[0];
    expect(o.refusedIndicators).toBe(3);
    expect(o.counts.indicators).toBe(1);
    const human = await run('intel', 'import', '--data', data, '--min-prefix-v4', '12', feed);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(
      /refused as live indicators \(kept as observables, never matched\): 2, e\.g\. 0\.0\.0\.0\/0/,
    );
    expect((await run('intel', 'import', '--data', data, '--min-prefix-v4', '33', feed)).code).toBe(2);
  });
});
