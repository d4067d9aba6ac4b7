// A small in-memory knowledge base and hand-made incidents for the attribution tests.
import type { Finding } from '../../src/domain/finding.js';
import type { Incident, IncidentServer } from '../../src/domain/incident.js';
import type {
  ActorProfile,
  ActorProfiles,
  IndicatorHit,
  IndicatorQuery,
  IntelStore,
} from '../../src/store/intel-store.js';

const actor = (id: string, name: string, extra: Partial<ActorProfile> = {}): ActorProfile => ({
  id,
  name,
  aliases: [],
  attackId: null,
  country: null,
  techniques: ['T1071.001', 'T1105'],
  software: [],
  targetSectors: [],
  targetCountries: [],
  ...extra,
});

// Twenty generic actors: everyone uses web C2 and tool transfer, many use Mimikatz and PlugX.
const fillers = Array.from({ length: 20 }, (_, i) => actor(`actor-f${i}`, `Filler ${i}`));

export const profiles: ActorProfiles = {
  actors: [
    actor('actor-apt10', 'menuPass', {
      aliases: ['APT10', 'Stone Panda'],
      attackId: 'G0045',
      country: 'CN',
      techniques: ['T1071.001', 'T1105', 'T1039', 'T1030'],
      targetSectors: ['Government', 'Private sector'],
      targetCountries: ['Japan', 'United States'],
    }),
    actor('actor-apt41', 'APT41', { attackId: 'G0096', country: 'CN' }),
    actor('actor-wizard', 'Wizard Spider', {
      aliases: ['Grim Spider'],
      attackId: 'G0102',
      country: 'RU',
      techniques: ['T1071.001', 'T1105', 'T1041'],
    }),
    ...fillers,
  ],
  software: [
    { id: 'malware-chches', type: 'malware', name: 'ChChes', attackId: 'S0144', users: ['actor-apt10'] },
    {
      id: 'malware-plugx',
      type: 'malware',
      name: 'PlugX',
      attackId: 'S0013',
      users: ['actor-apt10', 'actor-apt41', ...fillers.slice(0, 10).map((f) => f.id)],
    },
    {
      id: 'tool-mimikatz',
      type: 'tool',
      name: 'Mimikatz',
      attackId: 'S0002',
      users: ['actor-apt41', 'actor-wizard', ...fillers.map((f) => f.id)],
    },
    { id: 'malware-trickbot', type: 'malware', name: 'TrickBot', attackId: 'S0266', users: ['actor-wizard'] },
  ],
  campaigns: [{ id: 'campaign-ch', name: 'Cloud Hopper 2016', actors: ['actor-apt10'] }],
};

const entity = (id: string) => {
  const a = profiles.actors.find((x) => x.id === id);
  const s = profiles.software.find((x) => x.id === id);
  const c = profiles.campaigns.find((x) => x.id === id);
  const type = a ? 'intrusion-set' : (s?.type ?? (c ? 'campaign' : 'unknown'));
  return { id, type, name: a?.name ?? s?.name ?? c?.name ?? id, source: 'test' };
};

/** An indicator as the knowledge base would return it. */
export function hit(
  type: string,
  value: string,
  entities: string[],
  extra: Partial<IndicatorHit> = {},
): IndicatorHit {
  return {
    key: `${type}:${value}`,
    type,
    value,
    port: null,
    match: 'exact',
    confidence: null,
    tlp: 'clear',
    validFrom: null,
    validUntil: null,
    firstSeen: null,
    lastSeen: '2016-10-01T00:00:00Z',
    warninglists: [],
    contextLists: [],
    sources: [
      { source: 'unit42', ref: 'r1', description: null },
      { source: 'pwc', ref: 'r2', description: null },
    ],
    entities: entities.map(entity),
    ...extra,
  };
}

/** The indicators of the fake knowledge base, by value. */
export const indicators: Record<string, IndicatorHit[]> = {
  'cloud-maste.com': [hit('domain', 'cloud-maste.com', ['actor-apt10'])],
  'fresh-c2.com': [hit('domain', 'fresh-c2.com', ['actor-apt10'], { lastSeen: '2016-10-20T00:00:00Z' })],
  'old-c2.com': [hit('domain', 'old-c2.com', ['actor-apt10'], { lastSeen: '2011-10-20T00:00:00Z' })],
  'wthelpdesk.com': [hit('domain', 'wthelpdesk.com', ['actor-apt10'])],
  '203.0.113.9': [hit('ipv4', '203.0.113.9', ['actor-apt10'], { warninglists: ['amazon-aws'] })],
  'cdn-shared.com': [hit('domain', 'cdn-shared.com', ['actor-apt10'])],
  'campaign-host.com': [hit('domain', 'campaign-host.com', ['campaign-ch'])],
  'trick-c2.com': [hit('domain', 'trick-c2.com', ['malware-trickbot'])],
  ['a'.repeat(64)]: [hit('sha256', 'a'.repeat(64), ['actor-apt10', 'malware-chches'])],
  ['b'.repeat(64)]: [hit('sha256', 'b'.repeat(64), ['tool-mimikatz'])],
  ['c'.repeat(64)]: [hit('sha256', 'c'.repeat(64), ['malware-plugx'])],
  ['d'.repeat(64)]: [hit('sha256', 'd'.repeat(64), ['malware-chches'])],
};

const unused = (): never => {
  throw new Error('not used by attribution');
};

/** An IntelStore answering only what attribution asks: profiles and indicator searches. */
/** Values on benign warninglists: a CDN-hosted name, and a cloud address. */
export const listedValues: Record<string, string[]> = {
  'cdn-shared.com': ['cloudflare-top10k'],
  '203.0.113.9': ['amazon-aws'],
  '10.0.0.30': ['rfc1918'],
};

export function fakeKb(extra: Record<string, IndicatorHit[]> = {}, p: ActorProfiles = profiles): IntelStore {
  const all = { ...indicators, ...extra };
  return {
    loadIndex: unused,
    beginImport: unused,
    pendingRefs: unused,
    findEntities: unused,
    entityDetail: unused,
    nameConflicts: unused,
    stats: unused,
    prepareMatching: unused,
    warninglistOrigins: unused,
    async warninglistsOf(values: readonly string[]) {
      return new Map(values.filter((v) => listedValues[v]).map((v) => [v, listedValues[v] ?? []]));
    },
    async actorProfiles() {
      return p;
    },
    async searchIndicators(q: IndicatorQuery) {
      const exact = all[q.value] ?? [];
      // Listed parent domains, as the store finds them.
      const labels = q.type === 'domain' ? q.value.split('.') : [];
      const parents = labels.slice(1, -1).map((_, i) => labels.slice(i + 1).join('.'));
      const viaParent = parents.flatMap((d) => (all[d] ?? []).map((h) => ({ ...h, match: 'parent-domain' })));
      return [...exact, ...viaParent];
    },
  };
}

/** An incident server. */
export function server(
  key: string,
  ips: string[],
  domains: string[],
  warninglists: string[] = [],
): IncidentServer {
  return {
    key,
    role: 'c2',
    ips,
    domains,
    ports: [443],
    protocols: ['tls'],
    first: '2016-11-01T00:00:00.000Z',
    last: '2016-11-05T00:00:00.000Z',
    bytesOut: 1e6,
    bytesIn: 1e5,
    mergedBy: [],
    warninglists,
  };
}

/** A threat-intel finding that matched the given indicator values (hashes of downloaded files). */
export function intelFinding(endpointIp: string, matched: string[]): Finding {
  return {
    detector: 'threat-intel',
    techniques: ['T1071', 'T1105'],
    host: '10.1.0.10',
    endpointIp,
    endpointDomain: null,
    first: '2016-11-01T00:00:00.000Z',
    last: '2016-11-01T00:10:00.000Z',
    connections: 1,
    bytesOut: null,
    bytesIn: null,
    score: 0.9,
    severity: 'critical',
    stats: { indicators: matched },
    explanation: 'test',
    links: [],
  };
}

/** A hand-made incident. */
export function incident(
  servers: IncidentServer[],
  opts: { findings?: Finding[]; techniques?: string[]; timeline?: string[] } = {},
): Incident {
  return {
    id: 'INC-0000abcd',
    summary: 'test incident',
    hosts: [],
    servers,
    firstSeen: '2016-11-01T00:00:00.000Z',
    lastSeen: '2016-11-05T00:00:00.000Z',
    bytesOut: 0,
    bytesIn: 0,
    techniques: opts.techniques ?? ['T1071.001', 'T1105'],
    score: 0.9,
    severity: 'critical',
    links: [],
    findings: opts.findings ?? [],
    timeline: (opts.timeline ?? []).map((ts) => ({
      ts,
      host: '10.1.0.10',
      server: null,
      detector: 'beaconing',
      severity: 'high' as const,
      text: 'event',
    })),
  };
}
