import { z } from 'zod';
import { isoTime, pageOf, pageQuery } from './common-schemas.js';

/** An indicator of the knowledge base matching a value, with its sources and linked entities. */
export const indicatorHit = z
  .object({
    type: z.string().describe('ipv4, ipv6, cidr, domain, url, md5, sha1, sha256, ja3…'),
    value: z.string(),
    port: z.number().nullable(),
    match: z
      .string()
      .describe('exact, parent-domain (a listed domain above it) or cidr (a listed range holding it)'),
    confidence: z.number().nullable(),
    tlp: z.string().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    firstSeen: z.string().nullable(),
    lastSeen: z.string().nullable(),
    warninglists: z.array(z.string()).describe('benign lists it is on: not matched as malicious'),
    contextLists: z.array(z.string()).describe('lists giving context only (dynamic DNS, VPN…)'),
    sources: z.array(z.object({ source: z.string(), ref: z.string(), description: z.string().nullable() })),
    entities: z.array(z.object({ id: z.string(), type: z.string(), name: z.string(), source: z.string() })),
  })
  .meta({ id: 'IndicatorHit' });

/** A value of ours seen in the telemetry: an address, a name or a file hash. */
export const sightingSchema = z
  .object({
    type: z.string().describe("the indicator's type (or address/name/file for a looked-up value)"),
    value: z.string(),
    firstSeen: isoTime.nullable().describe('first seen in our telemetry'),
  })
  .meta({ id: 'Sighting' });

/** `GET /intel/entities`: a name, alias or ATT&CK id, and an optional entity type. */
export const entityListQuery = pageQuery.extend({
  q: z.string().min(1).max(200).describe('name, alias or ATT&CK id (partial matches when nothing is exact)'),
  type: z
    .string()
    .max(50)
    .optional()
    .describe('intrusion-set, threat-actor, malware, tool, campaign, attack-pattern…'),
});

/** An entity found by name. */
export const entitySummary = z
  .object({
    id: z.string(),
    type: z.string(),
    name: z.string(),
    attackIds: z.array(z.string()),
    aliases: z.array(z.string()),
    matchedBy: z.string().describe('name, alias, attack-id or partial'),
  })
  .meta({ id: 'EntitySummary' });

export const entityPage = pageOf(entitySummary);

const linked = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  attackIds: z.array(z.string()),
  relationship: z.string().describe('uses, attributed-to, targets…'),
  sources: z.array(z.string()),
});

/** An indicator listed under an entity. */
export const entityIndicator = z.object({
  type: z.string(),
  value: z.string(),
  port: z.number().nullable(),
  confidence: z.number().nullable(),
  firstSeen: isoTime.nullable(),
  lastSeen: isoTime.nullable(),
  warninglists: z.array(z.string()),
});

/** `GET /intel/entities/:id`: an actor's (or any entity's) profile. */
export const entityProfile = z
  .object({
    id: z.string(),
    type: z.string(),
    name: z.string(),
    aliases: z.array(z.string()),
    attackIds: z.array(z.string()),
    country: z.string().nullable(),
    description: z.string().nullable(),
    revoked: z.boolean(),
    deprecated: z.boolean(),
    sources: z.array(z.string()),
    malware: z.array(linked).describe('malware and tools it uses'),
    techniques: z
      .array(
        z.object({
          id: z.string().describe('ATT&CK id, e.g. T1071.001'),
          name: z.string(),
          entityId: z.string(),
        }),
      )
      .describe('ATT&CK techniques it uses, with names'),
    related: z.array(linked).describe('every other relationship, outgoing then incoming'),
    indicators: pageOf(entityIndicator)
      .extend({ total: z.number() })
      .describe('the first page of its indicators'),
    indicatorsBySource: z.array(z.object({ source: z.string(), type: z.string(), count: z.number() })),
    reports: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        url: z.string().nullable(),
        published: z.string().nullable(),
      }),
    ),
    sightings: z.array(sightingSchema).describe('its indicators seen in our telemetry (first 100)'),
  })
  .meta({ id: 'EntityProfile' });

/** `GET /intel/indicators/:value`: what the knowledge base says about a value, and whether we saw it. */
export const indicatorLookup = z
  .object({
    query: z.object({ type: z.string(), value: z.string().describe('the normalised value') }),
    hits: z.array(indicatorHit),
    warninglists: z.array(z.string()).describe('lists (benign or context) the value is on'),
    sighting: sightingSchema.nullable().describe('when our telemetry first saw it'),
  })
  .meta({ id: 'IndicatorLookup' });
