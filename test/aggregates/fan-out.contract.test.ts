// Contract of the aggregate fan-out reads: many external addresses on one uncommon port.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { portFanOut } from './aggregate-calls.js';
import { at, describeEachBackend, ingest, internal, iso } from './backends.js';

const A = '10.0.0.1';

async function load(store: Store): Promise<void> {
  let n = 0;
  const flow = (
    t: number,
    orig: string,
    resp: string,
    port: number,
    rb: number,
    rp: number,
    proto = 'tcp',
  ) => ({
    ts: at(t),
    uid: `F${n++}`,
    orig_h: orig,
    orig_p: 40000,
    resp_h: resp,
    resp_p: port,
    proto,
    orig_bytes: 10,
    resp_bytes: rb,
    resp_pkts: rp,
  });
  await ingest(
    store,
    { sensor: 'hq', file: '/hq/conn.log' },
    {
      conn: [
        // A: six addresses in three networks on 5555/tcp, one of them twice; two flows never answered.
        flow(0, A, '192.0.2.1', 5555, 0, 0),
        flow(10, A, '192.0.2.2', 5555, 50, 1),
        flow(20, A, '192.0.2.3', 5555, 0, 2),
        flow(30, A, '198.51.100.1', 5555, 50, 1),
        flow(40, A, '198.51.100.2', 5555, 0, 0),
        flow(50, A, '2001:db8:1:2::5', 5555, 50, 1),
        flow(60, A, '192.0.2.1', 5555, 50, 1),
        // The same spread on an everyday port, or to inside addresses: no fan-out.
        ...[1, 2, 3, 4, 5].map((i) => flow(70 + i, A, `203.0.113.${i}`, 443, 50, 1)),
        ...[1, 2, 3, 4, 5].map((i) => flow(80 + i, A, `10.0.1.${i}`, 5555, 50, 1)),
        // B uses the port too (two addresses: below the bound), and fans out over UDP, another port key.
        flow(100, '10.0.0.2', '203.0.113.1', 5555, 50, 1),
        flow(110, '10.0.0.2', '203.0.113.2', 5555, 50, 1),
        ...[1, 2, 3, 4].map((i) => flow(120 + i, '10.0.0.2', `203.0.113.${i + 10}`, 5555, 0, 0, 'udp')),
      ],
    },
  );
  // C, on another sensor, fans out on 5555/tcp as well.
  await ingest(
    store,
    { sensor: 'lab', file: '/lab/conn.log' },
    { conn: [1, 2, 3, 4].map((i) => flow(200 + i, '10.0.0.3', `203.0.113.${i + 20}`, 5555, 50, 1)) },
  );
}

describeEachBackend('fan-out', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await load(store);
  });

  it('14.2 portFanOut: hosts reaching at least minDestinations outside addresses on one uncommon port and protocol', async () => {
    const rows = await portFanOut(store, { internal, minDestinations: 4, sensors: ['hq'] });
    expect([...rows].sort((a, b) => a.proto.localeCompare(b.proto))).toEqual([
      {
        origH: A,
        port: 5555,
        proto: 'tcp',
        destinations: 6,
        networks: 3,
        topNetworks: [
          { network: '192.0.2.0/24', destinations: 3 },
          { network: '198.51.100.0/24', destinations: 2 },
          { network: '2001:db8:1::/48', destinations: 1 },
        ],
        sampleIps: ['192.0.2.1', '192.0.2.2', '192.0.2.3', '198.51.100.1', '198.51.100.2', '2001:db8:1:2::5'],
        flows: 7,
        answered: 5,
        bytesOut: 70,
        bytesIn: 200,
        first: iso(0),
        last: iso(60),
        // A and B use 5555/tcp outside.
        prevalence: 2,
      },
      // B's four UDP addresses: nobody answered.
      {
        origH: '10.0.0.2',
        port: 5555,
        proto: 'udp',
        destinations: 4,
        networks: 1,
        topNetworks: [{ network: '203.0.113.0/24', destinations: 4 }],
        sampleIps: ['203.0.113.11', '203.0.113.12', '203.0.113.13', '203.0.113.14'],
        flows: 4,
        answered: 0,
        bytesOut: 40,
        bytesIn: 0,
        first: iso(121),
        last: iso(124),
        prevalence: 1,
      },
    ]);
  });

  it('14.2 portFanOut: every sensor adds C and its prevalence; a window narrows the addresses', async () => {
    const all = await portFanOut(store, { internal, minDestinations: 4 });
    expect(
      all.map((r) => `${r.origH} ${r.port}/${r.proto} ${r.destinations} prev ${r.prevalence}`).sort(),
    ).toEqual(['10.0.0.1 5555/tcp 6 prev 3', '10.0.0.2 5555/udp 4 prev 1', '10.0.0.3 5555/tcp 4 prev 3']);
    // From 00:00:25: A reaches 198.51.100.1, .2, the IPv6 address and 192.0.2.1 again.
    const later = await portFanOut(store, {
      internal,
      minDestinations: 4,
      sensors: ['hq'],
      from: iso(25),
      to: iso(100),
    });
    expect(later.map((r) => [r.origH, r.destinations, r.flows, r.first, r.last])).toEqual([
      [A, 4, 4, iso(30), iso(60)],
    ]);
  });
});
