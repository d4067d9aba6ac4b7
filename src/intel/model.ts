/**
 * The knowledge-base model, aligned with STIX 2.1. Importers turn each source into a stream of
 * these records; the merge step resolves their source-local refs into the store's entities.
 */

/** Entity kinds kept in the knowledge base (STIX SDO types). */
export const entityTypes = [
  'intrusion-set',
  'threat-actor',
  'malware',
  'tool',
  'attack-pattern',
  'campaign',
  'report',
] as const;
export type EntityType = (typeof entityTypes)[number];

/** Entities that can be merged with one another by name or alias. */
export type EntityClass = 'actor' | 'software' | 'technique' | 'campaign' | 'report';
export const classOfType: Record<EntityType, EntityClass> = {
  'intrusion-set': 'actor',
  'threat-actor': 'actor',
  malware: 'software',
  tool: 'software',
  'attack-pattern': 'technique',
  campaign: 'campaign',
  report: 'report',
};

export const relationshipTypes = [
  'uses',
  'attributed-to',
  'indicates',
  'related-to',
  'targets',
  'mentions',
  'revoked-by',
  'subtechnique-of',
] as const;
export type RelationshipType = (typeof relationshipTypes)[number];

/** Indicator value types that network telemetry can match. */
export const indicatorTypes = [
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'md5',
  'sha1',
  'sha256',
  'email',
  'ja3',
  'ja3s',
  'ja4',
  'x509',
] as const;
export type IndicatorType = (typeof indicatorTypes)[number];

/** TLP 2.0 labels (TLP:WHITE of TLP 1.0 is read as CLEAR). */
export const tlpLevels = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof tlpLevels)[number];

/**
 * A reference from one record to another. Within one source a ref is that source's own id (a STIX
 * id, a galaxy uuid, `attr:<uuid>`). Refs of the form `name:<class>:<name>` point at whatever
 * entity of that class carries the name or alias (a MISP tag, an `--actor` flag, a report mention);
 * `attack:<id>` points at the entity with that ATT&CK id.
 */
export type Ref = string;

export const nameRef = (cls: EntityClass, name: string): Ref => `name:${cls}:${name}`;
export const attackRef = (id: string): Ref => `attack:${id.toUpperCase()}`;
/** Points at an entity already in the store (by its store id), as report mentions do. */
export const entityRef = (id: string): Ref => `entity:${id}`;

export interface EntityRecord {
  readonly ref: Ref;
  readonly type: EntityType;
  readonly name: string;
  /** Every other name the source gives (synonyms, aliases, x_mitre_aliases); not the name itself. */
  readonly aliases: readonly string[];
  /** ATT&CK ids (G0045, S0012, T1071.001, C0001) only. */
  readonly attackIds: readonly string[];
  /** Other ids this entity is known by in other sources: MISP galaxy cluster uuids, STIX ids. */
  readonly otherRefs?: readonly Ref[];
  readonly description?: string;
  /** ISO 3166 alpha-2 code or country name, as the source states it. */
  readonly country?: string;
  /** Source-specific facts worth keeping: cfr-* victimology, attribution-confidence, kill chain... */
  readonly attrs?: Readonly<Record<string, unknown>>;
  readonly revoked?: boolean;
  readonly deprecated?: boolean;
  /** Who published the object (STIX `created_by_ref`): tells MITRE's ATT&CK objects from look-alikes. */
  readonly createdBy?: string;
  readonly created?: string;
  readonly modified?: string;
  /** Reports: where the document lives and when it was published. */
  readonly url?: string;
  readonly published?: string;
  readonly tlp?: Tlp;
}

export interface RelationshipRecord {
  readonly sourceRef: Ref;
  readonly type: RelationshipType;
  readonly targetRef: Ref;
  readonly description?: string;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
}

export interface IndicatorRecord {
  /** The source's own id of the indicator (one STIX indicator may yield several records). */
  readonly ref: Ref;
  readonly type: IndicatorType;
  /** Normalised with `normalizeIndicator`. */
  readonly value: string;
  /** Only for ip:port indicators (MISP `ip-dst|port`, STIX `network-traffic:dst_port`). */
  readonly port?: number;
  readonly validFrom?: string;
  readonly validUntil?: string;
  /** 0–100. */
  readonly confidence?: number;
  readonly tlp?: Tlp;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  readonly description?: string;
  /** The STIX pattern this value came from, when it did. */
  readonly pattern?: string;
  /** False when a source says the value is context, not for detection (MISP `to_ids: false`). */
  readonly toIds?: boolean;
  /** Entities this indicator points at, besides explicit `indicates` relationships. */
  readonly indicates?: readonly Ref[];
  readonly revoked?: boolean;
}

/** Something a source lists that network data cannot match (a file name, mutex, registry key, process pattern). */
export interface ObservableRecord {
  readonly ref: Ref;
  readonly kind: string;
  readonly value: string;
  readonly reason: string;
  readonly indicates?: readonly Ref[];
}

export interface SightingRecord {
  /** The indicator or entity ref that was sighted. */
  readonly ref: Ref;
  readonly count: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  readonly observer?: string;
}

/** One problem inside an otherwise readable file: the record is skipped, the rest imported. */
export interface ImportProblem {
  /** `line 12`, `object 341 (indicator--…)`, `Attribute 7`… */
  readonly location: string;
  readonly message: string;
}

/** A MISP warninglist: known-benign values that must never be matched as malicious. */
export interface WarninglistRecord {
  readonly name: string;
  readonly description: string;
  readonly version: string;
  /** How entries match: `cidr` containment, `hostname` (the name and its subdomains), exact `string`, `substring`, `regex`. */
  readonly matchType: 'cidr' | 'hostname' | 'string' | 'substring' | 'regex';
  readonly category: string;
  readonly matchingAttributes: readonly string[];
  readonly entries: readonly string[];
}

export type IntelItem =
  | { readonly kind: 'entity'; readonly entity: EntityRecord }
  | { readonly kind: 'relationship'; readonly relationship: RelationshipRecord }
  | { readonly kind: 'indicator'; readonly indicator: IndicatorRecord }
  | { readonly kind: 'observable'; readonly observable: ObservableRecord }
  | { readonly kind: 'sighting'; readonly sighting: SightingRecord }
  | { readonly kind: 'warninglist'; readonly warninglist: WarninglistRecord }
  | { readonly kind: 'problem'; readonly problem: ImportProblem }
  // Left out by design (a type the knowledge base keeps no part of): said once, never a bad record.
  | { readonly kind: 'note'; readonly note: string };
