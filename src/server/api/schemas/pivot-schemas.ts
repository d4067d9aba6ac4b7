import { z } from 'zod';
import { isoTime } from './common-schemas.js';
import { findingListItem, incidentMention } from './finding-schemas.js';
import { indicatorHit } from './intel-schemas.js';

const totals = {
  first: isoTime.nullable(),
  last: isoTime.nullable(),
  connections: z.number(),
  bytesOut: z.number().describe('bytes the originator sent'),
  bytesIn: z.number().describe('bytes the responder sent'),
};
const trafficTotals = z.object(totals);
const peer = z.object({
  ip: z.string(),
  ports: z.array(z.number()).describe('responder ports (first 10)'),
  names: z.array(z.string()).describe('names the address went by (DNS answers, TLS SNI, HTTP Host)'),
  ...totals,
});

/** `?scope=` of the pivot pages: a network's sensors. */
export const scopeQuery = z.object({
  scope: z.string().max(1000).optional().describe('only these sensors (comma-separated: one network)'),
});

/** `GET /hosts/:ip`: everything known about one address as a host. */
export const hostView = z
  .object({
    ip: z.string(),
    scope: z.string().nullable(),
    outbound: trafficTotals.describe('connections it originated'),
    inbound: trafficTotals.describe('connections it answered'),
    topDestinations: z.array(peer),
    topQueries: z.array(z.object({ name: z.string(), count: z.number() })),
    findings: z.array(findingListItem).describe('findings of the latest hunt with it as host (first 100)'),
    incidents: z.array(incidentMention),
    intel: z.array(indicatorHit).describe('knowledge-base indicators matching the address'),
  })
  .meta({ id: 'HostView' });

/** `GET /endpoints/:value`: everything known about a server address or domain. */
export const endpointView = z
  .object({
    value: z.string(),
    kind: z.enum(['ip', 'domain']),
    scope: z.string().nullable(),
    addresses: z.array(z.string()).describe('for a domain, the addresses it stood for; for an IP, itself'),
    names: z.array(z.string()).describe('for an IP, the names it went by; for a domain, itself'),
    totals: trafficTotals,
    clients: z.array(peer.omit({ names: true })).describe('who talked to it, most connections first'),
    ports: z.array(z.object({ port: z.number(), proto: z.string().nullable(), connections: z.number() })),
    certificates: z.array(
      z.object({
        serverName: z.string().nullable(),
        subject: z.string().nullable(),
        issuer: z.string().nullable(),
        ja3s: z.string().nullable(),
        sessions: z.number(),
        first: isoTime.nullable(),
        last: isoTime.nullable(),
      }),
    ),
    ja3: z
      .array(z.object({ ja3: z.string(), sessions: z.number() }))
      .describe('client TLS fingerprints towards it'),
    findings: z.array(findingListItem),
    incidents: z.array(incidentMention),
    intel: z.array(indicatorHit),
    warninglists: z.array(z.string()).describe('warninglists (benign or context) the value is on'),
  })
  .meta({ id: 'EndpointView' });

/** `GET /pairs/series`: a host and a server (address or domain). */
export const pairQuery = scopeQuery.extend({
  host: z.string().min(1).max(100),
  server: z.string().min(1).max(300),
});

/** The charts of one host–server pair. */
export const pairSeries = z
  .object({
    host: z.string(),
    server: z.string(),
    addresses: z.array(z.string()).describe("the server's addresses the connections went to"),
    intervals: z
      .array(z.object({ from: z.number(), to: z.number().nullable(), count: z.number() }))
      .describe(
        'histogram of seconds between successive connections: [from, to) seconds, log-spaced; to null = open',
      ),
    medianSeconds: z.number().nullable().describe('median gap'),
    madSeconds: z
      .number()
      .nullable()
      .describe('median absolute deviation of the gaps (0 = a perfect schedule)'),
    gaps: z.number().describe('gaps measured (connections - 1)'),
    bucketSeconds: z.number().describe('size of each series bucket (at most 200 buckets)'),
    series: z
      .array(z.object({ t: isoTime, bytesOut: z.number(), bytesIn: z.number(), connections: z.number() }))
      .describe('per bucket starting at t: bytes the host sent, bytes the server sent, connections'),
  })
  .meta({ id: 'PairSeries' });
