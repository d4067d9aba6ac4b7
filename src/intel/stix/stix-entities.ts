import { nameKey } from '../../domain/name-key.js';
import type { EntityRecord, EntityType, Tlp } from '../model.js';
import type { StixObject } from './bundle-stream.js';
import { field, flag, objList, str, strList } from './stix-fields.js';

/** `source_name`s of external references that carry ATT&CK ids. */
const attackSources = new Set(['mitre-attack', 'mitre-ics-attack', 'mitre-mobile-attack']);
const attackIdRe = /^[GSTC]\d{4}(?:\.\d{3})?$/;

/** Fields kept in `attrs` per entity type, under their STIX names. */
const keptAttrs: Record<EntityType, readonly string[]> = {
  'intrusion-set': [
    'first_seen',
    'last_seen',
    'goals',
    'resource_level',
    'primary_motivation',
    'secondary_motivations',
    'labels',
    'x_mitre_domains',
  ],
  'threat-actor': [
    'first_seen',
    'last_seen',
    'goals',
    'resource_level',
    'primary_motivation',
    'secondary_motivations',
    'threat_actor_types',
    'roles',
    'sophistication',
    'labels',
  ],
  malware: [
    'malware_types',
    'is_family',
    'capabilities',
    'first_seen',
    'last_seen',
    'labels',
    'x_mitre_platforms',
    'x_mitre_domains',
  ],
  tool: ['tool_types', 'tool_version', 'labels', 'x_mitre_platforms', 'x_mitre_domains'],
  'attack-pattern': ['x_mitre_platforms', 'x_mitre_is_subtechnique', 'x_mitre_domains', 'labels'],
  campaign: [
    'first_seen',
    'last_seen',
    'objective',
    'labels',
    'x_mitre_first_seen_citation',
    'x_mitre_last_seen_citation',
  ],
  report: ['report_types', 'labels'],
};

/** An SDO of a knowledge-base type as an entity record, or why it cannot be one. */
export function entityOf(o: StixObject, type: EntityType, tlp: Tlp | undefined): EntityRecord | string {
  const rawName = str(o, 'name');
  if (!rawName) return `${type} has no name`;
  const attackIds = attackIdsOf(o);
  // Unit 42 playbooks name techniques "T1566.001: Spearphishing Attachment".
  const prefixed = /^([A-Z]\d{4}(?:\.\d{3})?):\s+(.+)$/.exec(rawName);
  const name = prefixed?.[2] && attackIds.includes(prefixed[1] ?? '') ? prefixed[2] : rawName;
  const own = nameKey(name);
  const aliases: string[] = [];
  const seen = new Set([own]);
  for (const alias of [...strList(o, 'aliases'), ...strList(o, 'x_mitre_aliases')]) {
    const key = nameKey(alias);
    if (seen.has(key) || key === '') continue;
    seen.add(key);
    aliases.push(alias);
  }
  const attrs = attrsOf(o, type);
  const description = str(o, 'description');
  const created = str(o, 'created');
  const createdBy = str(o, 'created_by_ref');
  const modified = str(o, 'modified');
  const url = type === 'report' ? firstUrl(o) : undefined;
  const published = type === 'report' ? str(o, 'published') : undefined;
  return {
    ref: o.id,
    type,
    name,
    aliases,
    attackIds,
    ...(description ? { description } : {}),
    ...(attrs ? { attrs } : {}),
    ...(flag(o, 'revoked') ? { revoked: true } : {}),
    ...(flag(o, 'x_mitre_deprecated') ? { deprecated: true } : {}),
    ...(createdBy ? { createdBy } : {}),
    ...(created ? { created } : {}),
    ...(modified ? { modified } : {}),
    ...(url ? { url } : {}),
    ...(published ? { published } : {}),
    ...(tlp ? { tlp } : {}),
  };
}

/** ATT&CK ids from `external_references` of the mitre-attack sources, upper-cased and unique. */
export function attackIdsOf(o: StixObject): string[] {
  const ids = new Set<string>();
  for (const ref of objList(o, 'external_references')) {
    const source = str(ref, 'source_name');
    const id = str(ref, 'external_id')?.toUpperCase();
    if (source && attackSources.has(source) && id && attackIdRe.test(id)) ids.add(id);
  }
  return [...ids];
}

function firstUrl(o: StixObject): string | undefined {
  for (const ref of objList(o, 'external_references')) {
    const url = str(ref, 'url');
    if (url) return url;
  }
  return undefined;
}

function attrsOf(o: StixObject, type: EntityType): Record<string, unknown> | undefined {
  const attrs: Record<string, unknown> = {};
  for (const key of keptAttrs[type]) {
    const v = field(o, key);
    if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') attrs[key] = v;
    else if (Array.isArray(v)) {
      const list = strList(o, key);
      if (list.length > 0) attrs[key] = list;
    }
  }
  const phases = [...new Set(objList(o, 'kill_chain_phases').flatMap((p) => str(p, 'phase_name') ?? []))];
  if (phases.length > 0) attrs['kill_chain_phases'] = phases;
  return Object.keys(attrs).length > 0 ? attrs : undefined;
}
