import type { ImportContext, Importer } from '../importer.js';
import type { IntelItem } from '../model.js';
import { readWholeText } from '../read-text.js';
import { normalizeEntry } from './warninglist-entries.js';
import { parseSnapshot, snapshotFormat, snapshotRecord } from './warninglist-snapshot.js';

const headRe = new RegExp(`^\\s*\\{\\s*"format"\\s*:\\s*"${snapshotFormat.replace(/[/.]/g, '\\$&')}"`);

/** mamori's warninglist snapshot: many MISP warninglists in one dated, gzipped file. */
export const warninglistSnapshotImporter: Importer = {
  name: 'warninglist-snapshot',
  description: `mamori warninglist snapshot (${snapshotFormat}): MISP warninglists of one date in one file`,

  sniff(head: string): boolean {
    return headRe.test(head);
  },

  read(ctx: ImportContext): AsyncIterable<IntelItem> {
    return readSnapshot(ctx);
  },
};

async function* readSnapshot(ctx: ImportContext): AsyncGenerator<IntelItem> {
  const snapshot = parseSnapshot(await readWholeText(ctx.path), ctx.path);
  for (const list of snapshot.lists) {
    ctx.signal?.throwIfAborted();
    // The builder normalised the entries; a hand-edited file is checked the same way.
    const entries: string[] = [];
    for (const [i, raw] of list.entries.entries()) {
      const n = normalizeEntry(list.matchType, raw);
      if (n.ok) entries.push(n.value);
      else yield { kind: 'problem', problem: { location: `${list.name} entry ${i}`, message: n.reason } };
    }
    yield { kind: 'warninglist', warninglist: { ...snapshotRecord(list), entries } };
  }
}
