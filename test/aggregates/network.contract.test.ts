// Contract of the aggregates that say what the telemetry watches: sensors, traffic mix, network evidence.
import { beforeAll, expect, it } from 'vitest';
import { ipRange } from '../../src/net/ip-range.js';
import type { Store } from '../../src/store/store.js';
import { networkEvidence, sensors, sensorsOf, trafficMix } from './aggregate-calls.js';
import { at, describeEachBackend, ingest, iso } from './backends.js';

/** 10.0.0.0/8 */
const tenSlash8 = [ipRange('10.0.0.0/8')];

async function load(store: Store): Promise<void> {
  const c = (i: number, orig: string, resp: string, extra = {}) => ({
    ts: at(i),
    uid: `C${i}`,
    orig_h: orig,
    orig_p: 5000,
    resp_h: resp,
    resp_p: 445,
    ...extra,
  });
  await ingest(
    store,
    { sensor: 's', file: '/mix/conn.log' },
    {
      conn: [
        // Six connections between two inside blocks, one out, one in, one outside to outside.
        ...[0, 1, 2, 3, 4, 5].map((i) => c(i, '10.1.0.5', `10.2.0.${i + 1}`)),
        c(10, '10.1.0.6', '198.51.100.7'),
        c(11, '203.0.113.9', '10.1.0.5'),
        c(14, '198.51.100.1', '203.0.113.1'),
        // Multicast and link-local traffic never leaves the link: in neither count.
        c(12, '10.1.0.5', '224.0.0.251'),
        c(13, 'fe80::1', 'fe80::2'),
        // An open_conn snapshot is no connection of its own.
        c(15, '10.1.0.5', '198.51.100.7', { is_open: true }),
      ],
      dns: [{ ts: at(20), uid: 'D1', orig_h: '10.1.0.6', orig_p: 5353, resp_h: '10.1.0.1', resp_p: 53 }],
      // DHCP leases live in events; 0.0.0.0 (a client without an address yet) is nobody.
      events: [
        {
          log_type: 'dhcp',
          ts: at(21),
          uid: 'H1',
          extra: JSON.stringify({ assigned_addr: '10.1.0.5', client_addr: '0.0.0.0' }),
        },
      ],
    },
  );
  // Another sensor's connection, two hours later.
  await ingest(
    store,
    { sensor: 'lab-b', file: '/lab/conn.log' },
    {
      conn: [c(7200, '10.1.0.7', '198.51.100.8')],
      weird: [{ ts: at(7200), uid: 'W1', name: 'bad_TCP_checksum' }],
    },
  );
  // One file can carry several sensors (a shipper's wrapper names each record's host).
  await ingest(
    store,
    { sensor: 'edge', file: '/lab/conn.log' },
    { weird: [{ ts: at(7201), uid: 'W2', name: 'x' }] },
  );
}

describeEachBackend('network', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await load(store);
  });

  it('14.2 sensors and sensorsOf: the sensors of every table, sorted, and those a file was stored under', async () => {
    expect(await sensors(store)).toEqual(['edge', 'lab-b', 's']);
    expect(await sensorsOf(store, { files: ['/lab/conn.log', '/lab/conn.log', '/logs/none.log'] })).toEqual([
      'edge',
      'lab-b',
    ]);
    expect(await sensorsOf(store, { files: ['/mix/conn.log'] })).toEqual(['s']);
    expect(await sensorsOf(store, { files: [] })).toEqual([]);
  });

  it('14.2 trafficMix: connections by side of the monitored networks, the busiest inside block pairs', async () => {
    expect(await trafficMix(store, { internal: tenSlash8, sensors: ['s'] })).toEqual({
      connections: 9,
      internalToInternal: 6,
      internalToExternal: 1,
      externalToInternal: 1,
      externalToExternal: 1,
      internalPairs: [{ from: '10.1.0.0/24', to: '10.2.0.0/24', connections: 6 }],
    });
    // Every sensor: lab-b's connection is one more outbound.
    expect((await trafficMix(store, { internal: tenSlash8 })).internalToExternal).toBe(2);
    // Narrower networks (10.1.0.0/16): the inside pairs become outbound.
    expect(await trafficMix(store, { internal: [ipRange('10.1.0.0/16')], to: iso(100) })).toEqual({
      connections: 9,
      internalToInternal: 0,
      internalToExternal: 7,
      externalToInternal: 1,
      externalToExternal: 1,
      internalPairs: [],
    });
  });

  it('14.2 networkEvidence: blocks with DHCP or DNS clients or originators, best evidence first', async () => {
    expect(await networkEvidence(store, { to: iso(100) })).toEqual([
      // 10.1.0.5 got a lease and opened 8 connections (its open_conn snapshot counts here, unlike in
      // the mix); 10.1.0.6 asked DNS and opened 1.
      {
        network: '10.1.0.0/24',
        dhcpClients: 1,
        dnsClients: 1,
        initiators: 2,
        respondersOnly: 0,
        connectionsInitiated: 9,
      },
      {
        network: '198.51.100.0/24',
        dhcpClients: 0,
        dnsClients: 0,
        initiators: 1,
        respondersOnly: 1,
        connectionsInitiated: 1,
      },
      {
        network: '203.0.113.0/24',
        dhcpClients: 0,
        dnsClients: 0,
        initiators: 1,
        respondersOnly: 1,
        connectionsInitiated: 1,
      },
    ]);
    // 10.2.0.0/24 only answered: no block of clients. The window and the limit narrow the list.
    expect(await networkEvidence(store, { from: iso(3600) })).toEqual([
      {
        network: '10.1.0.0/24',
        dhcpClients: 0,
        dnsClients: 0,
        initiators: 1,
        respondersOnly: 0,
        connectionsInitiated: 1,
      },
    ]);
    expect((await networkEvidence(store, { limit: 1 })).map((e) => e.network)).toEqual(['10.1.0.0/24']);
  });
});
