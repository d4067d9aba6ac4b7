// Contract of the aggregates beaconing reads: connection series, active hours, originators, proxies.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import {
  activeHours,
  type ConnectionSeries,
  connectionSeries,
  internalOriginators,
  internalProxies,
} from './aggregate-calls.js';
import { at, describeEachBackend, epoch, ingest, internal, iso, sortedBy } from './backends.js';

const A = '10.0.0.1';
const B = '10.0.0.2';
const C = '10.0.0.3';
const D = '10.0.0.4';
const PROXY = '10.0.0.99';

let n = 0;
const conn = (t: number, orig: string, resp: string, port: number, extra: Record<string, unknown> = {}) => ({
  ts: at(t),
  uid: `C${n++}`,
  orig_h: orig,
  orig_p: 40000 + n,
  resp_h: resp,
  resp_p: port,
  proto: 'tcp',
  duration: 1,
  orig_bytes: 100,
  resp_bytes: 1000,
  conn_state: 'SF',
  ...extra,
});

async function load(store: Store): Promise<void> {
  const c2 = [0, 60, 120, 180].map((t, i) =>
    conn(t, A, '203.0.113.10', 443, { uid: `A${i}`, orig_bytes: 100 + i }),
  );
  await ingest(
    store,
    { sensor: 'hq', file: '/hq/conn.log' },
    {
      conn: [
        // A → 203.0.113.10:443 four times: an address series (its SNI names it c2.example).
        ...c2,
        // An open_conn snapshot of the same server: never an event.
        conn(200, A, '203.0.113.10', 443, { uid: 'A0', is_open: true }),
        // A → cdn.example on two addresses (2 + 1 connections): a name series only, keyed by its DNS name.
        conn(1000, A, '198.51.100.1', 443),
        conn(2000, A, '198.51.100.1', 443),
        conn(3000, A, '198.51.100.2', 443),
        // A → three addresses on 4444/tcp, a port no other host uses: a port series.
        conn(1100, A, '192.0.2.1', 4444),
        conn(1200, A, '192.0.2.2', 4444),
        conn(1300, A, '192.0.2.3', 4444),
        // Name and time service over UDP, internal peers and inbound connections: never series.
        ...[10, 20, 30].map((t) => conn(t, A, '203.0.113.53', 53, { proto: 'udp' })),
        ...[10, 20, 30].map((t) => conn(t, A, '203.0.113.123', 123, { proto: 'udp' })),
        ...[10, 20, 30].map((t) => conn(t, A, '10.0.0.50', 445)),
        ...[10, 20, 30].map((t) => conn(t, '203.0.113.99', A, 22)),
        // A single connection at 02:01: another active hour.
        conn(7300, A, '203.0.113.77', 443),
      ],
      ssl: c2.map((c) => ({
        ts: c.ts,
        uid: c.uid,
        orig_h: A,
        orig_p: c.orig_p,
        resp_h: '203.0.113.10',
        resp_p: 443,
        server_name: 'C2.Example.',
      })),
      dns: [
        {
          ts: at(900),
          uid: 'D0',
          orig_h: A,
          orig_p: 5353,
          resp_h: '10.0.0.53',
          resp_p: 53,
          query: 'cdn.example',
          answers: ['198.51.100.1', '198.51.100.2'],
        },
        // D only asks DNS, at 05:00: an originator, but no active hour (DNS does not count).
        {
          ts: at(5 * 3600),
          uid: 'D1',
          orig_h: D,
          orig_p: 5353,
          resp_h: '10.0.0.53',
          resp_p: 53,
          query: 'x.example',
        },
      ],
      http: [
        // B reaches evil.example three times only through the proxy: a name series with the proxy, no address.
        ...[500, 1500, 2500].map((t, i) => ({
          ts: at(t),
          uid: `B${i}`,
          orig_h: B,
          orig_p: 50000 + i,
          resp_h: PROXY,
          resp_p: 3128,
          method: 'CONNECT',
          host: 'evil.example:443',
          uri: 'evil.example:443',
          request_body_len: 10 + i,
          response_body_len: 20,
        })),
        // A direct absolute-URI request to an outside server, and a plain one to an inside server: no proxy.
        {
          ts: at(40),
          uid: 'H0',
          orig_h: A,
          resp_h: '203.0.113.80',
          resp_p: 80,
          method: 'GET',
          host: 'x.example',
          uri: 'http://x.example/',
        },
        {
          ts: at(41),
          uid: 'H1',
          orig_h: A,
          resp_h: '10.0.0.80',
          resp_p: 80,
          method: 'GET',
          host: 'intra',
          uri: '/',
        },
      ],
    },
  );
  await ingest(
    store,
    { sensor: 'lab', file: '/lab/conn.log' },
    {
      // Another network's host reaches the same server at 01:00: in scope only when every sensor is.
      conn: [3600, 3660, 3720].map((t) => conn(t, C, '203.0.113.10', 443)),
      http: [
        {
          ts: at(3700),
          uid: 'L0',
          orig_h: C,
          resp_h: '10.0.0.98',
          resp_p: 8080,
          method: 'GET',
          host: 'y.example',
          uri: 'https://y.example/',
        },
      ],
    },
  );
}

/** Series sorted by kind, host and key (their order is not part of the contract). */
const bySeries = (rows: readonly ConnectionSeries[]) =>
  sortedBy(rows, (s) => `${s.keyedBy} ${s.origH} ${s.port ?? s.names[0] ?? s.ips[0]}`);

/** A's series to 203.0.113.10, with the prevalence the scope gives it. */
const c2Series = (prevalence: number): ConnectionSeries => ({
  origH: A,
  keyedBy: 'ip',
  port: null,
  ips: ['203.0.113.10'],
  names: ['c2.example'],
  proxies: [],
  ports: [443],
  connections: 4,
  times: [0, 60, 120, 180].map(epoch),
  origBytes: [100, 101, 102, 103],
  bytesOut: 406,
  bytesIn: 4000,
  first: iso(0),
  last: iso(180),
  prevalence,
});

describeEachBackend('beaconing', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await load(store);
  });

  it('14.2 connectionSeries: address, name, port and proxied series of one scope, at least minConnections each', async () => {
    const rows = await connectionSeries(store, { internal, minConnections: 3, sensors: ['hq'] });
    expect(bySeries(rows)).toEqual([
      c2Series(1),
      // Keyed by the name its DNS answer gave both addresses: the most used address first.
      {
        origH: A,
        keyedBy: 'name',
        port: null,
        ips: ['198.51.100.1', '198.51.100.2'],
        names: ['cdn.example'],
        proxies: [],
        ports: [443],
        connections: 3,
        times: [1000, 2000, 3000].map(epoch),
        origBytes: [100, 100, 100],
        bytesOut: 300,
        bytesIn: 3000,
        first: iso(1000),
        last: iso(3000),
        prevalence: 1,
      },
      // Through the proxy: no outside address, the proxy listed, bytes from the HTTP bodies.
      {
        origH: B,
        keyedBy: 'name',
        port: null,
        ips: [],
        names: ['evil.example'],
        proxies: [PROXY],
        ports: [3128],
        connections: 3,
        times: [500, 1500, 2500].map(epoch),
        origBytes: [10, 11, 12],
        bytesOut: 33,
        bytesIn: 60,
        first: iso(500),
        last: iso(2500),
        prevalence: 1,
      },
      {
        origH: A,
        keyedBy: 'port',
        port: '4444/tcp',
        ips: ['192.0.2.1', '192.0.2.2', '192.0.2.3'],
        names: [],
        proxies: [],
        ports: [4444],
        connections: 3,
        times: [1100, 1200, 1300].map(epoch),
        origBytes: [100, 100, 100],
        bytesOut: 300,
        bytesIn: 3000,
        first: iso(1100),
        last: iso(1300),
        prevalence: 1,
      },
    ]);
  });

  it('14.2 connectionSeries: every sensor raises the prevalence, maxPrevalence drops the shared server, pages split', async () => {
    const all = await connectionSeries(store, { internal, minConnections: 3, pageSize: 1 });
    const shared = bySeries(all).filter((s) => s.keyedBy === 'ip');
    expect(shared).toEqual([
      c2Series(2),
      {
        ...c2Series(2),
        origH: C,
        names: [],
        times: [3600, 3660, 3720].map(epoch),
        origBytes: [100, 100, 100],
        connections: 3,
        bytesOut: 300,
        bytesIn: 3000,
        first: iso(3600),
        last: iso(3720),
      },
    ]);
    expect(all).toHaveLength(5);
    const rare = await connectionSeries(store, { internal, minConnections: 3, maxPrevalence: 1 });
    expect(bySeries(rare).map((s) => `${s.keyedBy} ${s.origH}`)).toEqual([
      'name 10.0.0.1',
      'name 10.0.0.2',
      'port 10.0.0.1',
    ]);
    expect(await connectionSeries(store, { internal, minConnections: 5 })).toEqual([]);
  });

  it('14.2 activeHours: clock hours with conn, TLS or HTTP rows, per scope and window', async () => {
    // hq: 00:00 and 02:00 (D's DNS at 05:00 does not count); lab adds 01:00.
    expect(await activeHours(store, { sensors: ['hq'] })).toBe(2);
    expect(await activeHours(store, {})).toBe(3);
    expect(await activeHours(store, { from: iso(3600) })).toBe(2);
    expect(await activeHours(store, { from: iso(3600), to: iso(7000) })).toBe(1);
  });

  it('14.2 internalOriginators: internal hosts originating conn, TLS, HTTP or DNS, per scope and window', async () => {
    // hq: A (conn), B (HTTP only), D (DNS only); the outside 203.0.113.99 is no internal host.
    expect(await internalOriginators(store, { internal, sensors: ['hq'] })).toBe(3);
    expect(await internalOriginators(store, { internal })).toBe(4);
    // From 01:00: A (02:01), C (lab) and D (05:00).
    expect(await internalOriginators(store, { internal, from: iso(3600) })).toBe(3);
  });

  it('14.2 internalProxies: inside servers of CONNECT or absolute-URI requests, per scope', async () => {
    expect(await internalProxies(store, { internal, sensors: ['hq'] })).toEqual([PROXY]);
    expect(await internalProxies(store, { internal })).toEqual(['10.0.0.98', PROXY]);
    expect(await internalProxies(store, { internal, to: iso(400) })).toEqual([]);
  });
});
