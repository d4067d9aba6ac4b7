// Issue 15.3-15.4: the evidence routes' handlers over a real store loaded with fixture logs; every
// JSON answer is checked against its response schema, and hostile values come back unchanged.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidents } from '../../src/incidents/build-incidents.js';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import { ApiError } from '../../src/server/api/api-error.js';
import type { ServerContext } from '../../src/server/server-context.js';
import { call, fakeContext, rawText } from './api-harness.js';
import { ACTOR, writeBundle } from './intel-bundle.js';
import { BEACONS, C2, C2_NAME, HOST, hostile, openPivotFixture, type PivotFixture } from './pivot-fixture.js';

let fx: PivotFixture;
let ctx: ServerContext;

beforeAll(async () => {
  fx = await openPivotFixture();
  const bundle = join(fx.dir, 'bundle.json');
  writeBundle(bundle);
  await importIntelPaths([bundle], { store: fx.store });
  const incidents = await buildIncidents(fx.store, fx.run.findings, {});
  await fx.store.saveIncidents(
    fx.run.runId,
    incidents.map((incident) => ({ incident, attribution: null })),
  );
  ctx = fakeContext(fx.store, join(fx.dir, 'data'));
}, 90_000);
afterAll(async () => fx?.close());

const beacon = (scope = 'site-a') => {
  const f = fx.run.findings.find((x) => x.detector === 'beaconing' && x.scope === scope);
  if (!f?.id) throw new Error('no beaconing finding');
  return f;
};

type Page<T> = { items: T[]; nextCursor: string | null };
type Item = { runId: number; finding: { id: string; host: string; scope?: string } };

describe('15.3 evidence API', () => {
  it('15.3: GET /findings filters, pages with a cursor, and GET /findings/:id answers the stored finding', async () => {
    const all = (await call(ctx, 'listFindings', { query: { limit: '1000' } })) as Page<Item>;
    expect(all.items.map((i) => i.finding.id)).toEqual(fx.run.findings.map((f) => f.id));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await call(ctx, 'listFindings', {
        query: { limit: '1', ...(cursor ? { cursor } : {}) },
      })) as Page<Item>;
      seen.push(...page.items.map((i) => i.finding.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.finding.id));
    const beacons = (await call(ctx, 'listFindings', { query: { detector: 'beaconing' } })) as Page<Item>;
    expect(beacons.items.length).toBeGreaterThanOrEqual(2);
    const f = beacon();
    const one = (await call(ctx, 'getFinding', { params: { id: f.id as string } })) as {
      finding: unknown;
      incidents: { as: string }[];
      rowsHref: string;
    };
    expect(one.finding).toEqual(JSON.parse(JSON.stringify(f)));
    expect(one.rowsHref).toBe(`/api/v1/rows?finding=${f.id}`);
    await expect(call(ctx, 'getFinding', { params: { id: 'F-000000000000' } })).rejects.toThrow(ApiError);
    await expect(call(ctx, 'listFindings', { query: { cursor: 'bogus' } })).rejects.toThrow(ApiError);
  });

  it("15.3: GET /rows pages a finding's rows as JSON, and downloads CSV and JSON lines", async () => {
    const f = beacon();
    const page = (await call(ctx, 'listRows', {
      query: { finding: f.id as string, table: 'conn', limit: '50' },
    })) as {
      items: { table: string; values: Record<string, unknown> }[];
      nextCursor: string;
      finding: string;
    };
    expect(page.finding).toBe(f.id);
    expect(page.items).toHaveLength(50);
    const rest = (await call(ctx, 'listRows', {
      query: { finding: f.id as string, table: 'conn', limit: '1000', cursor: page.nextCursor },
    })) as { items: unknown[]; nextCursor: string | null };
    // The beacons and the EVE flow of the same pair.
    expect(page.items.length + rest.items.length).toBe(BEACONS + 1);
    expect(rest.nextCursor).toBeNull();
    const csv = rawText(
      await call(ctx, 'listRows', {
        query: { server: C2_NAME, scope: 'site-a', table: 'http', format: 'csv' },
      }),
    );
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect(csv.headers?.['Content-Disposition']).toBe('attachment; filename="mamori-rows-http.csv"');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x.example"",""click"")"`);
    expect(csv.body).not.toMatch(/[\u001b\u202e]/);
    const jsonl = rawText(
      await call(ctx, 'listRows', {
        query: { host: HOST, scope: 'site-a', table: 'files', format: 'jsonl' },
      }),
    );
    expect(JSON.parse(jsonl.body.trim()).filename).toBe(hostile.rtl);
    await expect(call(ctx, 'listRows', { query: { host: HOST, server: C2 } })).rejects.toThrow(ApiError);
    await expect(call(ctx, 'listRows', { query: { finding: 'F-000000000000' } })).rejects.toThrow(
      /no stored finding/,
    );
  });

  it('15.3: GET /hosts/:ip keeps to its network: the same address elsewhere adds nothing', async () => {
    const a = (await call(ctx, 'getHost', { params: { ip: HOST }, query: { scope: 'site-a' } })) as {
      outbound: { connections: number };
      topDestinations: { ip: string; names: string[]; connections: number }[];
      findings: Item[];
      incidents: { id: string }[];
      intel: unknown[];
    };
    expect(a.outbound.connections).toBe(BEACONS + 1);
    expect(a.topDestinations[0]).toMatchObject({ ip: C2, connections: BEACONS + 1, names: [C2_NAME] });
    expect(a.findings.every((f) => f.finding.scope === 'site-a')).toBe(true);
    expect(a.incidents.length).toBeGreaterThan(0);
    const both = (await call(ctx, 'getHost', { params: { ip: HOST } })) as {
      outbound: { connections: number };
    };
    expect(both.outbound.connections).toBe(2 * BEACONS + 1);
    await expect(call(ctx, 'getHost', { params: { ip: 'not-an-ip' } })).rejects.toThrow(ApiError);
  });

  it('15.3: GET /endpoints/:value for a domain and an address: clients, ports, certificates, intel', async () => {
    const d = (await call(ctx, 'getEndpoint', {
      params: { value: 'EVIL.example.' },
      query: { scope: 'site-a' },
    })) as {
      value: string;
      addresses: string[];
      clients: { ip: string; connections: number }[];
      ports: { port: number }[];
      certificates: { serverName: string }[];
      ja3: { ja3: string }[];
      intel: { value: string; entities: { name: string }[] }[];
    };
    expect(d.value).toBe(C2_NAME);
    expect(d.addresses).toEqual([C2]);
    expect(d.clients).toMatchObject([{ ip: HOST, connections: BEACONS + 1 }]);
    expect(d.ports[0]?.port).toBe(443);
    expect(d.certificates[0]?.serverName).toBe(C2_NAME);
    expect(d.ja3[0]?.ja3).toBe('6734f37431670b3ab4292b8f60f29984');
    expect(d.intel.map((h) => h.value)).toContain(C2_NAME);
    expect((d as unknown as { incidents: { as: string; scope: string }[] }).incidents).toContainEqual(
      expect.objectContaining({ as: 'server', scope: 'site-a' }),
    );
    const ip = (await call(ctx, 'getEndpoint', { params: { value: C2 } })) as {
      names: string[];
      intel: { entities: { name: string }[] }[];
    };
    expect(ip.names).toEqual([C2_NAME]);
    expect(ip.intel[0]?.entities.map((e) => e.name)).toContain('Test Panda');
  });

  it("15.3: GET /pairs/series: the beacon's gaps fall in [300, 600) with a median near 300 s; bytes per bucket", async () => {
    const p = (await call(ctx, 'getPairSeries', {
      query: { host: HOST, server: C2_NAME, scope: 'site-a' },
    })) as {
      intervals: { from: number; to: number | null; count: number }[];
      medianSeconds: number;
      madSeconds: number;
      gaps: number;
      bucketSeconds: number;
      series: { t: string; bytesOut: number; bytesIn: number; connections: number }[];
    };
    expect(p.gaps).toBe(BEACONS);
    // Gaps of 298-302 s; the EVE flow at 1200 s, a second before a beacon, splits one gap.
    const count = (from: number) => p.intervals.find((b) => b.from === from)?.count ?? 0;
    expect(p.intervals.reduce((n, b) => n + b.count, 0)).toBe(BEACONS);
    expect(count(1)).toBe(1);
    expect(count(120) + count(300)).toBe(BEACONS - 1);
    expect(p.medianSeconds).toBeGreaterThanOrEqual(299);
    expect(p.medianSeconds).toBeLessThanOrEqual(302);
    expect(p.madSeconds).toBeLessThanOrEqual(2);
    expect(p.series.length).toBeLessThanOrEqual(200);
    expect(p.series.reduce((n, x) => n + x.connections, 0)).toBe(BEACONS + 1);
    expect(p.series.reduce((n, x) => n + x.bytesOut, 0)).toBe(BEACONS * 700 + 10);
    expect(p.series[0]?.t).toBe('2024-05-01T00:00:00.000Z');
  });

  it('15.3: GET /search recognises IPs, CIDRs, domains, hashes and JA3s, grouping telemetry and intel hits', async () => {
    type R = {
      query: { kind: string };
      telemetry: { table: string; field: string; rows: number }[];
      addresses: string[];
      intel: unknown[];
      rowsHref: string | null;
    };
    const ip = (await call(ctx, 'search', { query: { q: C2, scope: 'site-a' } })) as R;
    expect(ip.query.kind).toBe('ip');
    expect(ip.telemetry).toContainEqual(
      expect.objectContaining({ table: 'conn', field: 'resp_h', rows: BEACONS + 1 }),
    );
    expect(ip.intel.length).toBeGreaterThan(0);
    const cidr = (await call(ctx, 'search', { query: { q: '203.0.113.0/24' } })) as R;
    expect(cidr.query.kind).toBe('cidr');
    expect(cidr.addresses).toEqual([C2]);
    expect(cidr.telemetry).toContainEqual(
      expect.objectContaining({ table: 'conn', field: 'resp_h', rows: 2 * BEACONS + 1 }),
    );
    const dom = (await call(ctx, 'search', { query: { q: 'evil[.]example' } })) as R;
    expect(dom.query.kind).toBe('domain');
    expect(dom.telemetry.map((t) => t.table).sort()).toEqual(['dns', 'http', 'ssl']);
    const hash = (await call(ctx, 'search', {
      query: { q: '275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F' },
    })) as R;
    expect(hash.telemetry).toEqual([expect.objectContaining({ table: 'files', field: 'sha256', rows: 1 })]);
    const ja3 = (await call(ctx, 'search', { query: { q: '6734f37431670b3ab4292b8f60f29984' } })) as R;
    expect(ja3.telemetry).toEqual([expect.objectContaining({ table: 'ssl', field: 'ja3', rows: 1 })]);
    expect(ja3.rowsHref).toBe('/api/v1/rows?indicator=6734f37431670b3ab4292b8f60f29984');
  });

  it('15.3: intel entities, the actor profile with techniques, indicators and sightings, and indicator lookup', async () => {
    const list = (await call(ctx, 'listIntelEntities', { query: { q: 'TP-1' } })) as Page<{
      id: string;
      name: string;
    }>;
    expect(list.items.map((e) => e.name)).toContain('Test Panda');
    const id = list.items.find((e) => e.name === 'Test Panda')?.id ?? ACTOR;
    const p = (await call(ctx, 'getIntelEntity', { params: { id } })) as {
      aliases: string[];
      malware: { name: string }[];
      techniques: { id: string; name: string }[];
      indicators: { items: { value: string }[]; total: number };
      sightings: { value: string }[];
    };
    expect(p.aliases).toContain('TP-1');
    expect(p.malware.map((m) => m.name)).toEqual(['EvilRAT']);
    expect(p.techniques).toMatchObject([{ id: 'T1071.001', name: 'Web Protocols' }]);
    expect(p.indicators.total).toBe(2);
    expect(p.sightings.map((s) => s.value).sort()).toEqual([C2, C2_NAME].sort());
    await expect(call(ctx, 'getIntelIndicator', { params: { value: 'not an indicator' } })).rejects.toThrow(
      ApiError,
    );
    const lookup = (await call(ctx, 'getIntelIndicator', { params: { value: C2 } })) as {
      hits: { value: string }[];
      sighting: { firstSeen: string } | null;
    };
    expect(lookup.hits.map((h) => h.value)).toContain(C2);
    // First seen in the DNS answer five seconds before the first connection.
    expect(lookup.sighting?.firstSeen).toBe('2024-04-30T23:59:55.000000Z');
    await expect(call(ctx, 'getIntelEntity', { params: { id: 'intrusion-set--nope' } })).rejects.toThrow(
      ApiError,
    );
  });

  it('15.4: hostile values come back from the API unchanged, as data', async () => {
    const http = (await call(ctx, 'listRows', {
      query: { indicator: C2_NAME, scope: 'site-a', table: 'http' },
    })) as {
      items: { values: Record<string, unknown> }[];
    };
    const v = http.items.map((i) => i.values);
    expect(v.map((x) => x['user_agent'])).toEqual([hostile.ansi, hostile.long]);
    expect(v[0]?.['uri']).toBe(`/${hostile.img}?q=${hostile.js}`);
    expect(v[0]?.['referrer']).toBe(hostile.formula);
    const alerts = (await call(ctx, 'listRows', { query: { host: HOST, table: 'alerts' } })) as {
      items: { values: Record<string, unknown> }[];
    };
    expect(alerts.items[0]?.values['signature']).toBe(hostile.script);
    const files = (await call(ctx, 'search', { query: { q: '44d88612fea8a8f36de82e1278abb02f' } })) as {
      telemetry: unknown[];
    };
    expect(files.telemetry).toHaveLength(1);
    const dns = (await call(ctx, 'getHost', { params: { ip: HOST }, query: { scope: 'site-a' } })) as {
      topQueries: { name: string }[];
    };
    expect(dns.topQueries.map((q) => q.name)).toContain(`x.${hostile.script}.example`.toLowerCase());
    // A server name is whatever the traffic wrote, spaces and markup included; its page still opens.
    const named = (await call(ctx, 'getEndpoint', {
      params: { value: `x.${hostile.script}.example` },
      query: {},
    })) as { value: string; kind: string };
    expect(named).toMatchObject({ value: `x.${hostile.script}.example`.toLowerCase(), kind: 'domain' });
    await expect(call(ctx, 'getEndpoint', { params: { value: '  ' }, query: {} })).rejects.toThrow(ApiError);
  });
});
