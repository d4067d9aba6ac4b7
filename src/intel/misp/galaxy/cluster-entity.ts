import { nameKey } from '../../../domain/name-key.js';
import type { EntityRecord, Ref, RelationshipRecord, RelationshipType } from '../../model.js';
import { type GalaxyKind, isAttackId, splitAttackSuffix } from '../galaxy-types.js';
import { field, flag, isObject, type JsonObject, objects, text, texts, uuidOf } from '../json-values.js';
import { clusterAttrs } from './cluster-meta.js';

/** The knowledge-base ref of a galaxy cluster uuid (cluster files and events alike). */
export const clusterRef = (uuid: string): Ref => `uuid:${uuid}`;

/** The STIX id that an ATT&CK-generated cluster shares its uuid with. */
export const attackStixId = (kind: GalaxyKind, uuid: string): Ref | undefined =>
  kind.stixType ? `${kind.stixType}--${uuid}` : undefined;

/**
 * One galaxy cluster (a cluster file's `values[]` item, or an event's `GalaxyCluster`) as an
 * entity. `uuid` is the cluster's trusted uuid, when it has one. Returns a message when the
 * cluster has no usable name.
 */
export function clusterEntity(
  kind: GalaxyKind,
  cluster: JsonObject,
  ref: Ref,
  uuid: string | undefined,
): EntityRecord | string {
  const value = text(field(cluster, 'value'), 300);
  if (!value) return 'cluster has no "value" (name)';
  const { name, attackId } = splitAttackSuffix(value);
  const metaRaw = field(cluster, 'meta');
  const meta = isObject(metaRaw) ? metaRaw : undefined;

  const attackIds = new Set<string>();
  if (attackId) attackIds.add(attackId);
  for (const id of texts(meta ? field(meta, 'external_id') : undefined)) {
    if (isAttackId(id)) attackIds.add(id.toUpperCase());
  }
  const aliases = new Map<string, string>();
  const taken = new Set([nameKey(name)]);
  for (const synonym of texts(meta ? field(meta, 'synonyms') : undefined, 200, 200)) {
    // ATT&CK lists the group's own name and id among MISP synonyms; those are not aliases.
    if (isAttackId(synonym)) {
      attackIds.add(synonym.toUpperCase());
      continue;
    }
    const split = splitAttackSuffix(synonym);
    if (split.attackId) attackIds.add(split.attackId);
    const key = nameKey(split.name);
    if (key === '' || taken.has(key)) continue;
    taken.add(key);
    aliases.set(key, split.name);
  }

  const otherRefs: Ref[] = [];
  const stixId = uuid ? attackStixId(kind, uuid) : undefined;
  if (stixId) otherRefs.push(stixId);
  for (const rel of objects(field(cluster, 'related'))) {
    const dest = uuidOf(field(rel, 'dest-uuid'));
    if (dest && relationName(rel) === 'same-as') otherRefs.push(clusterRef(dest));
  }

  const country = texts(meta ? field(meta, 'country') : undefined)[0];
  const description = text(field(cluster, 'description'), 8000);
  const attrs = clusterAttrs(meta);
  const revoked = flag(field(cluster, 'revoked'));
  return {
    ref,
    type: kind.entityType,
    name,
    aliases: [...aliases.values()],
    attackIds: [...attackIds],
    ...(otherRefs.length > 0 ? { otherRefs } : {}),
    ...(description ? { description } : {}),
    ...(country ? { country } : {}),
    ...(attrs ? { attrs } : {}),
    ...(revoked ? { revoked } : {}),
  };
}

/** A `related[]` entry's relation name, trimmed and lower-cased (the data has `is-deployed-by `). */
export function relationName(rel: JsonObject): string {
  return (text(field(rel, 'type'), 100) ?? '').toLowerCase();
}

/** Relations the model has a type for; `same-as` becomes an otherRef, everything else `related-to`. */
const directTypes: Readonly<Record<string, RelationshipType>> = {
  uses: 'uses',
  targets: 'targets',
  'revoked-by': 'revoked-by',
  'attributed-to': 'attributed-to',
};

/**
 * The relationships of one cluster's `related[]`. `used-by` is `uses` read backwards; relations
 * the model has no type for become `related-to` and keep the MISP relation and its tags in the
 * description.
 */
export function clusterRelationships(
  cluster: JsonObject,
  ref: Ref,
): { relationships: RelationshipRecord[]; bad: number } {
  const relationships: RelationshipRecord[] = [];
  let bad = 0;
  for (const rel of objects(field(cluster, 'related'))) {
    const dest = uuidOf(field(rel, 'dest-uuid'));
    const relation = relationName(rel);
    if (!dest || relation === '') {
      bad++;
      continue;
    }
    const targetRef = clusterRef(dest);
    if (relation === 'same-as') continue;
    if (relation === 'used-by') {
      relationships.push({ sourceRef: targetRef, type: 'uses', targetRef: ref });
      continue;
    }
    const direct = Object.hasOwn(directTypes, relation) ? directTypes[relation] : undefined;
    if (direct) {
      relationships.push({ sourceRef: ref, type: direct, targetRef });
      continue;
    }
    const tags = texts(field(rel, 'tags'), 5, 200);
    relationships.push({
      sourceRef: ref,
      type: 'related-to',
      targetRef,
      description: `MISP galaxy relation "${relation}"${tags.length > 0 ? ` (${tags.join(', ')})` : ''}`,
    });
  }
  return { relationships, bad };
}
