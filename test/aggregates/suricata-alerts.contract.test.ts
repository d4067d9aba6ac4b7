// Contract of the aggregate suricata-alerts reads: IDS alerts grouped per host, endpoint, direction and rule.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { type AlertSignature, alertGroups } from './aggregate-calls.js';
import { at, describeEachBackend, ingest, internal, iso, sortedBy } from './backends.js';

const A = '10.0.0.1';
const B = '10.0.0.2';
const C2 = '203.0.113.80';

const rule = {
  beacon: {
    gid: 1,
    signature_id: 2000001,
    signature: 'ET MALWARE Beacon',
    category: 'A Network Trojan was detected',
    severity: 1,
    metadata: '{"malware_family":["Foo"]}',
  },
  scan: {
    gid: 1,
    signature_id: 2000002,
    signature: 'ET SCAN probe',
    category: 'Attempted Information Leak',
    severity: 2,
  },
  noise: {
    gid: 1,
    signature_id: 2000003,
    signature: 'ET INFO noise',
    category: 'Misc activity',
    severity: 3,
  },
};
const alert = (
  t: number,
  uid: string,
  orig: string,
  origP: number,
  resp: string,
  respP: number,
  r: object,
  extra?: object,
) => ({
  ts: at(t),
  uid,
  orig_h: orig,
  orig_p: origP,
  resp_h: resp,
  resp_p: respP,
  proto: 'TCP',
  ...r,
  ...(extra ? { extra: JSON.stringify(extra) } : {}),
});

async function load(store: Store): Promise<void> {
  await ingest(
    store,
    { sensor: 's', file: '/eve.json' },
    {
      alerts: [
        // A's beacon: three alerts on one flow (its last EVE record has the server's bytes and SNI),
        // one more flow on 443 and one on 8443 whose conn record has the bytes.
        alert(0, 'F1', A, 50000, C2, 443, rule.beacon),
        alert(10, 'F1', A, 50000, C2, 443, rule.beacon),
        alert(20, 'F1', A, 50000, C2, 443, rule.beacon, {
          flow: { bytes_toclient: 5000 },
          tls: { sni: 'bad.example' },
        }),
        alert(30, 'F2', A, 50002, C2, 8443, rule.beacon),
        alert(40, 'F3', A, 50003, C2, 443, rule.beacon),
        // B's beacon to the same server; the EVE record names B as the flow's client.
        alert(200, 'F6', C2, 443, B, 50001, rule.beacon, { flow: { src_ip: B } }),
        // Internal to internal: never grouped.
        alert(210, 'F7', A, 50004, '10.0.0.9', 443, rule.beacon),
        // Inbound probes of A and B's SSH.
        alert(100, 'F4', '198.51.100.90', 40000, A, 22, rule.scan),
        alert(110, 'F4', '198.51.100.90', 40000, A, 22, rule.scan),
        alert(120, 'F5', '198.51.100.91', 40000, B, 22, rule.scan),
        // A rule the ranking skips.
        alert(130, 'F8', A, 50005, '203.0.113.81', 80, rule.noise),
      ],
      conn: [
        {
          ts: at(30),
          uid: 'F2',
          orig_h: A,
          orig_p: 50002,
          resp_h: C2,
          resp_p: 8443,
          proto: 'tcp',
          resp_bytes: 7000,
        },
      ],
    },
  );
}

const rank = (s: AlertSignature) =>
  s.signatureId === 2000003
    ? null
    : s.signatureId === 2000001
      ? { outbound: 0.9, inbound: 0.5 }
      : { outbound: 0.2, inbound: 0.3 };

describeEachBackend('suricata-alerts', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await load(store);
  });

  it('14.2 alertGroups: every rule, and the ranked ones grouped per host, endpoint and flow direction', async () => {
    const r = await alertGroups(store, { internal, rank, perHost: 5 });
    expect({ ...r, groups: sortedBy(r.groups, (g) => `${g.host} ${g.endpoint}`) }).toEqual({
      // Most alerts first.
      signatures: [
        {
          key: 1,
          gid: 1,
          signatureId: 2000001,
          signature: 'ET MALWARE Beacon',
          category: 'A Network Trojan was detected',
          severity: 1,
          metadata: '{"malware_family":["Foo"]}',
          alerts: 7,
        },
        {
          key: 2,
          gid: 1,
          signatureId: 2000002,
          signature: 'ET SCAN probe',
          category: 'Attempted Information Leak',
          severity: 2,
          metadata: null,
          alerts: 3,
        },
        {
          key: 3,
          gid: 1,
          signatureId: 2000003,
          signature: 'ET INFO noise',
          category: 'Misc activity',
          severity: 3,
          metadata: null,
          alerts: 1,
        },
      ],
      groups: [
        // The probe of A: inbound, A is the host.
        {
          host: A,
          endpoint: '198.51.100.90',
          outbound: false,
          signature: 2,
          alerts: 2,
          flows: 1,
          first: iso(100),
          last: iso(110),
          ports: [22],
          serverBytes: null,
          domain: null,
          pairFlows: 1,
          signatureHosts: 2,
          endpointHosts: 1,
          inboundSources: 1,
        },
        {
          host: A,
          endpoint: C2,
          outbound: true,
          signature: 1,
          alerts: 5,
          flows: 3,
          first: iso(0),
          last: iso(40),
          ports: [443, 8443],
          serverBytes: 7000,
          domain: 'bad.example',
          pairFlows: 3,
          signatureHosts: 2,
          endpointHosts: 2,
          inboundSources: 1,
        },
        {
          host: B,
          endpoint: '198.51.100.91',
          outbound: false,
          signature: 2,
          alerts: 1,
          flows: 1,
          first: iso(120),
          last: iso(120),
          ports: [22],
          serverBytes: null,
          domain: null,
          pairFlows: 1,
          signatureHosts: 2,
          endpointHosts: 1,
          inboundSources: 1,
        },
        // Outbound though the alerting packet came from the server.
        {
          host: B,
          endpoint: C2,
          outbound: true,
          signature: 1,
          alerts: 1,
          flows: 1,
          first: iso(200),
          last: iso(200),
          ports: [443],
          serverBytes: null,
          domain: null,
          pairFlows: 1,
          signatureHosts: 2,
          endpointHosts: 2,
          inboundSources: 1,
        },
      ],
      // A, B and 10.0.0.9.
      internalHosts: 3,
    });
  });

  it('14.2 alertGroups: perHost keeps the best ranked endpoints; the window narrows the rules', async () => {
    const best = await alertGroups(store, { internal, rank, perHost: 1 });
    expect(best.groups.map((g) => `${g.host} ${g.endpoint}`).sort()).toEqual([`${A} ${C2}`, `${B} ${C2}`]);
    const none = await alertGroups(store, { internal, rank: () => null, perHost: 5 });
    expect(none.groups).toEqual([]);
    expect(none.signatures).toHaveLength(3);
    const late = await alertGroups(store, { internal, rank, perHost: 5, from: iso(150) });
    expect(late.signatures.map((s) => [s.key, s.signatureId, s.alerts])).toEqual([[1, 2000001, 2]]);
    expect(late.groups.map((g) => `${g.host} ${g.endpoint} ${g.alerts}`)).toEqual([`${B} ${C2} 1`]);
  });
});
