// The real knowledge base the tests and the attribution benchmark build from ../shared/data/intel:
// ATT&CK, MISP galaxies and warninglists, the Unit 42 Granite Taurus playbook, signature-base's C2
// and hash lists, and the Unit 42 and PwC lists, which name no actor inside: the analyst says
// they are APT10's.
import path from 'node:path';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import type { Store } from '../../src/store/store.js';

/** Imports it into `store`; returns how many files of each import failed (both 0 when all is well). */
export async function importRealKnowledgeBase(
  store: Store,
  intelDir: string,
): Promise<{ baseFailed: number; listsFailed: number }> {
  const intel = (rel: string) => path.join(intelDir, rel);
  const base = await importIntelPaths(
    [
      intel('mitre-attack/enterprise-attack.mitre-cti.stix20.json.gz'),
      intel('misp-galaxy/clusters'),
      intel('misp-warninglists'),
      intel('stix/unit42-playbook-granite-taurus-menuPass.stix20.json'),
      intel('ioc/signature-base/c2-iocs.txt'),
      intel('ioc/signature-base/hash-iocs.txt'),
    ],
    { store },
  );
  const lists = await importIntelPaths(
    [intel('ioc/unit42-menuPass-iocs.txt'), intel('ioc/pwc-cloud-hopper-iocs-v3.csv')],
    { store, defaults: { actor: 'APT10', tlp: 'clear' } },
  );
  return { baseFailed: base.failed, listsFailed: lists.failed };
}
