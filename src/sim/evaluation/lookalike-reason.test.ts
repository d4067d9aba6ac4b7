import { describe, expect, it } from 'vitest';
import type { Finding } from '../../domain/finding.js';
import { findingReason, lookalikeFindings, lookalikeReason } from './lookalike-reason.js';

const backup = { hosts: ['10.0.0.20'], servers: ['s3.eu-west-1.amazonaws.com', '3.5.10.104'] };
const client = { hosts: ['10.1.0.40', '10.1.0.41'], servers: ['f001.backblazeb2.com', '45.11.38.12'] };

function finding(over: Partial<Finding>): Finding {
  return {
    detector: 'exfiltration',
    techniques: [],
    host: '10.0.0.20',
    endpointIp: '3.5.10.104',
    endpointDomain: 's3.eu-west-1.amazonaws.com',
    first: '2016-06-01T01:00:00Z',
    last: '2016-06-02T02:00:00Z',
    connections: 22,
    bytesOut: 1_311_000_000,
    bytesIn: 1_000_000,
    score: 0.087,
    severity: 'low',
    stats: {},
    explanation: '',
    links: [],
    ...over,
  };
}

// The nightly backup as the exfiltration detector and the warninglists leave it.
const routine = finding({
  stats: {
    routine: 1,
    transfers: 2,
    routineHour: 1,
    routineBytes: 655_720_483,
    offHoursShare: 1,
    warninglists: ['alexa', 'amazon-aws', 'tranco10k'],
    scoreBeforeWarninglist: 0.291,
  },
});

describe('lookalikeReason (13.3: the demo says why each look-alike was set apart)', () => {
  it('13.3: a routine, warninglisted upload is the reason, from the finding', () => {
    const r = lookalikeReason(backup, [], [routine]);
    expect(r.lines).toEqual([
      '10.0.0.20 → s3.eu-west-1.amazonaws.com: routine nightly upload of about 656 MB at 01:00 (exfiltration, low, score 0.09, 0.29 before the warninglists); the server is on warninglists alexa, amazon-aws, tranco10k',
    ]);
    expect(r.short).toBe(
      '1 low finding, no incident: routine nightly upload of about 656 MB at 01:00 (exfiltration); on warninglists alexa, amazon-aws, tranco10k',
    );
  });

  it('13.3: findings on other hosts or other servers are not the look-alike', () => {
    const elsewhere = finding({ host: '10.1.0.5' });
    const otherServer = finding({ endpointIp: '198.51.100.7', endpointDomain: 'evil.example' });
    expect(lookalikeFindings(backup, [elsewhere, otherServer])).toEqual([]);
    expect(lookalikeReason(backup, [], [elsewhere, otherServer]).short).toBe('no finding at all');
  });

  it('13.3: a beacon keyed by name matches through the names it lists, highest score first', () => {
    const beacon = (host: string, score: number) =>
      finding({
        detector: 'beaconing',
        host,
        endpointIp: null,
        endpointDomain: null,
        score,
        stats: { medianInterval: 3600, names: ['f001.backblazeb2.com'], warninglists: ['tranco10k'] },
      });
    const found = lookalikeFindings(client, [beacon('10.1.0.40', 0.1), beacon('10.1.0.41', 0.15)]);
    expect(found.map((f) => f.host)).toEqual(['10.1.0.41', '10.1.0.40']);
    const r = lookalikeReason(client, [], found);
    expect(r.short).toBe(
      '2 low findings, no incident: calls about every 1.0 h (beaconing); on warninglist tranco10k',
    );
    expect(r.lines[0]).toBe(
      '10.1.0.41 → f001.backblazeb2.com: calls about every 1.0 h (beaconing, low, score 0.15); the server is on warninglist tranco10k',
    );
  });

  it('13.3: a likely-benign incident gives its own verdict reasons', () => {
    const inc = {
      id: 'INC-00000003',
      verdict: 'likely-benign' as const,
      verdictReasons: ['The only evidence is one schedule to one server.', 'Nothing corroborates it.'],
    };
    const r = lookalikeReason(client, [inc], [routine]);
    expect(r.short).toBe(
      'likely-benign incident INC-00000003: The only evidence is one schedule to one server (and 1 more)',
    );
    expect(r.lines).toEqual([
      'likely-benign incident INC-00000003: The only evidence is one schedule to one server; Nothing corroborates it',
    ]);
  });

  it('13.3: a suspicious incident holding it is named, not excused', () => {
    expect(lookalikeReason(backup, [{ id: 'INC-00000002' }], []).short).toBe(
      'suspicious incident INC-00000002',
    );
  });

  it('13.3: nothing found at all says so', () => {
    expect(lookalikeReason(client, [], [])).toEqual({
      short: 'no finding at all',
      lines: ['no finding at all'],
    });
  });

  it('13.3: an upload that is not routine gives its volume; without routineBytes, the mean transfer', () => {
    expect(findingReason(finding({ score: 0.4, stats: {} }))).toBe(
      '10.0.0.20 → s3.eu-west-1.amazonaws.com: upload of 1.3 GB (exfiltration, low, score 0.40)',
    );
    expect(findingReason(finding({ stats: { routine: 1, transfers: 2, offHoursShare: 0 } }))).toContain(
      'routine daily upload of about 656 MB (exfiltration',
    );
  });
});
