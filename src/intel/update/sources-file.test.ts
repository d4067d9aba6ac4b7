import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../../../test/helpers/shared-data.js';
import { errorCodes, MamoriError } from '../../errors.js';
import { defaultIntelSources, defaultWarninglists, isUrlSource } from './intel-sources.js';
import { loadSourcesFile, resolveIntelSources } from './sources-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mamori-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, body: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
}

async function errorOf(p: Promise<unknown>): Promise<MamoriError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(MamoriError);
    return err as MamoriError;
  }
  throw new Error('expected a MamoriError');
}

describe('default intel sources', () => {
  it('has unique, safe ids and https URLs', () => {
    const ids = defaultIntelSources.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(2 + 9 + 40);
    expect(ids.slice(0, 2)).toEqual(['attack-enterprise', 'attack-ics']);
    expect(ids).toContain('galaxy-threat-actor');
    expect(ids).toContain('warninglist-public-dns-v4');
    for (const s of defaultIntelSources) expect(s.url).toMatch(/^https:\/\/raw\.githubusercontent\.com\//);
  });
});

describeWithSharedData('default warninglists', ['intel/misp-warninglists'], () => {
  it('are the lists of the shared data set', () => {
    const names = readdirSync(sharedData('intel/misp-warninglists'))
      .filter((f) => f !== 'schema.json')
      .map((f) => f.replace(/\.json$/, ''));
    expect([...defaultWarninglists].sort()).toEqual(names.sort());
  });
});

describe('sources file', () => {
  it('replaces defaults by id, adds new ones, and resolves relative paths', async () => {
    const file = write('ok.json', {
      sources: [
        { id: 'attack-ics', path: 'mirror/ics-attack.json' },
        { id: 'my-feed', url: 'https://intel.example.org/feed.json' },
      ],
    });
    const sources = await resolveIntelSources(file);
    expect(sources).toHaveLength(defaultIntelSources.length + 1);
    expect(sources[1]).toEqual({ id: 'attack-ics', path: path.join(dir, 'mirror/ics-attack.json') });
    expect(sources.at(-1)).toEqual({ id: 'my-feed', url: 'https://intel.example.org/feed.json' });
    expect(isUrlSource(sources[0]!)).toBe(true);
  });

  it('uses only its own sources with replaceDefaults', async () => {
    const file = write('only.json', { sources: [{ id: 'a', path: '/abs/a.json' }], replaceDefaults: true });
    expect(await resolveIntelSources(file)).toEqual([{ id: 'a', path: '/abs/a.json' }]);
  });

  it('is the defaults without a file', async () => {
    expect(await resolveIntelSources()).toEqual(defaultIntelSources);
  });

  it('names the file and the field of each mistake', async () => {
    const file = write('bad.json', {
      sources: [
        { id: 'ok', url: 'ftp://example.org/x' },
        { id: 'both', url: 'https://example.org/x', path: '/x' },
        { id: 'x/y', path: '/x' },
        { id: 'typo', ur: 'https://example.org' },
        { id: 'ok', path: '/again' },
      ],
      replace: true,
    });
    const err = await errorOf(loadSourcesFile(file));
    expect(err.code).toBe(errorCodes.badInput);
    const lines = err.message.split('\n');
    expect(lines.every((l) => l.startsWith(`${file}: `))).toBe(true);
    expect(err.message).toContain('sources[0].url: must be an http:// or https:// URL');
    expect(err.message).toContain('sources[1]: give exactly one of "url" or "path"');
    expect(err.message).toContain('sources[2].id: must start with a letter or digit');
    expect(err.message).toContain('sources[3]: Unrecognized key: "ur"');
    expect(err.message).toContain('sources[4].id: "ok" is listed twice');
    expect(err.message).toContain('(top level): Unrecognized key: "replace"');
  });

  it('reports unreadable and non-JSON files', async () => {
    const missing = await errorOf(loadSourcesFile(path.join(dir, 'none.json')));
    expect(missing.code).toBe(errorCodes.io);
    expect(missing.message).toContain('none.json: cannot read the sources file');
    const broken = await errorOf(loadSourcesFile(write('broken.json', '{"sources": [')));
    expect(broken.message).toMatch(/broken\.json: not valid JSON/);
  });
});
