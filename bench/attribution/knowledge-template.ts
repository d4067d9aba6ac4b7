// The knowledge base every seed of the attribution benchmark starts from: the real ATT&CK, MISP
// galaxies and warninglists, the Unit 42 Granite Taurus playbook, signature-base's C2 and hash lists,
// and the Unit 42 and PwC APT10 lists imported as APT10's (they do not name the actor inside).
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { importRealKnowledgeBase } from '../../test/helpers/real-knowledge-base.js';

/** Builds the template store in `dir` (replacing what is there); returns the seconds it took. */
export async function buildKnowledgeTemplate(shared: string, dir: string): Promise<number> {
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  const store = await DuckDBStore.open({ dataDir: dir });
  try {
    const imported = await importRealKnowledgeBase(store, path.join(shared, 'intel'));
    if (imported.baseFailed + imported.listsFailed > 0)
      throw new Error('the knowledge base template failed to import');
  } finally {
    await store.close();
  }
  return (performance.now() - started) / 1000;
}

/** True when the shared data the benchmark needs is there. */
export function hasIntel(shared: string): boolean {
  return existsSync(path.join(shared, 'intel/mitre-attack/enterprise-attack.mitre-cti.stix20.json.gz'));
}
