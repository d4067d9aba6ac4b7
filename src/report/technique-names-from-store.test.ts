import { describe, expect, it } from 'vitest';
import type { EntitySummary, IntelStore } from '../store/intel-store.js';
import { techniqueNamesFrom } from './technique-names-from-store.js';

const entity = (name: string, id: string, type = 'attack-pattern'): EntitySummary => ({
  id: `e-${id}`,
  type,
  name,
  attackIds: [id],
  aliases: [],
  matchedBy: 'attack-id',
});

/** A knowledge base holding ATT&CK's T1071 and its sub-technique T1071.004, plus an actor. */
const intel = {
  findEntities: async (q: string) =>
    ({
      T1071: [entity('Application Layer Protocol', 'T1071')],
      'T1071.004': [entity('DNS', 'T1071.004')],
      T1105: [entity('APT-Whatever', 'T1105', 'intrusion-set')],
    })[q] ?? [],
} as unknown as IntelStore;

describe('technique names from the knowledge base', () => {
  it('13.4: names techniques as ATT&CK does (sub-techniques after their parent), skips what it does not hold', async () => {
    expect(await techniqueNamesFrom(intel, ['T1071.004', 'T1071', 'T1105', 'T1999', 'T1071'])).toEqual({
      T1071: 'Application Layer Protocol',
      'T1071.004': 'Application Layer Protocol: DNS',
    });
  });
});
