// Incidents from the labelled real captures of SOURCES.md §6: each intrusion is one incident with
// its known hosts and C2, with the internal networks set as the detection benchmark sets them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RealDataset, realDatasets } from '../../bench/detect/real-datasets.js';
import { InternalNetworks } from '../../src/detect/internal-networks.js';
import { runDetectors } from '../../src/detect/run-detectors.js';
import type { Finding } from '../../src/domain/finding.js';
import type { Incident } from '../../src/domain/incident.js';
import { buildIncidents } from '../../src/incidents/build-incidents.js';
import { incidentFacts } from '../../src/incidents/incident-facts-query.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

interface Hunted {
  readonly store: DuckDBStore;
  readonly findings: readonly Finding[];
  readonly incidents: readonly Incident[];
  readonly dir: string;
}

async function hunt(d: RealDataset): Promise<Hunted> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-incidents-'));
  const store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
  await ingestPaths(
    d.paths.map((p) => sharedData(p)),
    { store, sensor: 'real', tmpDir: path.join(dir, 'tmp') },
  );
  const run = await runDetectors({ store, internal: d.internal });
  const incidents = await buildIncidents(store, run.findings, { internal: d.internal });
  return { store, findings: run.findings, incidents, dir };
}

const dataset = (name: string) => realDatasets.find((d) => d.name === name) as RealDataset;
const serverValues = (i: Incident | undefined) => i?.servers.flatMap((s) => [...s.ips, ...s.domains]) ?? [];

describeWithSharedData('incidents from the Trickbot week', () => {
  let h: Hunted;
  beforeAll(async () => {
    h = await hunt(dataset('Trickbot week'));
  });
  afterAll(async () => {
    await h.store.close();
    rmSync(h.dir, { recursive: true, force: true });
  });

  it('is one incident: the workstation, the domain controller and the port-449 servers', () => {
    expect(h.incidents).toHaveLength(1);
    const [inc] = h.incidents;
    expect(inc?.hosts.map((x) => x.ip).sort()).toEqual(['172.16.9.233', '172.16.9.5']);
    // The C2 servers on 449/tcp that SOURCES.md names.
    const named = ['206.130.141.255', '66.60.121.58', '72.189.124.41', '24.119.69.70', '190.145.74.84'];
    expect(serverValues(inc)).toEqual(
      expect.arrayContaining([...named, '103.110.91.118', '199.227.126.250']),
    );
    const on449 = inc?.servers.filter((s) => s.ports.includes(449)) ?? [];
    expect(on449.length).toBeGreaterThanOrEqual(15);
    // Most of them spoke TLS; a few only ever got a TCP connection.
    expect(on449.filter((s) => s.protocols.includes('tls')).length).toBeGreaterThanOrEqual(12);
    expect(inc?.summary).toMatch(
      /^2 internal hosts exchanged [\d.]+ MB \([\d.]+ MB outbound\) with \d+ external servers between 2018-11-02 and 2018-11-09, and downloaded payloads from \d+ more servers\.$/,
    );
    expect(inc?.severity).toBe('critical');
    // The way in and the next modules: executables from aseprom.com (minutes before the first C2
    // contact) and from bare addresses under image names while the hosts were compromised.
    expect(serverValues(inc)).toEqual(
      expect.arrayContaining(['aseprom.com', '51.68.170.59', '192.227.186.151']),
    );
  });

  it('gets the infrastructure facts from the store: the C2 certificate shared by 19 servers', async () => {
    const facts = await incidentFacts(h.store.analytics, {
      internal: new InternalNetworks().ranges,
      hosts: ['172.16.9.233', '172.16.9.5'],
      ips: ['24.119.69.70', '206.130.141.255'],
      domains: [],
      admin: {
        targets: [{ ip: '172.16.9.5', before: '2018-11-02T00:17:18.044Z' }],
        ports: [445],
        lookbackSeconds: 3600,
        minBytes: 1000,
      },
    });
    expect(facts.internalHosts).toBe(2);
    const c2 = facts.addresses.find((a) => a.ip === '24.119.69.70');
    expect(c2).toMatchObject({ hosts: 2, ports: [449] });
    expect(c2?.certificates).toEqual([
      { fingerprint: '35596e9a160566bbaf3d178c4e7fc0eb3a264fb643e5a1b79aae7d1a45321414', servers: 19 },
    ]);
    const pair = facts.pairs.find((p) => p.host === '172.16.9.5' && p.ip === '206.130.141.255');
    expect(pair?.connections).toBeGreaterThan(200);
    expect(pair?.bytesIn).toBeGreaterThan(pair?.bytesOut ?? 0);
    expect(facts.adminContacts).toEqual([
      expect.objectContaining({ from: '172.16.9.233', to: '172.16.9.5', ports: [445], sources: 1 }),
    ]);
  });
});

const single: readonly { name: string; host: string; c2: readonly string[] }[] = [
  { name: 'RITA proxy', host: '10.136.0.18', c2: ['www.honestimnotevil.com'] },
  { name: 'Stratosphere 001 NjRAT', host: '192.168.1.115', c2: ['41.108.179.197'] },
  {
    name: 'Stratosphere 009 Kovter',
    host: '192.168.1.113',
    c2: dataset('Stratosphere 009 Kovter').truth[0]?.servers ?? [],
  },
  { name: 'Slips RemcosRAT', host: '192.168.1.107', c2: ['66.63.168.35'] },
];

describeWithSharedData('incidents from single-intrusion captures', () => {
  for (const c of single)
    it(`${c.name}: one incident with ${c.host} and its C2`, async () => {
      const h = await hunt(dataset(c.name));
      try {
        expect(h.incidents).toHaveLength(1);
        const [inc] = h.incidents;
        expect(inc?.hosts.map((x) => x.ip)).toEqual([c.host]);
        expect(serverValues(inc)).toEqual(expect.arrayContaining([...c.c2]));
        expect(inc?.findings.length).toBeGreaterThan(0);
        // 13.1: a real RAT's beacon alone is no look-alike.
        expect(inc?.verdict).toBe('suspicious');
        expect(inc?.timeline[0]?.detector).toBe('first-contact');
      } finally {
        await h.store.close();
        rmSync(h.dir, { recursive: true, force: true });
      }
    });
});
