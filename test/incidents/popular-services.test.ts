// The WRCCDC case: schedules and long sessions to www.youtube.com over 15 Google addresses from
// several hosts, and a firewall's cloud sandbox, next to one real C2. Only the C2 is an incident.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/finding.js';
import { correlate } from '../../src/incidents/correlate.js';
import { correlateConfig } from '../../src/incidents/correlate-config.js';
import { isPopularEndpoint, popularityLists, vettedPopular } from '../../src/incidents/popular-services.js';
import { finding } from './findings-fixture.js';

const google = Array.from({ length: 15 }, (_, i) => `142.250.64.${i + 1}`);
const victim = '10.0.0.5';
const viewers = ['10.0.0.20', '10.0.0.21', '10.0.0.22', '10.0.0.23', '10.0.0.24'];

function youtube(host: string): Finding[] {
  return [
    finding({
      host,
      endpointIp: google[0] as string,
      endpointDomain: 'www.youtube.com',
      score: 0.74,
      stats: { keyedBy: 'name', ips: google },
    }),
    finding({
      host,
      detector: 'long-connections',
      endpointIp: google[3] as string,
      score: 0.7,
      stats: { longestSeconds: 30_000 },
    }),
  ];
}

const c2 = [
  finding({ host: victim, endpointIp: '203.0.113.50', endpointDomain: 'update-check.example', score: 0.8 }),
  finding({ host: victim, detector: 'long-connections', endpointIp: '203.0.113.50', score: 0.74 }),
];
const sandbox = finding({
  host: '10.0.0.1',
  detector: 'long-connections',
  endpointIp: '198.51.100.7',
  score: 0.72,
});
const findings = [...c2, ...youtube(victim), ...viewers.flatMap(youtube), sandbox];
const resolutions = [
  ...google.map((ip) => ({ name: 'www.youtube.com', ip })),
  { name: 'update-check.example', ip: '203.0.113.50' },
  { name: 'wildfire.paloaltonetworks.com', ip: '198.51.100.7' },
];

function expectOnlyTheC2(found: ReturnType<typeof correlate>) {
  expect(found).toHaveLength(1);
  const [inc] = found;
  expect(inc?.hosts.map((h) => h.ip)).toEqual([victim]);
  expect(inc?.servers.map((s) => [s.key, s.role])).toEqual([['update-check.example', 'c2']]);
  const named = inc?.servers.flatMap((s) => [...s.ips, ...s.domains]) ?? [];
  expect(named.filter((v) => google.includes(v) || v.includes('youtube'))).toEqual([]);
}

describe('popular services stay out of incidents', () => {
  it('keeps YouTube out with no warninglists at all: its names are known to mamori', () => {
    // The sandbox is a name mamori does not know without lists, so it stays an incident here.
    const found = correlate(
      findings.filter((f) => f !== sandbox),
      { resolutions },
    );
    expectOnlyTheC2(found);
  });

  it('keeps YouTube and the firewall sandbox out with the top-sites warninglists', () => {
    const warninglists = new Map([
      ['www.youtube.com', ['alexa', 'cisco_top1000']],
      ['wildfire.paloaltonetworks.com', ['tranco10k']],
    ]);
    expectOnlyTheC2(correlate(findings, { resolutions, warninglists }));
  });

  it('calls a popular service C2 when an IDS alert or intel names it', () => {
    const alert = finding({
      host: victim,
      detector: 'suricata-alerts',
      endpointIp: google[0] as string,
      score: 0.8,
    });
    const [inc, ...rest] = correlate([...findings.filter((f) => f !== sandbox), alert], { resolutions });
    expect(rest).toHaveLength(0);
    expect(inc?.hosts.map((h) => h.ip)).toEqual([victim]);
    const yt = inc?.servers.find((s) => s.domains.includes('www.youtube.com'));
    expect(yt?.role).toBe('c2');
  });

  it('still lands a C2 with its own rare name on a cloud address', () => {
    const cloud = [
      finding({
        host: '10.0.0.9',
        endpointIp: '3.5.140.2',
        endpointDomain: 'cdn-sync-api.example',
        score: 0.8,
      }),
    ];
    const warninglists = new Map([['3.5.140.2', ['amazon-aws']]]);
    const [inc] = correlate(cloud, { warninglists });
    expect(inc?.servers.map((s) => [s.key, s.role])).toEqual([['cdn-sync-api.example', 'c2']]);
    // The same address reached by no name of its own is the provider's.
    expect(correlate([finding({ host: '10.0.0.9', endpointIp: '3.5.140.2' })], { warninglists })).toEqual([]);
  });
});

describe('what makes a server popular, and what vets it', () => {
  const lists = popularityLists(new Map([['3.5.140.2', ['amazon-aws']]]));
  const none = () => [] as string[];

  it('reads names, then addresses, then the names DNS gave the address', () => {
    expect(
      isPopularEndpoint(finding({ host: 'h', endpointDomain: 'rr3---sn-abc.googlevideo.com' }), lists, none),
    ).toBe(true);
    expect(
      isPopularEndpoint(finding({ host: 'h', endpointDomain: 'googlevideo.com.evil.example' }), lists, none),
    ).toBe(false);
    const bare = finding({ host: 'h', endpointIp: '142.250.64.1' });
    expect(isPopularEndpoint(bare, lists, none)).toBe(false);
    expect(isPopularEndpoint(bare, lists, () => ['i.ytimg.com', 'www.youtube.com'])).toBe(true);
    // One name of its own among the popular ones: the address is not only the provider's.
    expect(isPopularEndpoint(bare, lists, () => ['www.youtube.com', 'c2.example'])).toBe(false);
  });

  it('takes intel or IDS at medium, or two kinds of evidence at high', () => {
    const cfg = correlateConfig();
    const beacon = finding({ host: 'h', endpointIp: '142.250.64.1', score: 0.8 });
    const rare = finding({
      host: 'h',
      detector: 'rare-destinations',
      endpointIp: '142.250.64.1',
      score: 0.8,
    });
    const session = finding({
      host: 'h',
      detector: 'long-connections',
      endpointIp: '142.250.64.1',
      score: 0.9,
    });
    const intel = finding({ host: 'h', detector: 'threat-intel', endpointIp: '142.250.64.1', score: 0.6 });
    expect(vettedPopular(beacon, [], cfg)).toBe(false);
    // A schedule and a long session are the same timestamps.
    expect(vettedPopular(beacon, [session], cfg)).toBe(false);
    expect(vettedPopular(beacon, [rare], cfg)).toBe(true);
    expect(vettedPopular(beacon, [{ ...rare, score: 0.7 }], cfg)).toBe(false);
    // Scores are judged before the warninglist took them down.
    expect(
      vettedPopular(beacon, [{ ...rare, score: 0.24, stats: { scoreBeforeWarninglist: 0.8 } }], cfg),
    ).toBe(true);
    expect(vettedPopular(beacon, [intel], cfg)).toBe(true);
  });
});
