// M6 through the CLI: conflicts in the import summary (terminal and --json) and in `intel show`,
// which opens the store read-only; --trusted is recorded with the source.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attack, fake } from '../../../../test/intel/trust-fixtures.js';
import { runCli as run } from '../../run-cli.test-helper.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-intel-trust-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mamori intel: source trust', () => {
  const data = join(dir, 'data');
  const attackFile = join(dir, 'attack.json');
  const fakeFile = join(dir, 'fake.json');
  writeFileSync(attackFile, attack);
  writeFileSync(fakeFile, fake);

  it('M6: the import summary and intel show list the claims a fake bundle made on APT10', async () => {
    expect((await run('intel', 'import', '--data', data, attackFile)).code).toBe(0);
    const human = await run('intel', 'import', '--data', data, fakeFile);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/claims refused \(4; a more trusted source defines them\)/);
    expect(human.out).toMatch(
      /ATT&CK id "G0045": source "fake" gave it to Evil Panda; it is APT10's \(attack\)/,
    );
    const json = JSON.parse((await run('intel', 'import', '--data', data, '--json', fakeFile)).out);
    expect(json.outcomes[0].conflicts.map((c: { claim: string }) => c.claim).sort()).toEqual([
      'APT10',
      'G0045',
      'Lazarus Group',
      'PlugX',
    ]);
    const show = await run('intel', 'show', '--data', data, '--json', 'APT10');
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.out);
    expect(shown.entity.name).toBe('APT10');
    expect(shown.alsoMatching).toEqual([]);
    expect(shown.conflicts.map((c: { claim: string }) => c.claim).sort()).toEqual(['APT10', 'G0045']);
    const text = await run('intel', 'show', '--data', data, 'Quiet', 'Heron');
    expect(text.out).toMatch(/name "Lazarus Group": source "fake" gave it to Quiet Heron/);
  });

  it('M6: --trusted makes a source a reference source, recorded with it', async () => {
    const vendor = join(dir, 'vendor.json');
    writeFileSync(
      vendor,
      // Other objects (their own STIX ids), the same claims.
      fake
        .replaceAll('-00000000010', '-00000000020')
        .replaceAll('Quiet Heron', 'Vouched Heron')
        .replaceAll('Evil Panda', 'Vouched Panda'),
    );
    const r = JSON.parse((await run('intel', 'import', '--data', data, '--json', '--trusted', vendor)).out);
    // Its own claims stand; the unvetted fake now loses "Heron Team" to it.
    const conflicts = r.outcomes[0].conflicts as { source: string; claim: string }[];
    expect(conflicts.filter((c) => c.source === 'vendor')).toEqual([]);
    expect(conflicts.map((c) => `${c.source}: ${c.claim}`)).toContain('fake: Heron Team');
    const q = await run(
      'query',
      '--data',
      data,
      '--format',
      'json',
      "SELECT json_extract(counts, '$.trusted') AS t FROM intel_sources WHERE source = 'vendor'",
    );
    expect(q.out).toMatch(/true/);
  });
});
