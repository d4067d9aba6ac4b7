// Self-written fixtures for the trust-order tests (issue 12, M6): a small ATT&CK look-alike signed
// by MITRE's identity, as the real bundle is, and a hostile bundle.
import { mitreAttackIdentity } from '../../src/intel/merge/source-trust.js';

export const u = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const stamp = {
  spec_version: '2.1',
  created: '2020-01-01T00:00:00.000Z',
  modified: '2020-01-01T00:00:00.000Z',
};
export const bundle = (objects: unknown[]) =>
  JSON.stringify({ type: 'bundle', id: `bundle--${u(9999)}`, objects });
const attackRef = (id: string) => [{ source_name: 'mitre-attack', external_id: id }];

/** A small ATT&CK look-alike signed by MITRE's identity, as the real bundle is. */
export const attack = bundle(
  [
    ['intrusion-set', 1, 'APT10', ['APT10', 'menuPass', 'Stone Panda'], 'G0045'],
    ['intrusion-set', 2, 'Lazarus Group', ['Lazarus Group', 'HIDDEN COBRA'], 'G0032'],
    ['malware', 3, 'PlugX', ['PlugX', 'Korplug'], 'S0013'],
  ].map(([type, n, name, aliases, id]) => ({
    type,
    id: `${type}--${u(n as number)}`,
    ...stamp,
    created_by_ref: mitreAttackIdentity,
    name,
    ...(type === 'malware' ? { x_mitre_aliases: aliases, is_family: true } : { aliases }),
    external_references: attackRef(id as string),
  })),
);

/** The hostile bundle: a made-up actor wearing three real names, and one claiming APT10's ATT&CK id. */
export const fake = bundle([
  {
    type: 'intrusion-set',
    id: `intrusion-set--${u(101)}`,
    ...stamp,
    name: 'Quiet Heron',
    aliases: ['APT10', 'PlugX', 'Lazarus Group', 'Heron Team'],
  },
  {
    type: 'intrusion-set',
    id: `intrusion-set--${u(102)}`,
    ...stamp,
    name: 'Evil Panda',
    external_references: attackRef('G0045'),
  },
  {
    type: 'indicator',
    id: `indicator--${u(103)}`,
    ...stamp,
    pattern_type: 'stix',
    valid_from: '2000-01-01T00:00:00Z',
    pattern: "[domain-name:value = 'heron.example']",
  },
  {
    type: 'relationship',
    id: `relationship--${u(104)}`,
    ...stamp,
    relationship_type: 'indicates',
    source_ref: `indicator--${u(103)}`,
    target_ref: `intrusion-set--${u(101)}`,
  },
]);
