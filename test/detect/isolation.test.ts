// A hunt over one network gives the same answer whatever else is in the store. Two networks, each
// hunted alone: a real site (a week of Trickbot plus Suricata alerts) and a simulated office with
// every intrusion the simulator plants (DGA, DNS tunnel, exfiltration, a commodity RAT, an APT whose
// servers are in an imported past case). Then one store with both, plus a third lab with the site's
// very addresses reaching the site's very servers a year later (which would raise prevalence,
// active hours and first-seen times if baselines crossed sensors): every detector's findings and
// every incident of each network must be the same as alone.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { detectorNames } from '../../src/detect/registry.js';
import { type DetectRun, runDetectors } from '../../src/detect/run-detectors.js';
import type { Finding } from '../../src/domain/finding.js';
import type { Incident } from '../../src/domain/incident.js';
import { buildIncidents } from '../../src/incidents/build-incidents.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import { pastCase, writePastCaseBundle } from '../../src/sim/demo-past-case.js';
import { simulate } from '../../src/sim/simulate.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

// A week of Trickbot (beaconing, rare destinations, TLS/HTTP oddities, DNS) and Suricata alerts of
// another capture, as one site.
const site = ['zeek/mta-trickbot-2018-11-09-week', 'suricata/slips-test6-malicious.eve.json'];

const connHeader = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring',
];

/**
 * Another lab with the same address plan, a year later: the site's hosts and twenty more of the
 * same range each reach every server the site's findings name, every 30 minutes for a day.
 */
function overlappingConnLog(file: string, findings: readonly Finding[]): void {
  const hosts = [...new Set(findings.map((f) => f.host))];
  const prefix = hosts[0]?.split('.').slice(0, 3).join('.') ?? '10.0.0';
  for (let i = 200; i < 220; i++) hosts.push(`${prefix}.${i}`);
  const servers = [...new Set(findings.flatMap((f) => (f.endpointIp ? [f.endpointIp] : [])))];
  const start = Date.parse('2019-11-09T00:00:00Z') / 1000;
  const lines = [...connHeader];
  let n = 0;
  for (const h of hosts)
    for (const s of servers)
      for (let t = 0; t < 86_400; t += 1800)
        lines.push(
          [
            (start + t + (n % 7)).toFixed(6),
            `Cov${n++}`,
            h,
            50000,
            s,
            443,
            'tcp',
            'ssl',
            1.5,
            700,
            4000,
            'SF',
          ].join('\t'),
        );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const key = (f: Finding) =>
  [
    f.detector,
    f.host,
    f.endpointIp ?? '',
    f.endpointDomain ?? '',
    f.score,
    f.connections,
    f.first,
    f.last,
  ].join('|');
const incidentKey = (i: Incident) =>
  [
    i.id,
    i.score,
    i.severity,
    i.hosts.map((h) => h.ip).join(','),
    i.servers.map((s) => s.key).join(','),
    i.bytesOut,
  ].join('|');

describeWithSharedData('results depend only on the network they describe', () => {
  let dir: string;
  // Findings and incidents per store: the site alone, the office alone, everything together.
  const runs: Record<'site' | 'office' | 'all', { run: DetectRun; incidents: Incident[] }> = {} as never;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-isolation-'));
    const past = pastCase(1);
    const bundle = writePastCaseBundle(path.join(dir, 'intel'), past);
    const office = path.join(dir, 'office');
    await simulate({
      out: office,
      scenario: 'office+apt+commodity+dns-tunnel+dga',
      seed: 1,
      hosts: 30,
      days: 1,
      actor: past.actor.name,
      planted: { domains: past.domains.slice(0, 2).map((d) => `update.${d}`), ips: past.ips.slice(0, 1) },
    });
    const hunt = async (name: keyof typeof runs, load: (store: DuckDBStore) => Promise<void>) => {
      const store = await DuckDBStore.open({ dataDir: path.join(dir, `store-${name}`) });
      try {
        await importIntelPaths([bundle], { store });
        await load(store);
        const run = await runDetectors({ store });
        runs[name] = { run, incidents: await buildIncidents(store, run.findings) };
      } finally {
        await store.close();
      }
    };
    const ingest = (store: DuckDBStore, paths: string[], sensor: string) =>
      ingestPaths(paths, { store, sensor, tmpDir: path.join(dir, `tmp-${sensor}`) });
    await hunt('site', (s) => ingest(s, site.map(sharedData), 'site').then(() => undefined));
    await hunt('office', (s) => ingest(s, [office], 'office').then(() => undefined));
    const overlap = path.join(dir, 'overlap-conn.log');
    overlappingConnLog(overlap, runs.site.run.findings);
    // The others go in first, so batch ids and dictionary entries differ from the stores alone.
    await hunt('all', async (s) => {
      await ingest(s, [overlap], 'lab-c');
      await ingest(s, [office], 'office');
      await ingest(s, site.map(sharedData), 'site');
    });
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('hunts each stored sensor as a network of its own', () => {
    expect(runs.all.run.scopes).toEqual(['lab-c', 'office', 'site']);
    expect(runs.site.run.findings.every((f) => f.scope === 'site')).toBe(true);
  });

  const scoped = (r: DetectRun, scope: string, detector: string) =>
    r.findings
      .filter((f) => f.detector === detector && f.scope === scope)
      .map(key)
      .sort();

  for (const name of detectorNames)
    it(`${name}: each network's findings are the same alone and together`, () => {
      expect(scoped(runs.all.run, 'site', name)).toEqual(scoped(runs.site.run, 'site', name));
      expect(scoped(runs.all.run, 'office', name)).toEqual(scoped(runs.office.run, 'office', name));
    });

  it('compares real findings: all detectors but fan-out find something in one network or the other', () => {
    const found = new Set([...runs.site.run.findings, ...runs.office.run.findings].map((f) => f.detector));
    // No capture here (nor the simulator) has a host spraying an uncommon port: fan-out is compared
    // on its empty result only.
    expect(detectorNames.filter((d) => !found.has(d))).toEqual(['fan-out']);
  });

  it('the same incidents, none mixing networks', () => {
    const of = (list: readonly Incident[], scope: string) =>
      list
        .filter((i) => i.scope === scope)
        .map(incidentKey)
        .sort();
    for (const scope of ['site', 'office']) {
      const alone = runs[scope as 'site' | 'office'].incidents;
      expect(alone.length).toBeGreaterThan(0);
      expect(of(runs.all.incidents, scope)).toEqual(of(alone, scope));
    }
    expect(runs.all.incidents.every((i) => i.scope !== undefined)).toBe(true);
  });
});
