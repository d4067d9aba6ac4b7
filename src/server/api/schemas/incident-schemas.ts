import { z } from 'zod';
import { evidenceKinds, icdTerms } from '../../../domain/attribution.js';
import { triageStatuses } from '../../../domain/triage.js';
import { isoTime, severity } from './common-schemas.js';

// Mirrors of the domain types as the API serves them; the OpenAPI document is generated from these.

const findingLink = z.object({ id: z.string(), type: z.string(), name: z.string() });

export const findingSchema = z
  .object({
    id: z.string().optional().describe('F- and 12 hex digits, stable across hunts'),
    detector: z.string(),
    techniques: z.array(z.string()),
    host: z.string(),
    endpointIp: z.string().nullable(),
    endpointDomain: z.string().nullable(),
    first: isoTime,
    last: isoTime,
    connections: z.number(),
    bytesOut: z.number().nullable(),
    bytesIn: z.number().nullable(),
    score: z.number(),
    severity,
    stats: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.string())])),
    explanation: z.string(),
    links: z.array(findingLink),
    scope: z.string().optional(),
    evidence: z
      .object({ uids: z.array(z.string()), uidCount: z.number(), communityIds: z.array(z.string()) })
      .optional(),
  })
  .meta({ id: 'Finding' });

const incidentHost = z.object({
  ip: z.string(),
  firstCompromise: isoTime,
  lastActivity: isoTime,
  findings: z.number(),
  bytesOut: z.number(),
  bytesIn: z.number(),
});

const incidentServer = z.object({
  key: z.string(),
  role: z.enum(['c2', 'delivery', 'exfiltration']),
  ips: z.array(z.string()),
  domains: z.array(z.string()),
  ports: z.array(z.number()),
  protocols: z.array(z.string()),
  first: isoTime,
  last: isoTime,
  bytesOut: z.number(),
  bytesIn: z.number(),
  mergedBy: z.array(z.string()),
  warninglists: z.array(z.string()),
});

export const incidentSchema = z
  .object({
    id: z.string(),
    scope: z.string().optional(),
    summary: z.string(),
    hosts: z.array(incidentHost),
    servers: z.array(incidentServer),
    firstSeen: isoTime,
    lastSeen: isoTime,
    bytesOut: z.number(),
    bytesIn: z.number(),
    techniques: z.array(z.string()),
    score: z.number(),
    severity,
    links: z.array(findingLink),
    findings: z.array(findingSchema),
    timeline: z.array(
      z.object({
        ts: isoTime,
        host: z.string(),
        server: z.string().nullable(),
        detector: z.string(),
        severity,
        text: z.string(),
      }),
    ),
    pairs: z
      .array(z.object({ host: z.string(), server: z.string(), bytesOut: z.number(), bytesIn: z.number() }))
      .optional(),
    verdict: z.enum(['suspicious', 'likely-benign']).optional(),
    verdictReasons: z.array(z.string()).optional(),
  })
  .meta({ id: 'Incident' });

const evidenceSchema = z.object({
  id: z.string(),
  kind: z.enum(evidenceKinds),
  observation: z.string(),
  source: z.string(),
  actors: z.array(z.string()),
  likelihoodRatio: z.number(),
  why: z.string(),
  flags: z.record(z.string(), z.unknown()).optional(),
});

export const attributionSchema = z
  .object({
    hypotheses: z.array(
      z.object({
        actor: z.string(),
        actorId: z.string().nullable(),
        aliases: z.array(z.string()),
        attackId: z.string().nullable(),
        probability: z.number(),
        term: z.enum(icdTerms),
        likelihood: z.number(),
        evidence: z.array(evidenceSchema),
      }),
    ),
    evidence: z.array(evidenceSchema),
    confidence: z.enum(['low', 'moderate', 'high']),
    ach: z.object({
      hypotheses: z.array(z.string()),
      rows: z.array(
        z.object({ evidence: z.string(), marks: z.array(z.enum(['consistent', 'inconsistent', 'neutral'])) }),
      ),
    }),
    assessment: z.string(),
    modelVersion: z.string(),
    unlistedActors: z.number().optional(),
    likelyBenign: z.literal(true).optional(),
  })
  .meta({ id: 'Attribution' });

export const triageStatus = z.enum(triageStatuses);

export const triageSchema = z
  .object({
    incidentId: z.string(),
    status: triageStatus,
    note: z.string().nullable(),
    by: z.string(),
    at: isoTime,
    assignee: z.string().nullable().optional(),
  })
  .meta({ id: 'Triage' });

export const noteSchema = z
  .object({ id: z.number(), incidentId: z.string(), author: z.string(), text: z.string(), at: isoTime })
  .meta({ id: 'Note' });

export const triageChangeSchema = z.object({
  incidentId: z.string(),
  at: isoTime,
  actor: z.string(),
  field: z.enum(['status', 'assignee', 'note', 'suppression', 'identity']),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

/** One row of the triage queue. */
export const incidentListItem = z
  .object({
    id: z.string(),
    runId: z.number(),
    severity,
    score: z.number(),
    summary: z.string(),
    firstSeen: isoTime,
    lastSeen: isoTime,
    hosts: z.number(),
    servers: z.number(),
    bytesOut: z.number(),
    bytesIn: z.number(),
    scope: z.string().nullable(),
    topActor: z.string().nullable(),
    topProbability: z.number().nullable(),
    topTerm: z.enum(icdTerms).nullable().describe('the ICD 203 term of the top hypothesis'),
    status: triageStatus,
    assignee: z.string().nullable(),
    verdict: z.enum(['suspicious', 'likely-benign']),
  })
  .meta({ id: 'IncidentListItem' });

/** GET /incidents query: filters and sort of the queue. */
export const incidentListQuery = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  status: z.string().optional().describe('comma-separated statuses'),
  severity: z.string().optional().describe('comma-separated severities'),
  verdict: z.enum(['suspicious', 'likely-benign']).optional(),
  assignee: z.string().optional(),
  q: z.string().max(200).optional().describe('text in the id, summary, a host, a server or the actor'),
  from: z.string().optional(),
  to: z.string().optional(),
  sort: z.enum(['score', 'lastSeen', 'firstSeen', 'hosts', 'servers', 'bytes', 'severity']).default('score'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

/** GET /incidents/:id: everything the incident page shows. */
export const incidentDetail = z
  .object({
    runId: z.number(),
    incident: incidentSchema,
    attribution: attributionSchema.nullable(),
    triage: triageSchema.nullable(),
    notes: z.array(noteSchema),
    history: z.array(triageChangeSchema),
    /** ATT&CK technique id → name, for the techniques of the incident and its attribution. */
    techniqueNames: z.record(z.string(), z.string()),
    /** Ids this incident was known by in earlier hunts. */
    aliases: z.array(z.string()),
  })
  .meta({ id: 'IncidentDetail' });

/** PATCH /incidents/:id/triage. */
export const triagePatchBody = z
  .object({
    status: triageStatus.optional(),
    assignee: z.string().max(100).nullable().optional(),
    note: z.string().min(1).max(4000).optional().describe('added as a note with the change'),
  })
  .refine((b) => b.status !== undefined || b.assignee !== undefined || b.note !== undefined, {
    message: 'nothing to change: give status, assignee or note',
  });
