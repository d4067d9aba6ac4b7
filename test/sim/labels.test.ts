// labels.json says what the logs show: infected hosts reach their C2 (directly or through the proxy),
// C2 names resolve to the labelled addresses, and nothing else in the office touches them.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntrusionTruth, SimTruth } from '../../src/sim/labels.js';
import { simulate } from '../../src/sim/simulate.js';
import { readLog, tempDir } from './sim-helpers.js';

const dir = tempDir('labels');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = Record<string, string>;

function intrusion(t: SimTruth, kind: IntrusionTruth['kind']): IntrusionTruth {
  const i = t.intrusions.find((x) => x.kind === kind);
  if (!i) throw new Error(`no ${kind}`);
  return i;
}

describe.each([
  { name: 'TLS C2, some hosts proxied', c2Proto: 'tls' as const, proxyShare: 0.3, seed: 11 },
  { name: 'HTTP C2, every host behind the proxy', c2Proto: 'http' as const, proxyShare: 1, seed: 12 },
])('labels of a composed run ($name)', ({ c2Proto, proxyShare, seed }) => {
  let truth: SimTruth;
  let conn: Row[];
  let dns: Row[];
  let http: Row[];
  let files: Row[];
  const out = path.join(dir, c2Proto);
  const proxy = '10.0.0.30';

  beforeAll(async () => {
    truth = await simulate({
      out,
      scenario: 'office+apt+commodity+dns-tunnel+dga',
      hosts: 30,
      days: 1,
      seed,
      c2Proto,
      proxyShare,
      exfilMb: 40,
    });
    conn = readLog(out, 'conn');
    dns = readLog(out, 'dns');
    http = readLog(out, 'http');
    files = readLog(out, 'files');
  });

  it('row counts in labels.json match the files', () => {
    expect(truth.logs.rows.conn).toBe(conn.length);
    expect(truth.logs.rows.dns).toBe(dns.length);
    expect(truth.logs.rows.http).toBe(http.length);
    expect(truth.logs.rows.files).toBe(files.length);
  });

  it('apt: every infected host reaches its C2 domains, which resolve to the labelled addresses', () => {
    const apt = intrusion(truth, 'apt');
    expect(apt.actor).toBe('APT10');
    expect(apt.techniques).toContain('T1071.001');
    expect(apt.techniques.includes('T1573.002')).toBe(c2Proto === 'tls');
    expect(apt.infectedHosts).toHaveLength(3);
    const c2 = apt.c2.filter((c) => c.role === 'c2');
    const c2Ips = new Set(c2.flatMap((c) => c.ips));
    const c2Names = new Set(c2.flatMap((c) => c.domains));
    for (const h of apt.infectedHosts) {
      const client = h.viaProxy ? proxy : h.ip;
      const toC2 = conn.filter((r) => r['id.orig_h'] === client && c2Ips.has(r['id.resp_h'] as string));
      expect(toC2.length, h.ip).toBeGreaterThan(10);
      // Through the proxy, the host's own records are its requests to the proxy.
      const own = h.viaProxy
        ? http.filter((r) => r['id.orig_h'] === h.ip && c2Names.has(r.host as string))
        : toC2;
      expect(own.length, h.ip).toBeGreaterThan(10);
      if (h.viaProxy && c2Proto === 'tls') expect(own.every((r) => r.method === 'CONNECT')).toBe(true);
      const first = Math.min(...own.map((r) => Number(r.ts)));
      expect(Date.parse(h.firstCompromise) / 1000).toBeLessThanOrEqual(first);
    }
    for (const c of c2) {
      const name = c.domains[0] as string;
      const answers = dns.filter((r) => r.query === name && r.answers !== '-');
      expect(answers.length, name).toBeGreaterThan(0);
      for (const a of answers) {
        const ips = (a.answers as string).split(',');
        expect(
          ips.every((ip) => c.ips.includes(ip)),
          name,
        ).toBe(true);
        // The answer is the one in force at that time.
        const t = Number(a.ts);
        const step = [...(c.resolutions ?? [])].reverse().find((s) => Date.parse(s.from) / 1000 <= t);
        expect(ips).toEqual(step?.ips);
      }
    }
  });

  it('apt: the exfiltrated bytes are in the uploads to the C2', () => {
    const apt = intrusion(truth, 'apt');
    expect(apt.exfilBytes).toBe(40e6);
    const c2Ips = new Set(apt.c2.flatMap((c) => c.ips));
    const uploads = conn.filter((r) => c2Ips.has(r['id.resp_h'] as string) && Number(r.orig_bytes) >= 4.9e6);
    const sent = uploads.reduce((s, r) => s + Number(r.orig_bytes), 0);
    expect(sent).toBeGreaterThanOrEqual(apt.exfilBytes);
    expect(sent).toBeLessThan(apt.exfilBytes * 1.01);
    expect(apt.details['exfilHost']).toBe(apt.infectedHosts[0]?.ip);
  });

  it('no other office host ever talks to an intrusion address', () => {
    const allowed = new Set([...truth.infectedHosts, proxy]);
    const bad = new Set(truth.maliciousEndpoints);
    const strays = conn.filter(
      (r) => bad.has(r['id.resp_h'] as string) && !allowed.has(r['id.orig_h'] as string),
    );
    expect(strays).toEqual([]);
    const askers = new Set(dns.filter((r) => bad.has(r.query as string)).map((r) => r['id.orig_h']));
    const resolvers = new Set(
      truth.network.servers.filter((s) => s.role === 'dns-resolver').map((s) => s.ip),
    );
    for (const a of askers) expect(allowed.has(a as string) || resolvers.has(a as string), a).toBe(true);
  });

  it('commodity: a downloaded executable, then a short fixed retry interval to a raw IP on an odd port', () => {
    const rat = intrusion(truth, 'commodity');
    const [c2, delivery] = rat.c2;
    const host = rat.infectedHosts[0]?.ip as string;
    const calls = conn.filter((r) => r['id.orig_h'] === host && r['id.resp_h'] === c2?.ip);
    expect(calls.length).toBeGreaterThan(100);
    expect(new Set(calls.map((r) => Number(r['id.resp_p'])))).toEqual(new Set(c2?.ports));
    expect(calls.some((r) => r.conn_state === 'S0')).toBe(true);
    const exe = files.filter((r) => r.mime_type === 'application/x-dosexec');
    expect(exe.length).toBeGreaterThan(0);
    expect(exe.every((r) => r.sha256 !== '-')).toBe(true);
    expect(delivery?.role).toBe('delivery');
  });

  it('dns-tunnel: iodine NULL queries under one zone, forwarded upstream, in one long conn per session', () => {
    const tunnel = intrusion(truth, 'dns-tunnel');
    const zone = tunnel.c2[0]?.domains[0] as string;
    const host = tunnel.infectedHosts[0]?.ip as string;
    const queries = dns.filter((r) => r['id.orig_h'] === host && (r.query as string).endsWith(`.${zone}`));
    expect(queries.length).toBeGreaterThan(100);
    expect(new Set(queries.map((r) => r.qtype_name))).toEqual(new Set(['NULL']));
    const forwarded = dns.filter((r) => r['id.orig_h'] !== host && (r.query as string).endsWith(`.${zone}`));
    expect(forwarded.length).toBe(queries.length);
    const sockets = new Set(queries.map((r) => r.uid));
    const sessions = conn.filter((r) => sockets.has(r.uid as string));
    expect(sessions.length).toBe(sockets.size);
    expect(sessions.every((r) => Number(r.orig_bytes) > 1000)).toBe(true);
    expect(tunnel.exfilBytes).toBeGreaterThan(0);
  });

  it('dga: NXDOMAIN bursts for the generated names, then HTTP to the one that resolved', () => {
    const dga = intrusion(truth, 'dga');
    const host = dga.infectedHosts[0]?.ip as string;
    const c2 = dga.c2[0];
    const nx = dns.filter((r) => r['id.orig_h'] === host && r.rcode_name === 'NXDOMAIN');
    expect(nx.length).toBeGreaterThanOrEqual(20);
    expect(new Set(nx.map((r) => r.query))).toEqual(new Set(dga.generatedDomains));
    for (const d of c2?.domains ?? []) {
      expect(dns.some((r) => r.query === d && r.answers === c2?.ip)).toBe(true);
      expect(http.some((r) => r.host === d && r.uri?.startsWith('/login.php'))).toBe(true);
    }
    expect(truth.maliciousEndpoints).toEqual(expect.arrayContaining([...(dga.generatedDomains ?? [])]));
  });

  it('lists the unions and the relays', () => {
    expect(truth.infectedHosts).toEqual(
      [...new Set(truth.intrusions.flatMap((i) => i.infectedHosts.map((h) => h.ip)))].sort(),
    );
    for (const i of truth.intrusions)
      for (const c of i.c2.filter((x) => x.role === 'c2'))
        for (const v of [...c.ips, ...c.domains]) expect(truth.c2Servers).toContain(v);
    const apt = intrusion(truth, 'apt');
    const proxied = apt.infectedHosts.some((h) => h.viaProxy);
    expect(apt.relays.some((r) => r.role === 'proxy')).toBe(proxied);
    expect(apt.relays.some((r) => r.role === 'dns-resolver')).toBe(true);
  });
});
