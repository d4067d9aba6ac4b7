import { describe, expect, it } from 'vitest';
import { finding } from '../../test/incidents/findings-fixture.js';
import { correlate } from './correlate.js';

const at = (minutes: number) => new Date(Date.UTC(2016, 5, 1, 9, 0) + minutes * 60_000).toISOString();

// 10.0.0.1 beacons to a C2 from 09:00; a payload download is weak (0.35) on its own.
const beacon = finding({
  host: '10.0.0.1',
  endpointIp: '203.0.113.1',
  score: 0.9,
  first: at(0),
  last: at(600),
});
const download = (minutes: number, host = '10.0.0.1', score = 0.35) =>
  finding({
    detector: 'payload-delivery',
    host,
    endpointIp: '198.51.100.7',
    endpointDomain: 'docs.lure.example',
    score,
    first: at(minutes),
    last: at(minutes),
  });
const servers = (fs: Parameters<typeof correlate>[0]) =>
  correlate(fs).flatMap((i) => i.servers.map((s) => s.key));

describe('lead-ins', () => {
  it('brings the server a host downloaded a payload from just before its compromise into the incident', () => {
    const [inc] = correlate([beacon, download(-2)]);
    expect(inc?.servers.map((s) => s.key)).toEqual(['203.0.113.1', 'docs.lure.example']);
    expect(inc?.servers[1]?.ips).toEqual(['198.51.100.7']);
    expect(inc?.servers.map((s) => s.role)).toEqual(['c2', 'delivery']);
    // The host's compromise starts with the download.
    expect(inc?.hosts[0]?.firstCompromise).toBe(at(-2));
    expect(inc?.findings.map((f) => f.detector)).toContain('payload-delivery');
  });

  it('leaves out downloads long before or after, on other hosts, or too weak', () => {
    expect(servers([beacon, download(-90)])).toEqual(['203.0.113.1']);
    expect(servers([beacon, download(120)])).toEqual(['203.0.113.1']);
    expect(servers([beacon, download(-2, '10.0.0.9')])).toEqual(['203.0.113.1']);
    expect(servers([beacon, download(-2, '10.0.0.1', 0.1)])).toEqual(['203.0.113.1']);
  });

  it('takes a disguised or bare-address executable at any time while the host is compromised', () => {
    expect(servers([beacon, download(300, '10.0.0.1', 0.45)])).toEqual(['203.0.113.1', 'docs.lure.example']);
    expect(servers([beacon, download(700, '10.0.0.1', 0.45)])).toEqual(['203.0.113.1']);
  });

  it('never builds an incident out of downloads alone', () => {
    expect(correlate([download(0), download(5, '10.0.0.2')])).toEqual([]);
  });
});
