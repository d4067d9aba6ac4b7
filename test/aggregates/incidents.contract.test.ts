// Contract of the aggregate incident correlation reads: facts about the findings' hosts and endpoints.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { incidentFacts } from './aggregate-calls.js';
import { at, describeEachBackend, ingest, internal, iso, sortedBy } from './backends.js';

const A = '10.0.0.1';
const B = '10.0.0.2';
const C = '10.0.0.3';
const EVIL = '203.0.113.90';
const WEB = '198.51.100.95';

let n = 0;
const conn = (t: number, orig: string, resp: string, port: number, extra: Record<string, unknown> = {}) => ({
  ts: at(t),
  uid: `C${n++}`,
  orig_h: orig,
  orig_p: 40000,
  resp_h: resp,
  resp_p: port,
  proto: 'tcp',
  orig_bytes: 1000,
  resp_bytes: 2000,
  ...extra,
});
const lookup = (t: number, orig: string, query: string, answers: string[]) => ({
  ts: at(t),
  uid: `D${n++}`,
  orig_h: orig,
  resp_h: '10.0.0.53',
  resp_p: 53,
  query,
  answers,
});

async function load(store: Store): Promise<void> {
  await ingest(
    store,
    { sensor: 's', file: '/inc' },
    {
      conn: [
        // A ↔ EVIL: two closed connections (Zeek's byte count of the second capped by the IP-level one), one open snapshot.
        conn(0, A, EVIL, 443, { service: 'ssl,http' }),
        conn(100, A, EVIL, 443, { service: 'ssl,http', orig_bytes: 10_000_000, orig_ip_bytes: 5000 }),
        conn(150, A, EVIL, 443, { is_open: true }),
        // C reaches EVIL too, with no service: only the transport is known.
        conn(200, C, EVIL, 8080, { service: '' }),
        // Lateral: A and C to B on administration ports, before and within the look-back.
        conn(300, A, B, 445, { orig_bytes: 200 }),
        conn(500, A, B, 445, { orig_bytes: 200 }),
        conn(600, A, B, 445, { orig_bytes: 50 }),
        conn(900, A, B, 3389, { orig_bytes: 300 }),
        conn(910, A, B, 22, { orig_bytes: 300 }),
        conn(700, C, B, 445, { orig_bytes: 500 }),
      ],
      ssl: [
        {
          ts: at(0),
          uid: 'S0',
          orig_h: A,
          resp_h: EVIL,
          resp_p: 443,
          server_name: 'Evil.Example',
          cert_chain_fps: ['fp1'],
          ja3s: 'js1',
        },
        // Another outside server presents the same certificate and JA3S.
        {
          ts: at(50),
          uid: 'S1',
          orig_h: C,
          resp_h: '203.0.113.91',
          resp_p: 443,
          cert_chain_fps: ['fp1'],
          ja3s: 'js1',
        },
      ],
      http: [
        {
          ts: at(300),
          uid: 'H0',
          orig_h: A,
          resp_h: WEB,
          resp_p: 80,
          method: 'GET',
          host: 'evil.example',
          request_body_len: 50,
          response_body_len: 500,
        },
      ],
      dns: [
        lookup(0, A, 'evil.example', [EVIL, WEB]),
        lookup(10, C, 'EVIL.example', [EVIL]),
        lookup(20, B, 'other.example', [EVIL, 'cname.example']),
      ],
    },
  );
}

const ask = {
  internal,
  hosts: [A, B],
  ips: [EVIL, WEB],
  domains: ['Evil.Example', 'nothing.example'],
  admin: { targets: [{ ip: B, before: iso(1000) }], ports: [445, 3389], lookbackSeconds: 600, minBytes: 100 },
};

describeEachBackend('incidents', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await load(store);
  });

  it('14.2 incidentFacts: address, name, resolution, pair and lateral facts about the candidates', async () => {
    const r = await incidentFacts(store, ask);
    expect({
      ...r,
      addresses: sortedBy(r.addresses, (a) => a.ip),
      names: sortedBy(r.names, (x) => x.name),
      pairs: sortedBy(r.pairs, (p) => `${p.host} ${p.ip}`),
    }).toEqual({
      // A and C reach outside servers; B only asks DNS and is reached.
      internalHosts: 2,
      addresses: [
        { ip: WEB, hosts: 1, names: 1, protocols: ['http'], ports: [80], certificates: [], ja3s: [] },
        {
          ip: EVIL,
          hosts: 2,
          names: 2,
          protocols: ['http', 'tcp', 'tls'],
          ports: [443, 8080],
          certificates: [{ fingerprint: 'fp1', servers: 2 }],
          ja3s: [{ value: 'js1', servers: 2 }],
        },
      ],
      names: [
        { name: 'evil.example', hosts: 2, addresses: 2 },
        { name: 'nothing.example', hosts: 0, addresses: 0 },
      ],
      resolutions: [
        { name: 'evil.example', ip: WEB },
        { name: 'evil.example', ip: EVIL },
        { name: 'other.example', ip: EVIL },
      ],
      pairs: [
        // Counted from conn when conn has the pair (the TLS record adds its protocol and time only).
        {
          host: A,
          ip: WEB,
          connections: 1,
          bytesOut: 50,
          bytesIn: 500,
          first: iso(300),
          last: iso(300),
          ports: [80],
          protocols: ['http'],
        },
        {
          host: A,
          ip: EVIL,
          connections: 2,
          bytesOut: 6000,
          bytesIn: 4000,
          first: iso(0),
          last: iso(100),
          ports: [443],
          protocols: ['http', 'tls'],
        },
      ],
      // In the ten minutes before 00:16:40, at least 100 bytes each, on the listed ports; C counts as a source.
      adminContacts: [
        { from: A, to: B, ports: [445, 3389], ts: iso(900), connections: 2, bytesOut: 500, sources: 2 },
      ],
    });
  });

  it('14.2 incidentFacts: no admin targets, no contacts; the window narrows every fact', async () => {
    const r = await incidentFacts(store, { ...ask, admin: undefined, from: iso(250) });
    expect({
      ...r,
      addresses: sortedBy(r.addresses, (a) => a.ip),
      names: sortedBy(r.names, (x) => x.name),
    }).toEqual({
      internalHosts: 1,
      addresses: [
        { ip: WEB, hosts: 1, names: 0, protocols: ['http'], ports: [80], certificates: [], ja3s: [] },
        { ip: EVIL, hosts: 0, names: 0, protocols: [], ports: [], certificates: [], ja3s: [] },
      ],
      names: [
        { name: 'evil.example', hosts: 1, addresses: 0 },
        { name: 'nothing.example', hosts: 0, addresses: 0 },
      ],
      resolutions: [],
      pairs: [
        {
          host: A,
          ip: WEB,
          connections: 1,
          bytesOut: 50,
          bytesIn: 500,
          first: iso(300),
          last: iso(300),
          ports: [80],
          protocols: ['http'],
        },
      ],
      adminContacts: [],
    });
  });
});
