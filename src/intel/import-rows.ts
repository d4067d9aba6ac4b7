import { sourceRanks } from '../domain/source-ranks.js';
import { warninglistSuppresses } from '../domain/warninglist-roles.js';
import { tryIpRange } from '../net/ip-range.js';
import type {
  EntitySourceRow,
  IndicatorRow,
  ObservableRow,
  RelationshipRow,
  SightingRow,
  WarninglistRow,
} from '../store/intel-store.js';
import type { ImportDefaults } from './importer.js';
import type { Stub } from './merge/entity-resolver.js';
import type {
  EntityRecord,
  IndicatorRecord,
  ObservableRecord,
  RelationshipRecord,
  SightingRecord,
  WarninglistRecord,
} from './model.js';
import { warninglistScope } from './warninglists/warninglist-scope.js';

/** Store rows from importer records: nulls for what a record leaves out, address ranges computed. */

export function entityRow(id: string, r: EntityRecord, rank: number): EntitySourceRow {
  return {
    entityId: id,
    ref: r.ref,
    type: r.type,
    name: r.name,
    aliases: [...new Set(r.aliases.filter((a) => a.trim() !== '' && a !== r.name))],
    attackIds: [...new Set(r.attackIds.map((a) => a.toUpperCase()))],
    otherRefs: [...(r.otherRefs ?? [])],
    description: r.description ?? null,
    country: r.country ?? null,
    attrs: r.attrs ? JSON.stringify(r.attrs) : null,
    revoked: r.revoked ?? false,
    deprecated: r.deprecated ?? false,
    url: r.url ?? null,
    published: r.published ?? null,
    tlp: r.tlp ?? null,
    rank,
  };
}

export function indicatorRow(i: IndicatorRecord, d: ImportDefaults | undefined): IndicatorRow {
  const range = i.type === 'ipv4' || i.type === 'ipv6' || i.type === 'cidr' ? tryIpRange(i.value) : null;
  return {
    ref: i.ref,
    type: i.type,
    value: i.value,
    port: i.port ?? null,
    ipVersion: range?.v ?? null,
    ipLo: range?.lo ?? null,
    ipHi: range?.hi ?? null,
    validFrom: i.validFrom ?? null,
    validUntil: i.validUntil ?? null,
    confidence: i.confidence ?? d?.confidence ?? null,
    tlp: i.tlp ?? d?.tlp ?? null,
    firstSeen: i.firstSeen ?? null,
    lastSeen: i.lastSeen ?? null,
    description: i.description ?? null,
    pattern: i.pattern ?? null,
    toIds: i.toIds ?? true,
    revoked: i.revoked ?? false,
    indicates: [...(i.indicates ?? [])],
  };
}

export function relationshipRow(r: RelationshipRecord): RelationshipRow {
  return {
    sourceRef: r.sourceRef,
    type: r.type,
    targetRef: r.targetRef,
    description: r.description ?? null,
    firstSeen: r.firstSeen ?? null,
    lastSeen: r.lastSeen ?? null,
  };
}

export function observableRow(o: ObservableRecord): ObservableRow {
  return { ref: o.ref, kind: o.kind, value: o.value, reason: o.reason, indicates: o.indicates ?? [] };
}

export function sightingRow(s: SightingRecord): SightingRow {
  return {
    ref: s.ref,
    count: s.count,
    firstSeen: s.firstSeen ?? null,
    lastSeen: s.lastSeen ?? null,
    observer: s.observer ?? null,
  };
}

export function warninglistRow(wl: WarninglistRecord): WarninglistRow {
  return {
    name: wl.name,
    description: wl.description,
    version: wl.version,
    matchType: wl.matchType,
    category: wl.category,
    matchingAttributes: wl.matchingAttributes,
    scope: [...warninglistScope(wl)],
    suppresses: warninglistSuppresses(wl.name),
    entries: wl.entries.map((value) => {
      const range = wl.matchType === 'cidr' ? tryIpRange(value) : null;
      return { value, ipVersion: range?.v ?? null, ipLo: range?.lo ?? null, ipHi: range?.hi ?? null };
    }),
  };
}

/** A name no source defines yet (a MISP tag, an --actor flag), kept until one does. */
export function stubRow(stub: Stub): EntitySourceRow {
  return {
    entityId: stub.id,
    ref: stub.ref,
    type: stub.type,
    name: stub.name,
    aliases: [],
    attackIds: [],
    otherRefs: [],
    description: null,
    country: null,
    attrs: JSON.stringify({ stub: true }),
    revoked: false,
    deprecated: false,
    url: null,
    published: null,
    tlp: null,
    rank: sourceRanks.stub,
  };
}
