// 14.3: layers point down. The Biome overrides (scripts/layer-overrides.ts, written into biome.json by
// scripts/write-layer-lint.ts) make an upward import fail `npm run lint`; this test checks the same
// rule independently, by resolving every relative import of src/, and that biome.json is in sync.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerOverrides } from '../../scripts/layer-overrides.js';
import { layerOf, mayImport } from '../../scripts/layer-table.js';

const repo = path.resolve(import.meta.dirname, '../..');
const src = path.join(repo, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test(-helper)?\.ts$/.test(e.name) ? [p] : [];
  });
}

const folderOf = (file: string) => {
  const parts = path.relative(src, file).split(path.sep);
  return parts.length > 1 ? (parts[0] as string) : '(root)';
};

describe('14.3: layers point down', () => {
  it('every src folder has a layer', () => {
    const folders = readdirSync(src, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => layerOf(f) === undefined)).toEqual([]);
  });

  it('no module imports from a layer above it or a peer stage', () => {
    const upward: string[] = [];
    for (const file of sourceFiles(src)) {
      const from = folderOf(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = path.resolve(path.dirname(file), m[1] as string);
        if (!target.startsWith(src)) continue;
        const to = folderOf(target);
        if (!mayImport(from, to)) upward.push(`${path.relative(repo, file)} → ${m[1]}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('biome.json carries the layer rules (npx tsx scripts/write-layer-lint.ts)', () => {
    const biome = JSON.parse(readFileSync(path.join(repo, 'biome.json'), 'utf8')) as { overrides?: unknown };
    expect(biome.overrides).toEqual(layerOverrides());
  });
});
