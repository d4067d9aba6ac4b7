import { describe, expect, it } from 'vitest';
import type { DetectorName, Finding } from '../domain/finding.js';
import { duckdbHooks } from '../store/sql/duckdb/duckdb-hooks.js';
import type { Store } from '../store/store.js';
import { labelWarninglisted } from './suppression.js';

const f = (detector: DetectorName, ip: string | null, domain: string | null, score = 0.74): Finding => ({
  detector,
  techniques: [],
  host: '10.0.0.5',
  endpointIp: ip,
  endpointDomain: domain,
  first: '',
  last: '',
  connections: 1,
  bytesOut: null,
  bytesIn: null,
  score,
  severity: 'medium',
  stats: {},
  explanation: 'x.',
  links: [],
});

const listed: Record<string, string[]> = { 'bolt.dropbox.com': ['tranco10k'], 'www.example.com': ['alexa'] };
// What DNS, SNI and Host say of the addresses.
const named: Record<string, string[]> = { '162.125.9.9': ['bolt.dropbox.com'] };
const store = {
  intel: {
    warninglistsOf: async (values: readonly string[]) =>
      new Map(values.filter((v) => listed[v]).map((v) => [v, listed[v] ?? []])),
  },
  // The address-names query reads these rows back, one per address the network named.
  analytics: {
    dialect: 'duckdb',
    hooks: duckdbHooks,
    settle: async () => {},
    objects: async (_sql: string, p: { ips: readonly string[] }) =>
      p.ips.filter((ip) => named[ip]).map((ip) => ({ ip, names: named[ip] ?? [] })),
  },
} as unknown as Store;

describe('labelWarninglisted', () => {
  it('down-weights a finding on a listed name and keeps threat-intel as it is', async () => {
    const [web, intel] = await labelWarninglisted(store, [
      f('beaconing', '1.1.1.1', 'www.example.com'),
      f('threat-intel', '1.1.1.1', 'www.example.com', 0.9),
    ]);
    expect(web?.score).toBeCloseTo(0.222);
    expect(web?.stats['warninglists']).toEqual(['alexa']);
    expect(intel?.score).toBe(0.9);
  });

  it('gives an address-only finding the names other findings give its address', async () => {
    const out = await labelWarninglisted(store, [
      f('long-connections', '162.125.1.1', null),
      f('beaconing', '162.125.1.1', 'bolt.dropbox.com', 0.2),
    ]);
    expect(out[0]?.score).toBeCloseTo(0.222);
    expect(out[0]?.explanation).toContain('bolt.dropbox.com, as the network names it');
  });

  it('names an address-only finding from the network when no finding names it', async () => {
    const [lone] = await labelWarninglisted(store, [f('long-connections', '162.125.9.9', null)]);
    expect(lone?.score).toBeCloseTo(0.222);
    expect(lone?.stats['warninglists']).toEqual(['tranco10k']);
  });

  it('leaves an address-only finding alone when one of its names is not listed', async () => {
    const out = await labelWarninglisted(store, [
      f('long-connections', '203.0.113.9', null),
      f('beaconing', '203.0.113.9', 'bolt.dropbox.com', 0.2),
      f('tls-http-oddities', '203.0.113.9', 'c2.evil.example', 0.6),
    ]);
    expect(out[0]?.score).toBe(0.74);
  });
});
