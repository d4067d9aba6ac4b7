import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, ingest } from '../../../test/aggregates/backends.js';
import type { Finding } from '../../domain/finding.js';
import type { Suppression, SuppressionMatch } from '../../domain/suppression.js';
import { DuckDBStore } from '../../store/duckdb/duckdb-store.js';
import { suppressFindings } from './suppress-findings.js';
import { destinationMatches } from './suppression-match.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-suppress-'));
let store: DuckDBStore;
const JA3 = 'e7d705a3286e19ea42f587b344ee6865';
const OTHER = '0123456789abcdef0123456789abcdef';

beforeAll(async () => {
  store = await DuckDBStore.open({ dataDir: dir });
  const hello = (i: number, orig: string, resp: string, name: string, ja3: string) => ({
    ts: at(i * 60),
    uid: `C${i}${orig}`,
    orig_h: orig,
    orig_p: 40000 + i,
    resp_h: resp,
    resp_p: 443,
    server_name: name,
    ja3,
  });
  await ingest(
    store,
    { sensor: 'lab', file: 'ssl.log' },
    {
      ssl: [
        // 10.0.0.5 → 203.0.113.9: every hello has JA3; 10.0.0.6 → 203.0.113.9: one does not.
        ...[0, 1, 2].map((i) => hello(i, '10.0.0.5', '203.0.113.9', 'updates.example.com', JA3)),
        hello(3, '10.0.0.6', '203.0.113.9', 'updates.example.com', JA3),
        hello(4, '10.0.0.6', '203.0.113.9', 'updates.example.com', OTHER),
      ],
    },
  );
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function finding(over: Partial<Finding>): Finding {
  return {
    detector: 'beaconing',
    techniques: ['T1071'],
    host: '10.0.0.5',
    endpointIp: '203.0.113.9',
    endpointDomain: 'updates.example.com',
    first: '2023-11-15T00:00:00.000Z',
    last: '2023-11-15T01:00:00.000Z',
    connections: 3,
    bytesOut: 1,
    bytesIn: 1,
    score: 0.7,
    severity: 'medium',
    stats: {},
    explanation: 'regular',
    links: [],
    scope: 'lab',
    ...over,
  } as Finding;
}

let n = 0;
function rule(match: SuppressionMatch, over: Partial<Suppression> = {}): Suppression {
  n++;
  return {
    id: `SUP-0000000${n}`,
    match,
    scope: null,
    author: 'alice',
    reason: 'benign',
    createdAt: '2026-12-01T00:00:00.000Z',
    expiresAt: null,
    incidentId: null,
    ...over,
  };
}

const now = new Date('2026-12-07T00:00:00Z');
const findings = [
  finding({}),
  finding({ host: '10.0.0.6' }),
  finding({
    host: '10.0.0.5',
    endpointIp: '198.51.100.4',
    endpointDomain: 'cdn.other.net',
    detector: 'long-connections',
  }),
  finding({ host: '10.0.0.7', endpointIp: null, endpointDomain: 'a.b.updates.example.com', detector: 'dga' }),
];
const hosts = (fs: readonly Finding[]) => fs.map((f) => `${f.host}>${f.endpointDomain}`);

describe('15.3 suppressions at analysis time', () => {
  it('15.3: destinations match by address, by name, and by parent domain; nothing else', () => {
    const f = { endpointIp: '203.0.113.9', endpointDomain: 'a.updates.example.com' };
    expect(destinationMatches('203.0.113.9', f)).toBe(true);
    expect(destinationMatches('UPDATES.example.com.', f)).toBe(true);
    expect(destinationMatches('a.updates.example.com', f)).toBe(true);
    expect(destinationMatches('dates.example.com', f)).toBe(false);
    expect(destinationMatches('203.0.113.90', f)).toBe(false);
  });

  it('15.3: host-destination drops only that host’s findings on that destination', async () => {
    const r = rule({ kind: 'host-destination', host: '10.0.0.5', destination: 'updates.example.com' });
    const out = await suppressFindings(store.analytics, findings, { rules: [r], at: now });
    expect(hosts(out.kept)).toEqual([
      '10.0.0.6>updates.example.com',
      '10.0.0.5>cdn.other.net',
      '10.0.0.7>a.b.updates.example.com',
    ]);
    expect(out.effects).toEqual([
      { id: r.id, kind: 'host-destination', reason: 'benign', suppressed: 1, keptForIntel: [] },
    ]);
  });

  it('15.3: destination drops every host’s findings on it and its subdomains', async () => {
    const out = await suppressFindings(store.analytics, findings, {
      rules: [rule({ kind: 'destination', destination: 'updates.example.com' })],
      at: now,
    });
    expect(hosts(out.kept)).toEqual(['10.0.0.5>cdn.other.net']);
    expect(out.suppressed).toBe(3);
  });

  it('15.3: detector-destination drops only that detector’s findings', async () => {
    const out = await suppressFindings(store.analytics, findings, {
      rules: [rule({ kind: 'detector-destination', detector: 'dga', destination: 'example.com' })],
      at: now,
    });
    expect(out.kept.map((f) => f.detector)).toEqual(['beaconing', 'beaconing', 'long-connections']);
  });

  it('15.3: ja3 drops a pair only when every TLS client hello of it carries that JA3', async () => {
    const out = await suppressFindings(store.analytics, findings, {
      rules: [rule({ kind: 'ja3', ja3: JA3.toUpperCase() })],
      at: now,
    });
    // 10.0.0.6 also sent another fingerprint; the other pairs have no TLS rows at all.
    expect(hosts(out.kept)).toEqual([
      '10.0.0.6>updates.example.com',
      '10.0.0.5>cdn.other.net',
      '10.0.0.7>a.b.updates.example.com',
    ]);
    expect(out.effects[0]?.suppressed).toBe(1);
  });

  it('15.3: an expired rule, or one scoped to another network, drops nothing', async () => {
    const match: SuppressionMatch = { kind: 'destination', destination: 'updates.example.com' };
    const out = await suppressFindings(store.analytics, findings, {
      rules: [
        rule(match, { expiresAt: '2026-12-06T23:59:59.000Z' }),
        rule(match, { scope: 'branch-office' }),
      ],
      at: now,
    });
    expect(out.kept).toHaveLength(findings.length);
    // The expired rule is not applied at all; the other applies but covers nothing in its network.
    expect(out.effects.map((e) => e.suppressed)).toEqual([0]);
    const later = await suppressFindings(store.analytics, findings, {
      rules: [rule(match, { expiresAt: '2026-12-08T00:00:00.000Z' })],
      at: now,
    });
    expect(later.suppressed).toBe(3);
  });

  it('15.3: a finding on a live intel indicator is kept and reported, never suppressed', async () => {
    const intel = [
      finding({ detector: 'threat-intel' }),
      finding({ links: [{ id: 'entity-1', type: 'malware', name: 'PlugX' }] }),
      finding({ host: '10.0.0.6' }),
    ];
    const out = await suppressFindings(store.analytics, intel, {
      rules: [rule({ kind: 'destination', destination: '203.0.113.9' })],
      at: now,
    });
    expect(out.kept.map((f) => f.detector)).toEqual(['threat-intel', 'beaconing']);
    expect(out.effects[0]).toMatchObject({
      suppressed: 1,
      keptForIntel: [
        'threat-intel 10.0.0.5 → updates.example.com',
        'beaconing 10.0.0.5 → updates.example.com',
      ],
    });
  });
});
