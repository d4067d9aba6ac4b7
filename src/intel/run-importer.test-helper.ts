import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportDefaults, Importer, KnownName } from './importer.js';
import type {
  EntityRecord,
  IndicatorRecord,
  IntelItem,
  ObservableRecord,
  RelationshipRecord,
} from './model.js';

/** Writes `text` to a new temporary file called `name` and returns its path. */
export function fixtureFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-intel-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Every item an importer yields for a file. */
export async function runImporter(
  importer: Importer,
  path: string,
  known: readonly KnownName[] = [],
  defaults: ImportDefaults = {},
): Promise<IntelItem[]> {
  const items: IntelItem[] = [];
  for await (const item of importer.read({ path, source: 'test', defaults, knownNames: async () => known })) {
    items.push(item);
  }
  return items;
}

/** Items of one kind, unwrapped. */
export function itemsOf<K extends IntelItem['kind']>(
  items: readonly IntelItem[],
  kind: K,
): Extract<IntelItem, { kind: K }>[] {
  return items.filter((i): i is Extract<IntelItem, { kind: K }> => i.kind === kind);
}

/** Known names for tests: APT10 is menuPass (`e1`), with the ordinary-word aliases real sources carry. */
export const fakeKnownNames: readonly KnownName[] = [
  { name: 'menuPass', cls: 'actor', canonical: 'menuPass', entityId: 'e1' },
  { name: 'APT10', cls: 'actor', canonical: 'menuPass', entityId: 'e1' },
  { name: 'Stone Panda', cls: 'actor', canonical: 'menuPass', entityId: 'e1' },
  { name: 'Cicada', cls: 'actor', canonical: 'menuPass', entityId: 'e1' },
  { name: 'PlugX', cls: 'software', canonical: 'PlugX', entityId: 'e2' },
  { name: 'Page', cls: 'software', canonical: 'Page', entityId: 'e3' },
  { name: 'Net', cls: 'software', canonical: 'Net', entityId: 'e4' },
  { name: 'Ping', cls: 'software', canonical: 'Ping', entityId: 'e5' },
  { name: 'at', cls: 'software', canonical: 'at', entityId: 'e6' },
  { name: 'Equation', cls: 'actor', canonical: 'Equation', entityId: 'e7' },
  { name: 'Remote', cls: 'software', canonical: 'Remote', entityId: 'e8' },
  { name: 'Tor', cls: 'software', canonical: 'Tor', entityId: 'e9' },
  { name: 'Agent', cls: 'software', canonical: 'Agent', entityId: 'e10' },
  { name: 'Shell', cls: 'software', canonical: 'Shell', entityId: 'e11' },
  { name: 'Cobalt', cls: 'actor', canonical: 'Cobalt Group', entityId: 'e12' },
  { name: 'Cobalt Strike', cls: 'software', canonical: 'Cobalt Strike', entityId: 'e13' },
  { name: 'UpdateAgent', cls: 'software', canonical: 'UpdateAgent', entityId: 'e14' },
  { name: 'APT28', cls: 'actor', canonical: 'APT28', entityId: 'e15' },
  { name: 'Quasar RAT', cls: 'software', canonical: 'QuasarRAT', entityId: 'e16' },
];

/** The records of one kind, unwrapped; problems as `location: message`. */
export const entities = (items: IntelItem[]): EntityRecord[] =>
  items.flatMap((i) => (i.kind === 'entity' ? [i.entity] : []));
export const indicators = (items: IntelItem[]): IndicatorRecord[] =>
  items.flatMap((i) => (i.kind === 'indicator' ? [i.indicator] : []));
export const relationships = (items: IntelItem[]): RelationshipRecord[] =>
  items.flatMap((i) => (i.kind === 'relationship' ? [i.relationship] : []));
export const observables = (items: IntelItem[]): ObservableRecord[] =>
  items.flatMap((i) => (i.kind === 'observable' ? [i.observable] : []));
export const notes = (items: IntelItem[]): string[] =>
  items.flatMap((i) => (i.kind === 'note' ? [i.note] : []));
export const problems = (items: IntelItem[]): string[] =>
  items.flatMap((i) => (i.kind === 'problem' ? [`${i.problem.location}: ${i.problem.message}`] : []));
