// A STIX 2.1 bundle for the pivot tests: an actor (alias TP-1) using a malware family and an ATT&CK
// technique, indicated by the fixture's C2 address and domain.
import { writeFileSync } from 'node:fs';
import { C2, C2_NAME } from './pivot-fixture.js';

/** The actor's STIX id. */
export const ACTOR = 'intrusion-set--11111111-1111-4111-8111-111111111111';

/** Writes the bundle to `file`. */
export function writeBundle(file: string): void {
  const t = '2024-01-01T00:00:00.000Z';
  const base = (type: string, n: number) => ({
    type,
    spec_version: '2.1',
    id: `${type}--${String(n).repeat(8)}-${String(n).repeat(4)}-4${String(n).repeat(3)}-8${String(n).repeat(3)}-${String(n).repeat(12)}`,
    created: t,
    modified: t,
  });
  const rel = (n: number, source: string, type: string, target: string) => ({
    ...base('relationship', n),
    relationship_type: type,
    source_ref: source,
    target_ref: target,
  });
  const malware = { ...base('malware', 2), name: 'EvilRAT', is_family: true };
  const technique = {
    ...base('attack-pattern', 3),
    name: 'Web Protocols',
    external_references: [{ source_name: 'mitre-attack', external_id: 'T1071.001' }],
  };
  const ip = {
    ...base('indicator', 4),
    pattern: `[ipv4-addr:value = '${C2}']`,
    pattern_type: 'stix',
    valid_from: t,
  };
  const dom = {
    ...base('indicator', 5),
    pattern: `[domain-name:value = '${C2_NAME}']`,
    pattern_type: 'stix',
    valid_from: t,
  };
  const actor = { ...base('intrusion-set', 1), name: 'Test Panda', aliases: ['TP-1'] };
  writeFileSync(
    file,
    JSON.stringify({
      type: 'bundle',
      id: 'bundle--99999999-9999-4999-8999-999999999999',
      objects: [
        actor,
        malware,
        technique,
        ip,
        dom,
        rel(6, actor.id, 'uses', malware.id),
        rel(7, actor.id, 'uses', technique.id),
        rel(8, ip.id, 'indicates', actor.id),
        rel(9, dom.id, 'indicates', actor.id),
      ],
    }),
  );
}
