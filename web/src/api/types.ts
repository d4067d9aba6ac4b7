/**
 * The shapes the UI reads. Incident types come from the server's zod schemas (type-only: no server
 * code reaches the bundle); the rest follow the API plan of issue 15 and are written here until their
 * schemas exist. Every string in them is attacker-controlled: render through ui/safe-text.
 */
import type { z } from 'zod';
import type {
  attributionSchema,
  findingSchema,
  incidentDetail,
  incidentListItem,
  incidentSchema,
  noteSchema,
  triageChangeSchema,
  triageSchema,
} from '../../../src/server/api/schemas/incident-schemas.js';

export type IncidentListItem = z.infer<typeof incidentListItem>;
export type IncidentDetail = z.infer<typeof incidentDetail>;
export type Incident = z.infer<typeof incidentSchema>;
export type Attribution = z.infer<typeof attributionSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type Triage = z.infer<typeof triageSchema>;
export type Note = z.infer<typeof noteSchema>;
export type TriageChange = z.infer<typeof triageChangeSchema>;
export type IncidentServer = Incident['servers'][number];
export type TimelineEntry = Incident['timeline'][number];
export type Severity = Incident['severity'];
export type TriageStatus = Triage['status'];

export type Role = 'viewer' | 'analyst' | 'admin';

/** A page of any list. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface UserInfo {
  readonly id: string;
  readonly name: string;
  readonly displayName?: string;
  readonly role: Role;
  readonly orgId?: string;
  readonly disabled?: boolean;
  readonly createdAt?: string;
}

/** GET /auth/me. */
export interface Me {
  readonly user: UserInfo | null;
  readonly role: Role | null;
  readonly csrfToken: string | null;
  readonly authRequired: boolean;
}

export interface ApiTokenInfo {
  readonly id: string;
  readonly label: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
}

export type SuppressionMatch =
  | { readonly kind: 'host-destination'; readonly host: string; readonly destination: string }
  | { readonly kind: 'destination'; readonly destination: string }
  | { readonly kind: 'ja3'; readonly ja3: string }
  | { readonly kind: 'detector-destination'; readonly detector: string; readonly destination: string };

export interface Suppression {
  readonly id: string;
  readonly match: SuppressionMatch;
  readonly scope: string | null;
  readonly author: string;
  readonly reason: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly incidentId: string | null;
}

/** GET /pairs/series: the beacon's intervals and the pair's traffic over time. */
export interface PairSeries {
  readonly intervals: readonly { readonly seconds: number; readonly count: number }[];
  readonly series: readonly {
    readonly t: string;
    readonly bytesOut: number;
    readonly bytesIn: number;
    readonly connections: number;
  }[];
}

/** A count of things keyed by a value (top destinations, ports…). */
export interface Tally {
  readonly value: string;
  readonly connections?: number;
  readonly bytes?: number;
  readonly count?: number;
}

export interface IntelMatch {
  readonly indicator: string;
  readonly type?: string;
  readonly entityId?: string | null;
  readonly entityName?: string | null;
  readonly source?: string | null;
}

/** GET /hosts/:ip. */
export interface HostView {
  readonly ip: string;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly connections: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly topDestinations?: readonly Tally[];
  readonly findings?: readonly Finding[];
  readonly incidents?: readonly IncidentListItem[];
  readonly intelMatches?: readonly IntelMatch[];
}

/** GET /endpoints/:value. */
export interface EndpointView {
  readonly value: string;
  readonly kind?: 'ip' | 'domain';
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly connections: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly clients?: readonly Tally[];
  readonly ports?: readonly Tally[];
  readonly names?: readonly string[];
  readonly addresses?: readonly string[];
  readonly certificates?: readonly {
    readonly subject?: string;
    readonly issuer?: string;
    readonly sha1?: string;
  }[];
  readonly findings?: readonly Finding[];
  readonly incidents?: readonly IncidentListItem[];
  readonly intelMatches?: readonly IntelMatch[];
  readonly warninglists?: readonly string[];
}

/** One hit of GET /search. */
export interface SearchHit {
  readonly kind: string;
  readonly value: string;
  readonly label?: string;
  readonly detail?: string;
  readonly href?: string;
}

export interface SearchResult {
  readonly q: string;
  readonly groups: readonly { readonly kind: string; readonly hits: readonly SearchHit[] }[];
}

export interface IntelEntity {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly description?: string | null;
}

export interface IntelIndicator {
  readonly value: string;
  readonly type: string;
  readonly source?: string | null;
  readonly entityId?: string | null;
  readonly entityName?: string | null;
  readonly firstSeen?: string | null;
  readonly lastSeen?: string | null;
}

/** GET /intel/entities/:id. */
export interface ActorProfile extends IntelEntity {
  readonly malware?: readonly { readonly id: string; readonly name: string }[];
  readonly techniques?: readonly { readonly id: string; readonly name: string }[];
  readonly indicators?: Page<IntelIndicator>;
  readonly reports?: readonly {
    readonly title: string;
    readonly url?: string | null;
    readonly published?: string | null;
  }[];
  readonly sightings?: readonly {
    readonly indicator: string;
    readonly host?: string;
    readonly last?: string;
    readonly incidentId?: string | null;
  }[];
}

/** GET /intel/indicators/:value. */
export interface IndicatorLookup {
  readonly value: string;
  readonly matches: readonly IntelIndicator[];
  readonly sightings?: ActorProfile['sightings'];
  readonly warninglists?: readonly string[];
}

export interface IngestFileOutcome {
  readonly file: string;
  readonly format?: string | null;
  readonly rows: number;
  readonly rejects: number;
  readonly error?: string | null;
}

/** GET /ingest/jobs/:id. */
export interface IngestJob {
  readonly id: string;
  readonly state: 'queued' | 'running' | 'done' | 'failed';
  readonly bytes?: number;
  readonly totalBytes?: number;
  readonly rows: number;
  readonly rejects: number;
  readonly files?: readonly IngestFileOutcome[];
  readonly firstRejects?: readonly {
    readonly file: string;
    readonly line?: number;
    readonly reason: string;
  }[];
  readonly error?: string | null;
}

/** GET /settings: the effective configuration, secrets redacted. */
export interface SettingsView {
  readonly internalNetworks?: readonly string[];
  readonly intelSources?: readonly {
    readonly name: string;
    readonly kind?: string;
    readonly entities?: number;
    readonly indicators?: number;
    readonly loadedAt?: string | null;
  }[];
  readonly warninglists?: readonly { readonly name: string; readonly entries?: number }[];
  readonly allowlists?: readonly { readonly name?: string; readonly value: string }[];
  readonly alertTargets?: readonly { readonly kind: string; readonly target: string }[];
  readonly config?: unknown;
}

/** One message of GET /events (the server's ServerEvent). */
export type ServerEvent =
  | {
      type: 'ingest-progress';
      jobId: string;
      bytes: number;
      totalBytes: number;
      rows: number;
      rejects: number;
      file: string;
    }
  | { type: 'ingest-done'; jobId: string; rows: number; rejects: number; error: string | null }
  | { type: 'hunt-started'; reason: string }
  | { type: 'hunt-done'; runId: number; incidents: number; newIncidents: string[]; raised: string[] }
  | { type: 'triage'; incidentId: string };
