import type { Ref, SightingRecord } from '../../model.js';
import { epochIso, field, isObject, type JsonObject, objects, text } from '../json-values.js';

/** What an attribute's `Sighting[]` says: sightings by observer, false positives, expiry. */
export interface AttributeSightings {
  readonly sightings: SightingRecord[];
  /** Type 1 sightings: someone saw the value and judged it benign. */
  readonly falsePositives: number;
  /** The latest type 2 sighting: the value stopped being an indicator then. */
  readonly expiredAt?: string;
}

/**
 * Reads an attribute's `Sighting[]`. Type 0 (seen) becomes one record per observing organisation;
 * type 1 (false positive) and type 2 (expiration) are not sightings of malicious use, so they are
 * returned apart for the indicator to carry.
 */
export function attributeSightings(attr: JsonObject, ref: Ref): AttributeSightings {
  const byObserver = new Map<string, { count: number; first?: string; last?: string }>();
  let falsePositives = 0;
  let expiredAt: string | undefined;
  for (const s of objects(field(attr, 'Sighting'))) {
    const type = text(field(s, 'type')) ?? '0';
    const when = epochIso(field(s, 'date_sighting'));
    if (type === '1') {
      falsePositives++;
      continue;
    }
    if (type === '2') {
      if (when && (expiredAt === undefined || when > expiredAt)) expiredAt = when;
      continue;
    }
    if (type !== '0') continue;
    const org = field(s, 'Organisation');
    const observer =
      (isObject(org) ? text(field(org, 'name'), 200) : undefined) ?? text(field(s, 'source'), 200) ?? '';
    const entry = byObserver.get(observer) ?? { count: 0 };
    entry.count++;
    if (when && (entry.first === undefined || when < entry.first)) entry.first = when;
    if (when && (entry.last === undefined || when > entry.last)) entry.last = when;
    byObserver.set(observer, entry);
  }
  const sightings = [...byObserver].map(([observer, e]) => ({
    ref,
    count: e.count,
    ...(e.first ? { firstSeen: e.first } : {}),
    ...(e.last ? { lastSeen: e.last } : {}),
    ...(observer ? { observer } : {}),
  }));
  return { sightings, falsePositives, ...(expiredAt ? { expiredAt } : {}) };
}
