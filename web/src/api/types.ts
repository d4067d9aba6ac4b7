/**
 * The shapes the UI reads. Incident types come from the server's zod schemas (type-only: no server
 * code reaches the bundle); so are the rest (the server's zod
 * schemas are the contract). Every string in them is attacker-controlled: render through ui/safe-text.
 */
import type { z } from 'zod';
import type { ingestJobSchema } from '../../../src/server/api/routes/ingest-routes.js';
import type { settingsBody } from '../../../src/server/api/routes/settings-routes.js';
import type { findingListItem, incidentMention } from '../../../src/server/api/schemas/finding-schemas.js';
import type {
  apiTokenSchema,
  createTokenReply,
  meReply,
  roleSchema,
  userSchema,
} from '../../../src/server/api/schemas/identity-schemas.js';
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
import type {
  entityProfile,
  entitySummary,
  indicatorHit,
  indicatorLookup,
} from '../../../src/server/api/schemas/intel-schemas.js';
import type { endpointView, hostView, pairSeries } from '../../../src/server/api/schemas/pivot-schemas.js';
import type { rawRow, rowsPage } from '../../../src/server/api/schemas/rows-schemas.js';
import type { searchResult } from '../../../src/server/api/schemas/search-schemas.js';
import type {
  suppressionMatchSchema,
  suppressionSchema,
} from '../../../src/server/api/schemas/suppression-schemas.js';

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

export type Role = z.infer<typeof roleSchema>;

/** A page of any list. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export type UserInfo = z.infer<typeof userSchema>;
/** GET /auth/me. */
export type Me = z.infer<typeof meReply>;
export type ApiTokenInfo = z.infer<typeof apiTokenSchema>;
export type CreatedToken = z.infer<typeof createTokenReply>;
export type SuppressionMatch = z.infer<typeof suppressionMatchSchema>;
export type Suppression = z.infer<typeof suppressionSchema>;
/** GET /pairs/series: the beacon's intervals and the pair's traffic over time. */
export type PairSeries = z.infer<typeof pairSeries>;
export type IndicatorHit = z.infer<typeof indicatorHit>;
export type IncidentMention = z.infer<typeof incidentMention>;
export type FindingListItem = z.infer<typeof findingListItem>;
/** GET /hosts/:ip. */
export type HostView = z.infer<typeof hostView>;
/** GET /endpoints/:value. */
export type EndpointView = z.infer<typeof endpointView>;
/** GET /search. */
export type SearchResult = z.infer<typeof searchResult>;
export type EntitySummary = z.infer<typeof entitySummary>;
/** GET /intel/entities/:id. */
export type ActorProfile = z.infer<typeof entityProfile>;
/** GET /intel/indicators/:value. */
export type IndicatorLookup = z.infer<typeof indicatorLookup>;
/** GET /rows. */
export type RowsPage = z.infer<typeof rowsPage>;
export type RawRow = z.infer<typeof rawRow>;
/** GET /ingest/jobs/:id. */
export type IngestJob = z.infer<typeof ingestJobSchema>;
export type IngestFileOutcome = IngestJob['files'][number];
/** GET /settings: the effective configuration, secrets redacted. */
export type SettingsView = z.infer<typeof settingsBody>;

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
