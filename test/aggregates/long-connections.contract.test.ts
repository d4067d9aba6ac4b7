// Contract of the aggregates long-connections reads: connection durations and port sessions.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { connectionDurations, portSessions } from './aggregate-calls.js';
import { at, describeEachBackend, ingest, internal, iso, sortedBy } from './backends.js';

async function load(store: Store): Promise<void> {
  let n = 0;
  const conn = (orig: string, resp: string, port: number, duration: number, extra = {}) => ({
    ts: at(n),
    uid: `S${n++}`,
    orig_h: orig,
    orig_p: 40000,
    resp_h: resp,
    resp_p: port,
    proto: 'tcp',
    duration,
    orig_bytes: 100,
    resp_bytes: 200,
    ...extra,
  });
  await ingest(
    store,
    { sensor: 's', file: '/sessions' },
    {
      conn: [
        // A: 15 minutes to 1234, seen twice as it grew (an open_conn snapshot of the same uid), and one internal peer.
        conn('10.0.0.1', '203.0.113.7', 1234, 15 * 60),
        {
          ts: at(0),
          uid: 'S0',
          orig_h: '10.0.0.1',
          resp_h: '203.0.113.7',
          resp_p: 1234,
          proto: 'tcp',
          duration: 300,
          is_open: true,
        },
        conn('10.0.0.1', '10.0.0.53', 445, 1),
        // B: 20 minutes to 443 while browsing three other sites: an everyday port from a busy host.
        conn('10.0.0.2', '198.51.100.1', 443, 20 * 60),
        ...['198.51.100.2', '198.51.100.3', '198.51.100.4'].map((ip) => conn('10.0.0.2', ip, 443, 1)),
        // C: 20 minutes to 443 and nothing else outside; D: 9 minutes to 4444; E: a UDP flow on 1234.
        conn('10.0.0.3', '198.51.100.9', 443, 20 * 60),
        conn('10.0.0.4', '203.0.113.8', 4444, 9 * 60),
        conn('10.0.0.5', '203.0.113.7', 1234, 30 * 60, { proto: 'udp' }),
      ],
    },
  );
  // F, on another sensor: three 400-second connections, long only together.
  await ingest(
    store,
    { sensor: 'lab', file: '/lab' },
    { conn: [0, 1, 2].map(() => conn('10.0.0.6', '203.0.113.20', 8000, 400)) },
  );
}

describeEachBackend('long-connections', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await load(store);
  });

  it('14.2 portSessions: long TCP sessions on unusual ports, or from hosts that otherwise stay inside', async () => {
    const rows = await portSessions(store, { internal, minLongest: 600, maxOtherExternal: 2 });
    expect(sortedBy(rows, (r) => r.origH)).toEqual([
      // A: the open snapshot folds into its closed record (one session); E's UDP flow counts for
      // the server's prevalence but not for the port's hosts.
      {
        origH: '10.0.0.1',
        respH: '203.0.113.7',
        port: 1234,
        sessions: 1,
        longest: 900,
        total: 900,
        open: 0,
        bytesOut: 100,
        bytesIn: 200,
        first: iso(0),
        last: iso(900),
        portHosts: 1,
        otherExternal: 0,
        internalPeers: 1,
        prevalence: 2,
      },
      // C: 443 is an everyday port, kept because C reaches nothing else outside. B (three other
      // sites) and D (9 minutes) are left out.
      {
        origH: '10.0.0.3',
        respH: '198.51.100.9',
        port: 443,
        sessions: 1,
        longest: 1200,
        total: 1200,
        open: 0,
        bytesOut: 100,
        bytesIn: 200,
        first: iso(6),
        last: iso(1206),
        portHosts: 2,
        otherExternal: 0,
        internalPeers: 0,
        prevalence: 1,
      },
    ]);
    // A window starting after A's session leaves only C's.
    const later = await portSessions(store, { internal, minLongest: 600, maxOtherExternal: 2, from: iso(5) });
    expect(later.map((r) => r.origH)).toEqual(['10.0.0.3']);
  });

  it('14.2 connectionDurations: outbound pairs whose longest or total time reaches the bounds', async () => {
    const rows = await connectionDurations(store, { internal, minLongest: 600, minTotal: 1000 });
    const pair = (r: { origH: string; respH: string }) => `${r.origH} ${r.respH}`;
    expect(sortedBy(rows, pair)).toEqual([
      // Every row of the pair counts here, the open snapshot too (still open: 1).
      {
        origH: '10.0.0.1',
        respH: '203.0.113.7',
        ports: [1234],
        connections: 2,
        longest: 900,
        total: 1200,
        open: 1,
        bytesOut: 100,
        bytesIn: 200,
        first: iso(0),
        last: iso(900),
        prevalence: 2,
      },
      {
        origH: '10.0.0.2',
        respH: '198.51.100.1',
        ports: [443],
        connections: 1,
        longest: 1200,
        total: 1200,
        open: 0,
        bytesOut: 100,
        bytesIn: 200,
        first: iso(2),
        last: iso(1202),
        prevalence: 1,
      },
      {
        origH: '10.0.0.3',
        respH: '198.51.100.9',
        ports: [443],
        connections: 1,
        longest: 1200,
        total: 1200,
        open: 0,
        bytesOut: 100,
        bytesIn: 200,
        first: iso(6),
        last: iso(1206),
        prevalence: 1,
      },
      // Any protocol counts: E's half-hour UDP flow.
      {
        origH: '10.0.0.5',
        respH: '203.0.113.7',
        ports: [1234],
        connections: 1,
        longest: 1800,
        total: 1800,
        open: 0,
        bytesOut: 100,
        bytesIn: 200,
        first: iso(8),
        last: iso(1808),
        prevalence: 2,
      },
      // F: no connection reaches 600 s, the three together reach 1000.
      {
        origH: '10.0.0.6',
        respH: '203.0.113.20',
        ports: [8000],
        connections: 3,
        longest: 400,
        total: 1200,
        open: 0,
        bytesOut: 300,
        bytesIn: 600,
        first: iso(9),
        last: iso(411),
        prevalence: 1,
      },
    ]);
    const hq = await connectionDurations(store, {
      internal,
      minLongest: 600,
      minTotal: 1000,
      sensors: ['s'],
    });
    expect(sortedBy(hq, pair).map(pair)).toEqual(
      rows
        .filter((r) => r.origH !== '10.0.0.6')
        .map(pair)
        .sort(),
    );
  });
});
