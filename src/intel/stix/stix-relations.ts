import {
  entityTypes,
  type RelationshipRecord,
  type RelationshipType,
  relationshipTypes,
  type SightingRecord,
} from '../model.js';
import type { StixObject } from './bundle-stream.js';
import { flag, num, str, strList, typeOfId } from './stix-fields.js';

/** Relationship types read from STIX (`mentions` is ours: it comes from report `object_refs`). */
const readTypes = new Set<string>(relationshipTypes.filter((t) => t !== 'mentions'));
/** Object types a report may usefully mention; its other refs (identities, relationships…) are not kept. */
const mentionable = new Set<string>([...entityTypes, 'indicator']);

/** A STIX relationship as a record; `ignored` names why it is not kept (type, revoked, deprecated). */
export function relationshipOf(
  o: StixObject,
): { readonly record: RelationshipRecord } | { readonly ignored: string } | { readonly problem: string } {
  const type = str(o, 'relationship_type');
  const sourceRef = str(o, 'source_ref');
  const targetRef = str(o, 'target_ref');
  if (!type || !sourceRef || !targetRef)
    return { problem: 'relationship lacks relationship_type, source_ref or target_ref' };
  if (!readTypes.has(type)) return { ignored: `${type} relationships` };
  // ATT&CK marks stale links this way; the revoked-by links themselves stay.
  if (flag(o, 'revoked')) return { ignored: 'revoked relationships' };
  if (flag(o, 'x_mitre_deprecated')) return { ignored: 'deprecated relationships' };
  const description = str(o, 'description');
  const firstSeen = str(o, 'start_time');
  const lastSeen = str(o, 'stop_time');
  return {
    record: {
      sourceRef,
      type: type as RelationshipType,
      targetRef,
      ...(description ? { description } : {}),
      ...(firstSeen ? { firstSeen } : {}),
      ...(lastSeen ? { lastSeen } : {}),
    },
  };
}

/** `mentions` relationships from a report to the entities and indicators in its `object_refs`. */
export function reportMentions(o: StixObject): { records: RelationshipRecord[]; skipped: number } {
  const records: RelationshipRecord[] = [];
  let skipped = 0;
  for (const ref of new Set(strList(o, 'object_refs'))) {
    const type = typeOfId(ref);
    if (type && mentionable.has(type)) records.push({ sourceRef: o.id, type: 'mentions', targetRef: ref });
    else skipped++;
  }
  return { records, skipped };
}

/** A STIX sighting as a record, or why it cannot be one. */
export function sightingOf(o: StixObject): SightingRecord | string {
  const ref = str(o, 'sighting_of_ref');
  if (!ref) return 'sighting has no sighting_of_ref';
  const count = num(o, 'count');
  const firstSeen = str(o, 'first_seen');
  const lastSeen = str(o, 'last_seen');
  const observer = strList(o, 'where_sighted_refs')[0] ?? str(o, 'created_by_ref');
  return {
    ref,
    // STIX leaves count out when the producer did not count; one sighting is what it asserts.
    count: count !== undefined && count >= 0 ? Math.floor(count) : 1,
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastSeen ? { lastSeen } : {}),
    ...(observer ? { observer } : {}),
  };
}
