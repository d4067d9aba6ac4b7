/**
 * The knowledge-base part of a store. Importers' records arrive already resolved to entity ids
 * (the merge step in `intel/merge` does that); the backend keeps each source's contribution
 * apart so that re-importing a source replaces it, and derives the merged view in SQL.
 */

/** An entity as the merge step needs to know it: every id it answers to. */
export interface IndexedEntity {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly attackIds: readonly string[];
  readonly refs: readonly string[];
  /** A reference source (ATT&CK, a MISP galaxy, a `--trusted` source) defines it. */
  readonly reference?: boolean;
}

/** One source's view of an entity. */
export interface EntitySourceRow {
  readonly entityId: string;
  readonly ref: string;
  readonly type: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly attackIds: readonly string[];
  /** Refs from other sources that name the same entity (galaxy uuids, STIX ids). */
  readonly otherRefs: readonly string[];
  readonly description: string | null;
  readonly country: string | null;
  /** JSON text. */
  readonly attrs: string | null;
  readonly revoked: boolean;
  readonly deprecated: boolean;
  readonly url: string | null;
  readonly published: string | null;
  readonly tlp: string | null;
  /** Lower wins the canonical name: ATT&CK 0, MITRE galaxies 1, other STIX 2, galaxies 3, the rest 4, stubs 9. */
  readonly rank: number;
}

/** A relationship between resolved entities, or from an indicator ref (`indicates`). */
export interface RelationshipRow {
  readonly sourceRef: string;
  readonly type: string;
  readonly targetRef: string;
  readonly description: string | null;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

export interface IndicatorRow {
  readonly ref: string;
  readonly type: string;
  readonly value: string;
  readonly port: number | null;
  /** Numeric address range for ipv4, ipv6 and cidr values. */
  readonly ipVersion: 4 | 6 | null;
  readonly ipLo: bigint | null;
  readonly ipHi: bigint | null;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  readonly confidence: number | null;
  readonly tlp: string | null;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly description: string | null;
  readonly pattern: string | null;
  readonly toIds: boolean;
  readonly revoked: boolean;
  /** Refs of what it indicates, resolved at commit through the ref map. */
  readonly indicates: readonly string[];
}

export interface ObservableRow {
  readonly ref: string;
  readonly kind: string;
  readonly value: string;
  readonly reason: string;
  readonly indicates: readonly string[];
}

export interface SightingRow {
  readonly ref: string;
  readonly count: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly observer: string | null;
}

export interface WarninglistRow {
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly matchType: string;
  readonly category: string;
  readonly matchingAttributes: readonly string[];
  /** Indicator types the list applies to (from its match type and `matching_attributes`). */
  readonly scope: readonly string[];
  /** False for lists that only give context (dynamic DNS, VPN ranges): their values are still matched. */
  readonly suppresses: boolean;
  readonly entries: readonly {
    value: string;
    ipVersion: 4 | 6 | null;
    ipLo: bigint | null;
    ipHi: bigint | null;
  }[];
}

/** The warninglists one source put in the store. */
export interface WarninglistOrigin {
  readonly source: string;
  /** The importer that read it: `warninglist` or `warninglist-snapshot`. */
  readonly kind: string;
  /** When it was imported (ISO, UTC). */
  readonly importedAt: string | null;
  readonly lists: number;
}

/** What a finished import did, for the user. */
export interface IntelImportCounts {
  readonly entities: number;
  readonly newEntities: number;
  readonly relationships: number;
  readonly indicators: number;
  /** Indicator values this source shares with another source (merged, every source kept). */
  readonly mergedIndicators: number;
  readonly newIndicators: number;
  readonly warninglisted: number;
  readonly warninglistedExamples: readonly { value: string; lists: readonly string[] }[];
  readonly observables: number;
  readonly sightings: number;
  readonly warninglists: number;
  /** Relationships whose ends no source imported so far defines; kept, and resolved by later imports. */
  readonly dangling: number;
  readonly danglingExamples: readonly string[];
}

/** An entity found to be another: every row naming `from` moves to `into`. */
export interface EntityMerge {
  readonly from: string;
  readonly into: string;
}

/** Describes one source being imported. */
export interface IntelImportMeta {
  /** The provenance label; importing the same label again replaces what it contributed. */
  readonly source: string;
  readonly kind: string;
  readonly path: string;
  readonly digest: string;
  /** The address-indicator limits this import applied, recorded so that matching applies the same ones. */
  readonly liveScope?: { readonly minPrefixV4: number; readonly minPrefixV6: number };
  /** The user marked this source trusted: its names and ATT&CK ids rank with ATT&CK's and the galaxies'. */
  readonly trusted?: boolean;
}

/** An atomic import of one source: nothing is visible until commit, and abort leaves the store as it was. */
export interface IntelImportWriter {
  addEntities(rows: readonly EntitySourceRow[]): Promise<void>;
  addIndicators(rows: readonly IndicatorRow[]): Promise<void>;
  addRelationships(rows: readonly RelationshipRow[]): Promise<void>;
  addObservables(rows: readonly ObservableRow[]): Promise<void>;
  addSightings(rows: readonly SightingRow[]): Promise<void>;
  addWarninglist(row: WarninglistRow): Promise<void>;
  /** Every ref of this import and what entity it names (entities, name refs, aliases of other sources). */
  commit(refMap: ReadonlyMap<string, string>, merges?: readonly EntityMerge[]): Promise<IntelImportCounts>;
  abort(): Promise<void>;
}

export interface EntitySummary {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly attackIds: readonly string[];
  readonly aliases: readonly string[];
  /** How the query matched: `name`, `alias`, `attack-id`, or `partial`. */
  readonly matchedBy: string;
}

export interface LinkedEntity {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly attackIds: readonly string[];
  readonly relationship: string;
  readonly sources: readonly string[];
}

export interface EntityDetail {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly attackIds: readonly string[];
  readonly country: string | null;
  readonly description: string | null;
  readonly revoked: boolean;
  readonly deprecated: boolean;
  readonly sources: readonly string[];
  readonly attrs: Readonly<Record<string, unknown>>;
  /** What it uses, is attributed to, targets… (outgoing) and what points at it (incoming). */
  readonly outgoing: readonly LinkedEntity[];
  readonly incoming: readonly LinkedEntity[];
  readonly indicatorsBySource: readonly { source: string; type: string; count: number }[];
  readonly reports: readonly { id: string; name: string; url: string | null; published: string | null }[];
}

export interface IndicatorHit {
  readonly key: string;
  readonly type: string;
  readonly value: string;
  readonly port: number | null;
  /** How the searched value relates: `exact`, `parent-domain` (a listed domain above it), `cidr`. */
  readonly match: string;
  readonly confidence: number | null;
  readonly tlp: string | null;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly warninglists: readonly string[];
  /** Lists that give context without marking the value benign (dynamic DNS, VPN ranges…). */
  readonly contextLists: readonly string[];
  readonly sources: readonly { source: string; ref: string; description: string | null }[];
  readonly entities: readonly { id: string; type: string; name: string; source: string }[];
}

/** A normalised value to search for. */
export interface IndicatorQuery {
  readonly type: string;
  readonly value: string;
  readonly ipVersion: 4 | 6 | null;
  readonly ipLo: bigint | null;
  readonly ipHi: bigint | null;
}

export interface IntelStats {
  readonly entities: readonly { type: string; count: number }[];
  readonly relationships: readonly { type: string; count: number }[];
  readonly indicators: readonly { type: string; count: number; warninglisted: number }[];
  readonly sources: readonly {
    source: string;
    kind: string;
    importedAt: string;
    indicators: number;
    entities: number;
  }[];
  readonly observables: number;
  readonly sightings: number;
  readonly warninglists: readonly { name: string; entries: number }[];
}

/** An actor (intrusion set or threat actor) as attribution weighs it. */
export interface ActorProfile {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  /** ATT&CK group id (G0045) when the actor has one. */
  readonly attackId: string | null;
  /** Suspected sponsor or origin as an ISO 3166 code (galaxies' `country`). */
  readonly country: string | null;
  /** ATT&CK technique ids it uses, its own and those of campaigns attributed to it. */
  readonly techniques: readonly string[];
  /** Malware and tool entity ids it uses (directly or in campaigns attributed to it). */
  readonly software: readonly string[];
  /** Sectors and countries it is known to target, as sources write them ("Government", "Japan"). */
  readonly targetSectors: readonly string[];
  readonly targetCountries: readonly string[];
}

/** A malware family or tool, and the actors known to use it. */
export interface SoftwareProfile {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly attackId: string | null;
  /** Actor ids. */
  readonly users: readonly string[];
}

/** A campaign and the actors it is attributed to. */
export interface CampaignProfile {
  readonly id: string;
  readonly name: string;
  readonly actors: readonly string[];
}

/** The knowledge base in bulk, as attribution reads it once per run. */
export interface ActorProfiles {
  /** Actors that are neither revoked nor deprecated. */
  readonly actors: readonly ActorProfile[];
  readonly software: readonly SoftwareProfile[];
  readonly campaigns: readonly CampaignProfile[];
}

/**
 * A name, alias or ATT&CK id an unvetted source gave one entity that a reference source (ATT&CK,
 * a galaxy, a `--trusted` source) defines for another: left out of the merged view, listed here.
 */
export interface NameConflict {
  /** The unvetted source that made the claim. */
  readonly source: string;
  readonly claim: string;
  readonly kind: 'name' | 'attack-id';
  /** The entity the claim was made for (it keeps everything else the source said). */
  readonly claimant: { readonly id: string; readonly name: string };
  /** The entity the reference source gives the name or id to. */
  readonly owner: { readonly id: string; readonly name: string };
  readonly ownerSources: readonly string[];
}

export interface IntelStore {
  /** Every entity with its names and refs, for resolving incoming records. */
  loadIndex(): Promise<IndexedEntity[]>;
  beginImport(meta: IntelImportMeta): Promise<IntelImportWriter>;
  /** Refs that relationships of earlier imports are still waiting for. */
  pendingRefs(): Promise<string[]>;
  /** Entities whose name, alias or ATT&CK id is `query` (case and punctuation ignored); partial matches when none. */
  findEntities(query: string, opts?: { limit?: number }): Promise<EntitySummary[]>;
  entityDetail(id: string): Promise<EntityDetail | null>;
  /** Claims left out because a more trusted source defines the name or id: by source or by entity. */
  nameConflicts(filter: { source?: string; entityId?: string }): Promise<NameConflict[]>;
  /** Indicators equal to the value, and those containing it (a listed parent domain, a CIDR around an address). */
  searchIndicators(q: IndicatorQuery): Promise<IndicatorHit[]>;
  stats(): Promise<IntelStats>;
  /**
   * Commits pending telemetry and catches up the seen-address and seen-name dictionaries, so that
   * indicator matching (`detect/threat-intel/intel-match-query.ts`) sees every stored row.
   */
  prepareMatching(): Promise<void>;
  /**
   * Benign (suppressing) warninglists each address or domain is on; values on none are left out.
   * With `context`, lists that only give context (dynamic DNS, VPN ranges…) count too.
   */
  warninglistsOf(
    values: readonly string[],
    opts?: { readonly context?: boolean },
  ): Promise<Map<string, string[]>>;
  /** Where the stored warninglists came from: one row per source, with its import time. */
  warninglistOrigins(): Promise<WarninglistOrigin[]>;
  /** Every actor with its techniques, software and targeting; every software with its users; campaigns. */
  actorProfiles(): Promise<ActorProfiles>;
}
