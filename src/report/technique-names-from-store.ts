import type { IntelStore } from '../store/intel-store.js';
import type { TechniqueNames } from './technique-names.js';

async function kbName(intel: IntelStore, id: string): Promise<string | null> {
  const hits = await intel.findEntities(id, { limit: 10 });
  return hits.find((e) => e.type === 'attack-pattern' && e.attackIds.includes(id))?.name ?? null;
}

/**
 * ATT&CK names of the given technique ids from the knowledge base (when ATT&CK or a galaxy that
 * names techniques was imported). A sub-technique is named as ATT&CK's pages do, after its parent:
 * `Application Layer Protocol: DNS`. Ids the knowledge base does not name are left out; the report
 * falls back to its built-in names.
 */
export async function techniqueNamesFrom(intel: IntelStore, ids: readonly string[]): Promise<TechniqueNames> {
  const out: Record<string, string> = {};
  for (const id of [...new Set(ids)].sort()) {
    const name = await kbName(intel, id);
    if (!name) continue;
    const parent = id.includes('.') ? await kbName(intel, id.split('.')[0]!) : null;
    out[id] = parent && !name.startsWith(`${parent}:`) ? `${parent}: ${name}` : name;
  }
  return out;
}
