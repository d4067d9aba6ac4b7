// Contract of the aggregate rare-destinations reads: endpoints few hosts reach, over several clock hours.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { type RareEndpoint, rareDestinations } from './aggregate-calls.js';
import { at, describeEachBackend, ingest, internal, iso, sortedBy } from './backends.js';

const A = '10.0.0.1';
const B = '10.0.0.2';
const C = '10.0.0.3';
const H = 3600;

let n = 0;
const conn = (t: number, orig: string, resp: string, port: number, extra = {}) => ({
  ts: at(t),
  uid: `C${n++}`,
  orig_h: orig,
  orig_p: 40000,
  resp_h: resp,
  resp_p: port,
  proto: 'tcp',
  orig_bytes: 100,
  resp_bytes: 500,
  conn_state: 'SF',
  ...extra,
});
const tls = (t: number, orig: string, resp: string, sni: string) => ({
  ts: at(t),
  uid: `S${n++}`,
  orig_h: orig,
  resp_h: resp,
  resp_p: 443,
  server_name: sni,
});

async function load(store: Store): Promise<void> {
  await ingest(
    store,
    { sensor: 'hq', file: '/hq' },
    {
      conn: [
        // A ↔ 203.0.113.50: answered connections in three clock hours, no name leads to it.
        ...[1, 3, 5].map((h) => conn(h * H + 10, A, '203.0.113.50', 8080)),
        // A ↔ 198.51.100.60 in two hours: told under the rare name A looked it up by.
        ...[2, 4].map((h) => conn(h * H + 5, A, '198.51.100.60', 443)),
        // One clock hour only; never answered; NTP: none is a rare destination.
        conn(H + 30, A, '203.0.113.51', 443),
        conn(H + 40, A, '203.0.113.51', 443),
        ...[1, 3].map((h) => conn(h * H + 50, A, '203.0.113.52', 443, { conn_state: 'S0', resp_bytes: 0 })),
        ...[1, 3].map((h) => conn(h * H + 60, A, '203.0.113.123', 123, { proto: 'udp' })),
        // Everybody's server (three hosts, from 00:00).
        ...[A, B, C].flatMap((h) => [conn(0, h, '198.51.100.70', 443), conn(3 * H, h, '198.51.100.70', 443)]),
      ],
      ssl: [
        ...[2, 4].map((h) => tls(h * H + 5, A, '198.51.100.60', 'api.rarebad.net')),
        ...[A, B, C].flatMap((h) => [
          tls(0, h, '198.51.100.70', 'www.popular.com'),
          tls(3 * H, h, '198.51.100.70', 'www.popular.com'),
        ]),
        // Each host's own CloudFront distribution: under a shared suffix, each name is its own domain.
        ...[1, 3].map((h) => tls(h * H + 20, A, '198.51.100.80', 'd111.cloudfront.net')),
        ...[1, 3].map((h) => tls(h * H + 20, B, '198.51.100.81', 'd222.cloudfront.net')),
      ],
      dns: [
        {
          ts: at(2 * H),
          uid: 'Q0',
          orig_h: A,
          resp_h: '10.0.0.53',
          resp_p: 53,
          query: 'api.rarebad.net',
          answers: ['198.51.100.60'],
        },
        // A name that resolves inside is no outside destination.
        ...[1, 3].map((h) => ({
          ts: at(h * H),
          uid: `Q${h}`,
          orig_h: A,
          resp_h: '10.0.0.53',
          resp_p: 53,
          query: 'wiki.inside-co.com',
          answers: ['10.0.0.80'],
        })),
      ],
    },
  );
  // Another network's host reaches 203.0.113.50 too.
  await ingest(
    store,
    { sensor: 'lab', file: '/lab' },
    { conn: [1, 3].map((h) => conn(h * H, C, '203.0.113.50', 8080)) },
  );
}

const opts = { internal, maxHosts: 1, minHoursOfDay: 2, sharedSuffixes: ['CloudFront.net'] };
const cloudfront = (host: string, name: string, ip: string): RareEndpoint => ({
  host,
  kind: 'domain',
  ip,
  domain: name,
  names: [name],
  ips: [ip],
  hosts: 1,
  sessions: 2,
  lookups: 0,
  hoursOfDay: 2,
  days: 1,
  first: iso(H + 20),
  last: iso(3 * H + 20),
  firstSeen: iso(H + 20),
  ports: [443],
  bytesOut: null,
  bytesIn: null,
});

describeEachBackend('rare-destinations', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await load(store);
  });

  it('14.2 rareDestinations: addresses and domains at most maxHosts reach, in at least minHoursOfDay hours', async () => {
    const r = await rareDestinations(store, { ...opts, sensors: ['hq'] });
    expect({
      ...r,
      endpoints: sortedBy(r.endpoints, (e) => `${e.host} ${e.kind} ${e.domain ?? e.ip}`),
    }).toEqual({
      internalHosts: 3,
      historyStart: iso(0),
      endpoints: [
        cloudfront(A, 'd111.cloudfront.net', '198.51.100.80'),
        {
          host: A,
          kind: 'domain',
          ip: '198.51.100.60',
          domain: 'rarebad.net',
          names: ['api.rarebad.net'],
          ips: ['198.51.100.60'],
          hosts: 1,
          sessions: 2,
          lookups: 1,
          hoursOfDay: 2,
          days: 1,
          first: iso(2 * H),
          last: iso(4 * H + 5),
          firstSeen: iso(2 * H),
          ports: [443],
          bytesOut: null,
          bytesIn: null,
        },
        {
          host: A,
          kind: 'ip',
          ip: '203.0.113.50',
          domain: null,
          names: [],
          ips: ['203.0.113.50'],
          hosts: 1,
          sessions: 3,
          lookups: 0,
          hoursOfDay: 3,
          days: 1,
          first: iso(H + 10),
          last: iso(5 * H + 10),
          firstSeen: iso(H + 10),
          ports: [8080],
          bytesOut: 300,
          bytesIn: 1500,
        },
        cloudfront(B, 'd222.cloudfront.net', '198.51.100.81'),
      ],
    });
  });

  it('14.2 rareDestinations: another sensor makes an address common; without the shared suffix one domain is two hosts', async () => {
    const all = await rareDestinations(store, opts);
    expect(all.endpoints.map((e) => `${e.host} ${e.domain ?? e.ip}`).sort()).toEqual([
      `${A} d111.cloudfront.net`,
      `${A} rarebad.net`,
      `${B} d222.cloudfront.net`,
    ]);
    expect(all.internalHosts).toBe(3);
    const merged = await rareDestinations(store, { ...opts, sharedSuffixes: [], sensors: ['hq'] });
    expect(merged.endpoints.map((e) => `${e.host} ${e.domain ?? e.ip}`).sort()).toEqual([
      `${A} 203.0.113.50`,
      `${A} rarebad.net`,
    ]);
    // Up to 03:00 only one hour of contact with 203.0.113.50 and the rare name.
    const early = await rareDestinations(store, { ...opts, sensors: ['hq'], to: iso(3 * H) });
    expect(early.endpoints).toEqual([]);
  });
});
