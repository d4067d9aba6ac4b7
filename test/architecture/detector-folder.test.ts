// 14.1: adding a detector is one folder plus one registry line. payload-delivery, registered last,
// is the worked example: no code outside its folder imports it or names it, except that line.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectorNames } from '../../src/detect/registry.js';

const src = path.resolve(import.meta.dirname, '../../src');

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return codeFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Code without its comments: a comment may mention a detector, code may not depend on it. */
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

describe('14.1: a detector is one folder plus one registry line', () => {
  it('payload-delivery is registered last', () => {
    expect(detectorNames.at(-1)).toBe('payload-delivery');
  });

  it('nothing outside detect/payload-delivery/ imports it or names it, but the registry line', () => {
    const folder = path.join(src, 'detect', 'payload-delivery');
    const uses: string[] = [];
    for (const file of codeFiles(src)) {
      if (file.startsWith(folder + path.sep)) continue;
      const text = code(file);
      for (const m of text.matchAll(/'payload-delivery'|payload-delivery\//g))
        uses.push(`${path.relative(src, file)}: ${m[0]}`);
    }
    expect(uses).toEqual(['detect/registry.ts: payload-delivery/', "detect/registry.ts: 'payload-delivery'"]);
  });
});
