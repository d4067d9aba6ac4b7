import { attackRef, classOfType, type EntityRecord, nameRef, type Ref } from '../../model.js';
import { clusterEntity, clusterRef } from '../galaxy/cluster-entity.js';
import { galaxyKindOf, parseGalaxyTag, splitAttackSuffix } from '../galaxy-types.js';
import { field, isObject, type JsonObject, objects, text, texts, uuidOf } from '../json-values.js';
import { tagNames } from './event-tags.js';

/** What an event's or attribute's galaxies and galaxy tags name. */
export interface Attribution {
  /** Actors and software: what the event's indicators indicate. */
  readonly indicates: Ref[];
  /** Everything named, techniques and campaigns included: what the report mentions. */
  readonly mentions: Ref[];
  readonly entities: EntityRecord[];
  readonly problems: string[];
}

/**
 * A cluster's own uuid, when the export carries one. Older MISP exports put the galaxy's or the
 * cluster collection's uuid in `GalaxyCluster.uuid` (the Sednit event gives Sofacy the uuid of the
 * whole threat-actor collection), so it is trusted only beside a distinct `collection_uuid`;
 * ATT&CK clusters of that era carry the real one in `meta.uuid`.
 */
function trustedClusterUuid(cluster: JsonObject): string | undefined {
  const meta = field(cluster, 'meta');
  const metaUuid = isObject(meta) ? texts(field(meta, 'uuid'))[0] : undefined;
  if (uuidOf(metaUuid)) return uuidOf(metaUuid);
  const own = uuidOf(field(cluster, 'uuid'));
  const collection = uuidOf(field(cluster, 'collection_uuid'));
  return own && collection && own !== collection ? own : undefined;
}

/** The entities and refs named by `holder`'s `Galaxy[].GalaxyCluster[]` and `misp-galaxy:` tags. */
export function attributionOf(holder: JsonObject): Attribution {
  const indicates = new Set<Ref>();
  const mentions = new Set<Ref>();
  const entities: EntityRecord[] = [];
  const problems: string[] = [];
  const coveredTags = new Set<string>();

  for (const galaxy of objects(field(holder, 'Galaxy'))) {
    const galaxyType = text(field(galaxy, 'type'), 200);
    for (const cluster of objects(field(galaxy, 'GalaxyCluster'))) {
      const type = text(field(cluster, 'type'), 200) ?? galaxyType;
      const kind = type ? galaxyKindOf(type) : undefined;
      const value = text(field(cluster, 'value'), 300);
      const tagName = text(field(cluster, 'tag_name'), 400);
      if (!kind || !type) continue;
      if (!value) {
        problems.push(`a ${type} galaxy cluster has no value; skipped`);
        continue;
      }
      const uuid = trustedClusterUuid(cluster);
      const ref = uuid ? clusterRef(uuid) : `galaxy:${type}:${value}`;
      const entity = clusterEntity(kind, cluster, ref, uuid);
      if (typeof entity === 'string') {
        problems.push(`galaxy cluster ${type}="${value}": ${entity}`);
        continue;
      }
      if (tagName) coveredTags.add(tagName);
      entities.push(entity);
      mentions.add(ref);
      const cls = classOfType[kind.entityType];
      if (cls === 'actor' || cls === 'software') indicates.add(ref);
    }
  }

  for (const tag of tagNames(holder)) {
    if (coveredTags.has(tag)) continue;
    const parsed = parseGalaxyTag(tag);
    const kind = parsed ? galaxyKindOf(parsed.type) : undefined;
    if (!parsed || !kind) continue;
    const { name, attackId } = splitAttackSuffix(parsed.value);
    const cls = classOfType[kind.entityType];
    const ref = attackId ? attackRef(attackId) : nameRef(cls, name);
    mentions.add(ref);
    if (cls === 'actor' || cls === 'software') indicates.add(ref);
  }
  return { indicates: [...indicates], mentions: [...mentions], entities, problems };
}
