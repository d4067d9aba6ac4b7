// A simulated APT (labels.json holds the truth): its incident has exactly the infected hosts and
// the C2 servers, though two of the hosts share no server with the third (lateral movement links them).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalNetworks } from '../../src/detect/internal-networks.js';
import { runDetectors } from '../../src/detect/run-detectors.js';
import type { Incident } from '../../src/domain/incident.js';
import { buildIncidents } from '../../src/incidents/build-incidents.js';
import { incidentFacts } from '../../src/incidents/incident-facts-query.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import type { SimTruth } from '../../src/sim/labels.js';
import { simulate } from '../../src/sim/simulate.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';

describe('incidents from a simulated APT (150 hosts, 1 day)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-incidents-sim-'));
  let truth: SimTruth;
  let incidents: Incident[];
  let store: DuckDBStore;
  beforeAll(async () => {
    truth = await simulate({ out: path.join(dir, 'sim'), scenario: 'apt', seed: 1, hosts: 150, days: 1 });
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    await ingestPaths([path.join(dir, 'sim')], { store, sensor: 'sim', tmpDir: path.join(dir, 'tmp') });
    const internal = truth.network.internal;
    const run = await runDetectors({ store, internal });
    incidents = await buildIncidents(store, run.findings, { internal });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ranks the intrusion first, with exactly the labelled hosts, C2 servers and delivery server', () => {
    const [top] = incidents;
    expect(top?.hosts.map((h) => h.ip).sort()).toEqual([...truth.infectedHosts].sort());
    const labelled = truth.intrusions[0]?.c2 ?? [];
    const owners = (top?.servers ?? []).map((s) =>
      labelled.findIndex((l) => [...s.ips, ...s.domains].every((v) => [...l.ips, ...l.domains].includes(v))),
    );
    expect(owners.every((o) => o >= 0)).toBe(true);
    expect(new Set(owners).size).toBe(labelled.length);
    const c2 = (top?.servers ?? []).filter((_, i) => labelled[owners[i] ?? -1]?.role === 'c2');
    expect(c2.flatMap((s) => [...s.ips, ...s.domains]).sort()).toEqual([...truth.c2Servers].sort());
    expect(labelled.map((l) => l.role).sort()).toEqual(['c2', 'c2', 'delivery']);
    // Each server's role is the label's.
    expect(top?.servers.map((s) => s.role)).toEqual(owners.map((o) => labelled[o]?.role));
  });

  it('dates each host from its first C2 contact and shows the lateral movement', () => {
    const [top] = incidents;
    for (const h of truth.intrusions[0]?.infectedHosts ?? []) {
      const got = top?.hosts.find((x) => x.ip === h.ip);
      const lag = (Date.parse(got?.firstCompromise ?? '') - Date.parse(h.firstCompromise)) / 1000;
      expect(lag).toBeGreaterThanOrEqual(-1);
      expect(lag).toBeLessThan(15 * 60);
    }
    const moves = top?.timeline.filter((e) => e.detector === 'lateral-movement') ?? [];
    expect(moves.length).toBeGreaterThanOrEqual(1);
    expect(top?.summary).toMatch(
      /^3 internal hosts exchanged .+ with 2 external servers on 2016-06-01, and downloaded payloads from 1 more server\.$/,
    );
  });

  it('reads the facts correlation needs from the store', async () => {
    const intrusion = truth.intrusions[0];
    const c2 = intrusion?.c2.find((c) => c.role === 'c2' && c.domains.length > 0);
    const [first, second] = intrusion?.infectedHosts ?? [];
    const facts = await incidentFacts(store.analytics, {
      internal: new InternalNetworks(truth.network.internal).ranges,
      hosts: truth.infectedHosts,
      ips: c2?.ips ?? [],
      domains: c2?.domains.slice(0, 1) ?? [],
      admin: {
        targets: second ? [{ ip: second.ip, before: second.firstCompromise }] : [],
        ports: [135, 445],
        lookbackSeconds: 3600,
        minBytes: 1000,
      },
    });
    expect(facts.internalHosts).toBeGreaterThan(100);
    expect(facts.resolutions).toEqual(
      expect.arrayContaining((c2?.ips ?? []).map((ip) => ({ name: c2?.domains[0], ip }))),
    );
    expect(facts.addresses.map((a) => a.protocols)).toContainEqual(['tls']);
    expect(facts.names[0]?.addresses).toBe(c2?.ips.length);
    expect(facts.pairs.length).toBeGreaterThan(0);
    expect(facts.pairs.every((p) => truth.infectedHosts.includes(p.host))).toBe(true);
    expect(facts.adminContacts).toEqual([
      expect.objectContaining({ from: first?.ip, to: second?.ip, ports: [135, 445], sources: 1 }),
    ]);
  });
});
