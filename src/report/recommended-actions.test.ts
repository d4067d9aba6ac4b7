import { describe, expect, it } from 'vitest';
import type { Incident, IncidentServer } from '../domain/incident.js';
import {
  incidentBehaviours,
  recommendedActions,
  techniqueAction,
  techniqueActions,
} from './recommended-actions.js';

const server = (key: string, over: Partial<IncidentServer> = {}): IncidentServer => ({
  key,
  role: 'c2',
  ips: [],
  domains: [key],
  ports: [443],
  protocols: ['tls'],
  first: '2016-06-01T00:00:00Z',
  last: '2016-06-02T00:00:00Z',
  bytesOut: 1,
  bytesIn: 1,
  mergedBy: [],
  warninglists: [],
  ...over,
});

function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'INC-00000001',
    summary: 'x',
    hosts: [
      { ip: '10.0.0.5', firstCompromise: 'a', lastActivity: 'b', findings: 1, bytesOut: 1, bytesIn: 1 },
      { ip: '10.0.0.6', firstCompromise: 'a', lastActivity: 'b', findings: 1, bytesOut: 1, bytesIn: 1 },
    ],
    servers: [
      server('c2.example', { ips: ['203.0.113.7'] }),
      server('files.example', { role: 'delivery', ips: ['198.51.100.3'] }),
      server('s3.amazonaws.com', { role: 'exfiltration', ips: ['52.216.1.1'], warninglists: ['amazon-aws'] }),
    ],
    firstSeen: '2016-06-01T00:00:00Z',
    lastSeen: '2016-06-02T00:00:00Z',
    bytesOut: 2,
    bytesIn: 2,
    techniques: ['T1071.004', 'T1041', 'T1030', 'T1105'],
    score: 0.9,
    severity: 'critical',
    links: [],
    findings: [
      {
        detector: 'payload-delivery',
        techniques: ['T1105'],
        host: '10.0.0.5',
        endpointIp: '198.51.100.3',
        endpointDomain: 'files.example',
        first: 'a',
        last: 'b',
        connections: 1,
        bytesOut: null,
        bytesIn: 10,
        score: 0.4,
        severity: 'low',
        stats: { sha256: 'AB'.repeat(32), md5: 'not-a-hash' },
        explanation: 'x',
        links: [],
      },
    ],
    timeline: [],
    ...over,
  };
}

describe('recommended actions', () => {
  it('13.4: blocks the servers (not those on warninglists), isolates the hosts, resets credentials and hunts hashes, in that order', () => {
    const actions = recommendedActions(incident());
    expect(actions.slice(0, 4).map((a) => a.id)).toEqual([
      'block',
      'isolate',
      'reset-credentials',
      'hunt-hashes',
    ]);
    expect(actions[0]?.values).toEqual(['c2.example', '203.0.113.7', 'files.example', '198.51.100.3']);
    expect(actions[0]?.values).not.toContain('s3.amazonaws.com');
    expect(actions[1]?.values).toEqual(['10.0.0.5', '10.0.0.6']);
    expect(actions[3]?.values).toEqual(['ab'.repeat(32)]);
  });

  it('13.4: adds technique-driven actions once each: DNS tunnelling, egress review, quarantine of downloads', () => {
    const actions = recommendedActions(incident());
    const dns = actions.find((a) => a.id === 'restrict-dns');
    expect(dns?.text).toMatch(/Restrict outbound DNS to the internal resolvers/);
    expect(dns?.values).toEqual(['c2.example', 'files.example']);
    const egress = actions.filter((a) => a.id === 'review-egress');
    expect(egress).toHaveLength(1);
    expect(egress[0]?.techniques).toEqual(['T1041', 'T1030']);
    expect(actions.find((a) => a.id === 'quarantine-downloads')?.values).toEqual(['ab'.repeat(32)]);
  });

  it('13.4: a likely-benign incident gets only a review, nothing to block or isolate', () => {
    expect(recommendedActions(incident({ verdict: 'likely-benign' })).map((a) => a.id)).toEqual(['review']);
    expect(recommendedActions(incident(), { benign: true }).map((a) => a.id)).toEqual(['review']);
  });

  it('13.4: every row of the table names an action, a target and a behaviour; unknown ids have none', () => {
    for (const row of Object.values(techniqueActions)) {
      expect(row.action).toMatch(/^[a-z0-9-]+$/);
      expect(row.text.length).toBeGreaterThan(20);
      expect(row.behaviour.length).toBeGreaterThan(3);
    }
    expect(techniqueAction('T9999')).toBeNull();
    expect(techniqueAction('toString')).toBeNull();
    expect(incidentBehaviours({ techniques: ['T1105', 'T1071', 'T1041'] })).toEqual([
      'command and control',
      'payload downloads',
      'data exfiltration',
    ]);
  });
});
