import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImportDefaults, Importer } from '../importer.js';
import type { IntelItem } from '../model.js';

/** Every item an importer reads from `file`. */
export async function collectItems(
  importer: Importer,
  file: string,
  defaults: ImportDefaults = {},
): Promise<IntelItem[]> {
  const items: IntelItem[] = [];
  for await (const item of importer.read({
    path: file,
    source: 'test',
    defaults,
    knownNames: async () => [],
  })) {
    items.push(item);
  }
  return items;
}

/** Writes `content` to a fresh temporary file and returns its path. */
export function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mamori-misp-')), name);
  writeFileSync(file, content);
  return file;
}

/** Items of one kind, typed. */
export function ofKind<K extends IntelItem['kind']>(
  items: readonly IntelItem[],
  kind: K,
): Extract<IntelItem, { kind: K }>[] {
  return items.filter((i): i is Extract<IntelItem, { kind: K }> => i.kind === kind);
}
