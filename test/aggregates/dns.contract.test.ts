// Contract of the DNS aggregates: tunnel candidates, DGA candidates and resolutions, resolvers.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import {
  type DnsTunnelCandidate,
  dgaCandidates,
  dgaResolved,
  dnsResolvers,
  dnsTunnelCandidates,
} from './aggregate-calls.js';
import { at, describeEachBackend, epoch, ingest, internal, iso, sortedBy } from './backends.js';

const A = '10.0.0.1';
const B = '10.0.0.2';
const C = '10.0.0.3';
const E = '10.0.0.5';
const POPULAR = ['10.0.0.11', '10.0.0.12', '10.0.0.13', '10.0.0.14'];
const R = '10.0.0.53';

interface Ask {
  readonly type?: 'A' | 'TXT';
  readonly nx?: boolean;
  readonly answers?: readonly string[];
  readonly rd?: boolean;
  readonly port?: number;
}
let n = 0;
const q = (t: number, orig: string, resp: string, query: string, ask: Ask = {}) => ({
  ts: at(t),
  uid: `D${n++}`,
  orig_h: orig,
  orig_p: 33000,
  resp_h: resp,
  resp_p: ask.port ?? 53,
  proto: 'udp',
  query,
  qtype: ask.type === 'TXT' ? 16 : 1,
  qtype_name: ask.type ?? 'A',
  rcode: ask.nx ? 3 : 0,
  rcode_name: ask.nx ? 'NXDOMAIN' : 'NOERROR',
  rd: ask.rd ?? true,
  answers: ask.answers ? [...ask.answers] : null,
});
const long = (c: string, i: number) => `${c.repeat(27)}${i}`;
const range = (k: number) => Array.from({ length: k }, (_, i) => i);

/** A's tunnel names: 34 characters left of badtun.net. */
const tunnel = (i: number) => `${long('a', i)}${'0000'}.t.badtun.net`;

async function load(store: Store): Promise<void> {
  const dns = [
    // A tunnels through the resolver: four TXT and two A queries under badtun.net, two NXDOMAIN,
    // one answered with an address A then connects to, one with a loopback (blocklist) answer.
    ...range(6).map((i) =>
      q(100 + i, A, R, tunnel(i), {
        type: i < 4 ? 'TXT' : 'A',
        nx: i === 2 || i === 3,
        answers: i === 4 ? ['198.51.100.77'] : i === 5 ? ['127.0.0.2'] : undefined,
      }),
    ),
    // The resolver asks badtun.net's server without recursion: that server is the domain's authority.
    q(106, R, '203.0.113.53', tunnel(0), { rd: false }),
    // Long names under a public suffix's child (x.co.uk) group under it.
    ...range(5).map((i) => q(200 + i, A, R, `${long('b', i)}.x.co.uk`)),
    // Short names, and mDNS names, are no tunnel.
    ...range(6).map((i) => q(300 + i, A, R, `w${i}.short.org`)),
    ...range(6).map((i) => q(310 + i, A, '224.0.0.251', `${long('m', i)}.mdns.net`, { port: 5353 })),
    // A service four of nine clients use is no tunnel either; nor is an outside client's.
    ...POPULAR.flatMap((h) => range(5).map((i) => q(400 + i, h, R, `${long('c', i)}.cdn.popular.net`))),
    ...range(6).map((i) => q(500 + i, '203.0.113.9', R, `${long('e', i)}.ext.net`)),
    // B: a burst of failed address lookups, five names (one twice) in 20 seconds; C fails one of them too.
    q(1200, B, R, 'qwkxj0.com', { nx: true }),
    q(1201, B, R, 'qwkxj0.com', { nx: true }),
    ...range(4).map((i) => q(1205 + 5 * i, B, R, `qwkxj${i + 1}.com`, { nx: true })),
    q(1300, C, R, 'qwkxj0.com', { nx: true }),
    // Failed TXT lookups are no DGA.
    ...range(5).map((i) => q(1210, B, R, `zz${i}.org`, { type: 'TXT', nx: true })),
    // E fails six names under one domain: one domain, no DGA.
    ...range(6).map((i) => q(600 * i, E, R, `n${i}.cdn.fail.example`, { nx: true })),
    // R, the resolver, fails six domains ten minutes apart (a long tail) among 21 iterative queries.
    ...range(6).map((i) => q(2000 + 600 * i, R, '203.0.113.53', `gone${i}.net`, { nx: true, rd: false })),
    ...range(14).map((i) =>
      q(2100 + i, R, '203.0.113.53', `ok${i}.net`, { rd: false, answers: [`198.51.100.${100 + i}`] }),
    ),
    // B's answered lookups: two rare names (one connected to), a third past maxNames, one many clients ask.
    q(1400, B, R, 'Rare1.Biz.', { answers: ['198.51.100.20'] }),
    q(1500, B, R, 'rare2.biz', { answers: ['alias.cname', '203.0.113.21'] }),
    q(1600, B, R, 'rare3.biz', { answers: ['203.0.113.22'] }),
    ...[B, A, C].map((h) => q(1300, h, R, 'common.com', { answers: ['198.51.100.30'] })),
    // One client asks 10.0.0.54, two ask an outside resolver: neither is an internal resolver.
    q(700, A, '10.0.0.54', 'one.example'),
    q(701, A, '8.8.8.8', 'two.example'),
    q(702, B, '8.8.8.8', 'two.example'),
  ];
  await ingest(
    store,
    { sensor: 's', file: '/dns' },
    {
      dns,
      conn: [
        { ts: at(110), uid: 'K0', orig_h: A, resp_h: '198.51.100.77', resp_p: 443, proto: 'tcp' },
        { ts: at(1401), uid: 'K1', orig_h: B, resp_h: '198.51.100.20', resp_p: 443, proto: 'tcp' },
      ],
    },
  );
}

/** Candidates sorted by host and domain, each sample list sorted: which names are sampled by hash is the dialect's. */
const byPair = (rows: readonly DnsTunnelCandidate[]) =>
  sortedBy(rows, (c) => `${c.host} ${c.domain}`).map((c) => ({ ...c, samples: [...c.samples].sort() }));

describeEachBackend('dns', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await load(store);
  });

  it('14.2 dnsTunnelCandidates: clients with many long distinct names under one domain', async () => {
    const r = await dnsTunnelCandidates(store, {
      internal,
      minUnique: 5,
      minMeanSubLength: 20,
      maxHostShare: 0.4,
      isPublicSuffix: (name) => name === 'co.uk',
    });
    expect({ ...r, candidates: byPair(r.candidates) }).toEqual({
      // A, B, C, E, R and the four service users (mDNS and the outside client aside).
      clients: 9,
      connKnown: true,
      candidates: [
        {
          host: A,
          domain: 'badtun.net',
          queries: 6,
          uniqueNames: 6,
          meanSubLength: 34,
          dataTypeQueries: 4,
          qtypes: ['TXT', 'A'],
          nxdomain: 2,
          answeredNames: 2,
          connectedNames: 1,
          loopbackNames: 1,
          // A and the resolver asked under it.
          hosts: 2,
          authServer: '203.0.113.53',
          resolverClients: 0,
          iterative: false,
          samples: range(6).map(tunnel),
          first: iso(100),
          last: iso(105),
        },
        {
          host: A,
          domain: 'x.co.uk',
          queries: 5,
          uniqueNames: 5,
          meanSubLength: 28,
          dataTypeQueries: 0,
          qtypes: ['A'],
          nxdomain: 0,
          answeredNames: 0,
          connectedNames: 0,
          loopbackNames: 0,
          hosts: 1,
          authServer: null,
          resolverClients: 0,
          iterative: false,
          samples: range(5).map((i) => `${long('b', i)}.x.co.uk`),
          first: iso(200),
          last: iso(204),
        },
      ],
    });
    // After the tunnel only R and E ask anything; a window without conn rows does not know connections.
    expect(
      await dnsTunnelCandidates(store, {
        internal,
        minUnique: 5,
        minMeanSubLength: 20,
        maxHostShare: 0.4,
        isPublicSuffix: () => false,
        from: iso(2000),
      }),
    ).toEqual({ clients: 2, connKnown: false, candidates: [] });
  });

  it('14.2 dgaCandidates: NXDOMAIN bursts in one bucket or long tails over the window, earliest names first', async () => {
    const r = await dgaCandidates(store, {
      internal,
      minBurst: 4,
      burstSeconds: 60,
      minTotal: 6,
      maxNames: 3,
    });
    expect({ ...r, candidates: sortedBy(r.candidates, (c) => c.host) }).toEqual({
      clients: 9,
      candidates: [
        {
          host: B,
          resolverClients: 0,
          iterative: false,
          nxTotal: 5,
          nxNames: [
            { name: 'qwkxj0.com', first: epoch(1200), count: 2, hosts: 2 },
            { name: 'qwkxj1.com', first: epoch(1205), count: 1, hosts: 1 },
            { name: 'qwkxj2.com', first: epoch(1210), count: 1, hosts: 1 },
          ],
        },
        // The resolver: eight internal clients ask it, and its own queries are iterative.
        {
          host: R,
          resolverClients: 8,
          iterative: true,
          nxTotal: 6,
          nxNames: [0, 1, 2].map((i) => ({
            name: `gone${i}.net`,
            first: epoch(2000 + 600 * i),
            count: 1,
            hosts: 1,
          })),
        },
      ],
    });
    // Five seconds per bucket split B's burst; without the tail bound R is gone too.
    const strict = await dgaCandidates(store, {
      internal,
      minBurst: 4,
      burstSeconds: 5,
      minTotal: 7,
      maxNames: 3,
    });
    expect(strict).toEqual({ clients: 9, candidates: [] });
  });

  it('14.2 dgaResolved: rare names the given hosts resolved to addresses, earliest first', async () => {
    expect(await dgaResolved(store, { internal, hosts: [B], maxNames: 2 })).toEqual([
      {
        host: B,
        names: [
          { name: 'rare1.biz', answers: ['198.51.100.20'], connected: true, first: epoch(1400) },
          // Only address answers are listed.
          { name: 'rare2.biz', answers: ['203.0.113.21'], connected: false, first: epoch(1500) },
        ],
      },
    ]);
    expect(await dgaResolved(store, { internal, hosts: [B], maxNames: 5, from: iso(1550) })).toEqual([
      {
        host: B,
        names: [{ name: 'rare3.biz', answers: ['203.0.113.22'], connected: false, first: epoch(1600) }],
      },
    ]);
    expect(await dgaResolved(store, { internal, hosts: [], maxNames: 2 })).toEqual([]);
  });

  it('14.2 dnsResolvers: internal servers at least two internal clients ask', async () => {
    expect([...(await dnsResolvers(store, { internal }))]).toEqual([[R, 8]]);
    // By 00:02:30 only E and A had asked it; by 00:00:50 only E.
    expect([...(await dnsResolvers(store, { internal, to: iso(150) }))]).toEqual([[R, 2]]);
    expect([...(await dnsResolvers(store, { internal, to: iso(50) }))]).toEqual([]);
  });
});
