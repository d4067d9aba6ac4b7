// Contract of the aggregates exfiltration reads: upload candidates and domain prevalence.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { exfilCandidates, exfilDomainPrevalence } from './aggregate-calls.js';
import { at, describeEachBackend, epoch, ingest, internal, iso, sortedBy } from './backends.js';

const A = '10.0.0.1';
const C = '10.0.0.3';
const F = '10.0.0.6';

async function load(store: Store): Promise<void> {
  const conn = (
    uid: string,
    t: number,
    orig: string,
    resp: string,
    port: number,
    out: number,
    inb: number,
    extra = {},
  ) => ({
    ts: at(t),
    uid,
    orig_h: orig,
    orig_p: 40000,
    resp_h: resp,
    resp_p: port,
    proto: 'tcp',
    duration: 10,
    orig_bytes: out,
    resp_bytes: inb,
    ...extra,
  });
  await ingest(
    store,
    { sensor: 's', file: '/exfil' },
    {
      conn: [
        // A uploads 2 MB and 1.5 MB to 203.0.113.5 in two hours, plus a small request; an open
        // snapshot of its first connection is superseded by the closed record.
        conn('A0', 0, A, '203.0.113.5', 443, 2_000_000, 1000),
        conn('A0', 0, A, '203.0.113.5', 443, 1_000_000, 0, { is_open: true }),
        conn('A1', 3700, A, '203.0.113.5', 443, 1_500_000, 1000),
        conn('A2', 3800, A, '203.0.113.5', 443, 500, 100),
        // A's other outbound traffic only enters its hourly baseline.
        conn('A3', 7300, A, '198.51.100.50', 80, 300, 50),
        // B sends 20 kB to the same server: too little for a pair, but a second sender to it.
        conn('B0', 50, '10.0.0.2', '203.0.113.5', 443, 20_000, 0),
        // C: Zeek claims 5 GB from sequence numbers; the IP-level count caps it at 300 kB.
        conn('C0', 100, C, '198.51.100.9', 8443, 5_000_000_000, 100, { orig_ip_bytes: 300_000 }),
        // D downloads far more than it sends: below the upload share.
        conn('D0', 150, '10.0.0.4', '203.0.113.6', 443, 200_000, 1_000_000),
        // Internal → internal and inbound traffic is never exfiltration.
        conn('E0', 160, '10.0.0.5', '10.0.0.9', 445, 1_000_000, 0),
        conn('X0', 170, '203.0.113.7', A, 22, 1_000_000, 0),
        // F's connection is still open: its latest (cumulative) snapshot counts.
        conn('F0', 200, F, '203.0.113.8', 9001, 100_000, 0, { is_open: true }),
        conn('F0', 200, F, '203.0.113.8', 9001, 400_000, 0, { is_open: true, duration: 60 }),
      ],
      ssl: [
        {
          ts: at(0),
          uid: 'A0',
          orig_h: A,
          resp_h: '203.0.113.5',
          resp_p: 443,
          server_name: 'Upload.Example',
        },
      ],
      dns: [
        {
          ts: at(90),
          uid: 'Q0',
          orig_h: C,
          resp_h: '10.0.0.53',
          resp_p: 53,
          query: 'Files.Example',
          answers: ['198.51.100.9'],
        },
        {
          ts: at(91),
          uid: 'Q1',
          orig_h: '10.0.0.2',
          resp_h: '10.0.0.53',
          resp_p: 53,
          query: 'cdn.upload.example',
        },
        // An outside client's lookups count for nobody's prevalence.
        {
          ts: at(92),
          uid: 'Q2',
          orig_h: '203.0.113.7',
          resp_h: '10.0.0.53',
          resp_p: 53,
          query: 'upload.example',
        },
      ],
    },
  );
}

describeEachBackend('exfiltration', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await load(store);
  });

  it('14.2 exfilCandidates: outbound pairs that uploaded at least minBytes, largest first, with hourly baselines', async () => {
    const r = await exfilCandidates(store, { internal, minBytes: 100_000, minUploadShare: 0.5 });
    expect({ ...r, hosts: sortedBy(r.hosts, (h) => h.host) }).toEqual({
      source: 'conn',
      // A, B, C, D, E and F sent something in the window (the outside 203.0.113.7 is not counted).
      internalHosts: 6,
      candidates: [
        {
          origH: A,
          respH: '203.0.113.5',
          ports: [443],
          name: 'upload.example',
          connections: 3,
          bytesOut: 3_500_500,
          bytesIn: 2100,
          first: iso(0),
          last: iso(3810),
          hours: [epoch(0), epoch(3600)],
          hourBytes: [2_000_000, 1_500_500],
          prevalence: 2,
          chunks: { count: 2, p10: 1_550_000, p50: 1_750_000, p90: 1_950_000 },
        },
        {
          origH: F,
          respH: '203.0.113.8',
          ports: [9001],
          name: null,
          connections: 1,
          bytesOut: 400_000,
          bytesIn: 0,
          first: iso(200),
          last: iso(260),
          hours: [epoch(0)],
          hourBytes: [400_000],
          prevalence: 1,
          chunks: { count: 0, p10: 0, p50: 0, p90: 0 },
        },
        // Named by the DNS answer that gave its address.
        {
          origH: C,
          respH: '198.51.100.9',
          ports: [8443],
          name: 'files.example',
          connections: 1,
          bytesOut: 300_000,
          bytesIn: 100,
          first: iso(100),
          last: iso(110),
          hours: [epoch(0)],
          hourBytes: [300_000],
          prevalence: 1,
          chunks: { count: 0, p10: 0, p50: 0, p90: 0 },
        },
      ],
      hosts: [
        { host: A, hours: [epoch(0), epoch(3600), epoch(7200)], hourBytes: [2_000_000, 1_500_500, 300] },
        { host: C, hours: [epoch(0)], hourBytes: [300_000] },
        { host: F, hours: [epoch(0)], hourBytes: [400_000] },
      ],
    });
    // Without an upload share D's download counts; the limit keeps the largest senders.
    const noShare = await exfilCandidates(store, { internal, minBytes: 100_000 });
    expect(noShare.candidates.map((c) => c.origH)).toEqual([A, F, C, '10.0.0.4']);
    const top = await exfilCandidates(store, { internal, minBytes: 100_000, limit: 1 });
    expect(top.candidates.map((c) => c.origH)).toEqual([A]);
    expect(top.hosts.map((h) => h.host)).toEqual([A]);
  });

  it('14.2 exfilCandidates: HTTP bodies when the window has no conn rows, nothing when it has neither', async () => {
    const web = await open();
    await ingest(
      web,
      { sensor: 's', file: '/http' },
      {
        http: [
          {
            ts: at(0),
            uid: 'H0',
            orig_h: A,
            resp_h: '203.0.113.5',
            resp_p: 80,
            method: 'POST',
            host: 'Up.Example:80',
            request_body_len: 150_000,
            response_body_len: 10,
          },
          {
            ts: at(10),
            uid: 'H1',
            orig_h: A,
            resp_h: '203.0.113.5',
            resp_p: 80,
            method: 'GET',
            host: 'up.example',
            request_body_len: 0,
            response_body_len: 500,
          },
        ],
      },
    );
    expect(await exfilCandidates(web, { internal, minBytes: 100_000 })).toEqual({
      source: 'http',
      internalHosts: 1,
      candidates: [
        {
          origH: A,
          respH: '203.0.113.5',
          ports: [80],
          name: 'up.example',
          connections: 2,
          bytesOut: 150_000,
          bytesIn: 510,
          first: iso(0),
          last: iso(10),
          hours: [epoch(0)],
          hourBytes: [150_000],
          prevalence: 1,
          chunks: { count: 0, p10: 0, p50: 0, p90: 0 },
        },
      ],
      hosts: [{ host: A, hours: [epoch(0)], hourBytes: [150_000] }],
    });
    expect(await exfilCandidates(web, { internal, minBytes: 100_000, from: iso(3600) })).toEqual({
      source: 'none',
      internalHosts: 0,
      candidates: [],
      hosts: [],
    });
  });

  it('14.2 exfilDomainPrevalence: internal hosts whose SNI, Host or DNS query is each domain or under it', async () => {
    const rows = await exfilDomainPrevalence(store, {
      internal,
      domains: ['example', 'upload.example', 'files.example', 'nothing.test'],
    });
    expect(sortedBy(rows, (r) => r.domain)).toEqual([
      { domain: 'example', hosts: 3 },
      { domain: 'files.example', hosts: 1 },
      // A's SNI and B's lookup of a name under it; the outside client's lookup is nobody's.
      { domain: 'upload.example', hosts: 2 },
    ]);
    expect(
      await exfilDomainPrevalence(store, { internal, domains: ['upload.example'], to: iso(60) }),
    ).toEqual([{ domain: 'upload.example', hosts: 1 }]);
    expect(await exfilDomainPrevalence(store, { internal, domains: [] })).toEqual([]);
  });
});
