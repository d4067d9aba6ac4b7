import { describe, expect, it } from 'vitest';
import type { Incident, IncidentServer } from '../../domain/incident.js';
import type { SimTruth } from '../labels.js';
import { scoreIncidents } from './score-incidents.js';

// Only the fields scoring reads; the rest of the truth is irrelevant here.
const truth = {
  version: 2,
  infectedHosts: ['10.1.0.5', '10.1.0.6', '10.1.0.7'],
  c2Servers: ['198.51.100.7', 'evil.example', 'update.evil.example', '203.0.113.9'],
  maliciousEndpoints: ['198.51.100.7', 'evil.example', 'update.evil.example', '203.0.113.9', '192.0.2.44'],
  intrusions: [
    {
      kind: 'apt',
      // evil.example is only the registered domain: no host used it, so it is not to be found.
      infectedHosts: [
        { ip: '10.1.0.5', endpoints: ['update.evil.example', '198.51.100.7'] },
        { ip: '10.1.0.7', endpoints: ['203.0.113.9', '192.0.2.44'] },
      ],
      c2: [
        { role: 'c2', ips: ['198.51.100.7'], domains: ['update.evil.example', 'evil.example'] },
        { role: 'c2', ip: '203.0.113.9', ips: ['203.0.113.9'], domains: [] },
        { role: 'delivery', ip: '192.0.2.44', ips: ['192.0.2.44'], domains: [] },
      ],
      relays: [{ ip: '10.0.0.30', role: 'proxy' }],
    },
  ],
  lookalikes: [
    {
      kind: 'nightly-backup',
      hosts: ['10.0.0.20'],
      servers: ['s3.eu-west-1.amazonaws.com', '52.218.0.1'],
      description: 'nightly backup',
    },
    {
      kind: 'cloud-backup-client',
      hosts: ['10.1.0.40', '10.1.0.41'],
      servers: ['f001.backblazeb2.com', '45.11.36.1'],
      description: 'backup client',
    },
  ],
} as unknown as SimTruth;

function server(key: string, ips: string[], domains: string[] = []): IncidentServer {
  return {
    key,
    role: 'c2',
    ips,
    domains,
    ports: [443],
    protocols: ['tls'],
    first: '2016-06-01T00:00:00Z',
    last: '2016-06-01T01:00:00Z',
    bytesOut: 1,
    bytesIn: 1,
    mergedBy: [],
    warninglists: [],
  };
}

function incident(
  id: string,
  hosts: string[],
  servers: IncidentServer[],
  verdict?: Incident['verdict'],
): Incident {
  return {
    id,
    summary: '',
    hosts: hosts.map((ip) => ({
      ip,
      firstCompromise: '2016-06-01T00:00:00Z',
      lastActivity: '2016-06-01T01:00:00Z',
      findings: 1,
      bytesOut: 1,
      bytesIn: 1,
    })),
    servers,
    firstSeen: '2016-06-01T00:00:00Z',
    lastSeen: '2016-06-01T01:00:00Z',
    bytesOut: 1,
    bytesIn: 1,
    techniques: [],
    score: 0.6,
    severity: 'medium',
    links: [],
    findings: [],
    timeline: [],
    ...(verdict ? { verdict } : {}),
  };
}

const apt = incident(
  'INC-00000001',
  ['10.1.0.5', '10.1.0.6', '10.0.0.30'],
  [
    server('update.evil.example', ['198.51.100.7'], ['update.evil.example']),
    server('192.0.2.44', ['192.0.2.44']),
  ],
);
const s3 = server('s3.eu-west-1.amazonaws.com', ['52.218.0.1'], ['s3.eu-west-1.amazonaws.com']);
const b2 = server('f001.backblazeb2.com', ['45.11.36.1'], ['f001.backblazeb2.com']);

describe('scoreIncidents (13.3: the demo scores itself against labels.json)', () => {
  it('13.3: counts infected hosts and C2 servers found and names the missed ones', () => {
    const score = scoreIncidents([apt], truth, []);
    expect(score.infectedHosts).toEqual({
      total: 3,
      found: ['10.1.0.5', '10.1.0.6'],
      missed: ['10.1.0.7'],
    });
    expect(score.c2Servers).toEqual({ total: 2, found: ['update.evil.example'], missed: ['203.0.113.9'] });
    expect(score.c2Values).toEqual({
      total: 3,
      found: ['198.51.100.7', 'update.evil.example'],
      missed: ['203.0.113.9'],
    });
    // The proxy is a relay and the delivery server is malicious: neither is false.
    expect(score.falseHosts).toEqual([]);
    expect(score.falseServers).toEqual([]);
  });

  it('13.3: a suspicious look-alike is not set apart and makes false hosts and servers', () => {
    const score = scoreIncidents([apt, incident('INC-00000002', ['10.0.0.20'], [s3])], truth, []);
    expect(score.falseHosts).toEqual(['10.0.0.20']);
    expect(score.falseServers).toEqual(['s3.eu-west-1.amazonaws.com']);
    expect(score.lookalikes[0]).toMatchObject({
      kind: 'nightly-backup',
      setApart: false,
      incidents: [{ id: 'INC-00000002', verdict: 'suspicious' }],
    });
    // The backup client never became an incident: set apart.
    expect(score.lookalikes[1]).toMatchObject({ kind: 'cloud-backup-client', setApart: true, incidents: [] });
    expect(score.lookalikesSetApart).toBe(1);
  });

  it('13.3: a likely-benign look-alike is set apart and counts neither as found nor false', () => {
    const score = scoreIncidents(
      [
        apt,
        incident('INC-00000002', ['10.0.0.20'], [s3], 'likely-benign'),
        incident('INC-00000003', ['10.1.0.40', '10.1.0.41'], [b2], 'likely-benign'),
      ],
      truth,
      [],
    );
    expect(score.lookalikesSetApart).toBe(2);
    expect(score.lookalikes.map((l) => l.incidents)).toEqual([
      [{ id: 'INC-00000002', verdict: 'likely-benign' }],
      [{ id: 'INC-00000003', verdict: 'likely-benign' }],
    ]);
    expect(score.falseHosts).toEqual([]);
    expect(score.falseServers).toEqual([]);
  });

  it('13.3: a likely-benign incident does not count as finding the intrusion', () => {
    const score = scoreIncidents([{ ...apt, verdict: 'likely-benign' }], truth, []);
    expect(score.infectedHosts.found).toEqual([]);
    expect(score.c2Servers.found).toEqual([]);
  });

  it('13.3: each look-alike carries its reason, from the findings when no incident holds it', () => {
    const beacon = {
      detector: 'beaconing' as const,
      techniques: [],
      host: '10.1.0.40',
      endpointIp: '45.11.36.1',
      endpointDomain: 'f001.backblazeb2.com',
      first: '2016-06-01T00:00:00Z',
      last: '2016-06-01T18:00:00Z',
      connections: 18,
      bytesOut: 1,
      bytesIn: 1,
      score: 0.15,
      severity: 'low' as const,
      stats: { medianInterval: 3600 },
      explanation: '',
      links: [],
    };
    const score = scoreIncidents([apt], truth, [beacon]);
    expect(score.lookalikes.map((l) => l.reason)).toEqual([
      'no finding at all',
      '1 low finding, no incident: calls about every 1.0 h (beaconing)',
    ]);
    expect(score.lookalikes[1]?.evidence).toHaveLength(1);
  });

  it('13.3: labels of version 1 (no lookalikes) score with an empty look-alike list', () => {
    const { lookalikes: _, ...v1 } = truth;
    const score = scoreIncidents([apt], { ...v1, version: 1 }, []);
    expect(score.lookalikes).toEqual([]);
    expect(score.lookalikesSetApart).toBe(0);
  });
});
