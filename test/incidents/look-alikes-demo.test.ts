// Issue 13.1 over the demo's own data: the simulated office of `mamori demo` (seed 2016, 300 PCs,
// 2 days, APT10 with 23 infected PCs) plants look-alikes on purpose: the file server's nightly
// backup to S3 and a cloud-backup client's hourly uploads. The intrusion must come first and be
// suspicious; everything else must be likely benign, with reasons, with and without warninglists.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attribution } from '../../src/domain/attribution.js';
import { isLikelyBenign } from '../../src/domain/incident.js';
import { type HuntResult, runHunt } from '../../src/hunt/run-hunt.js';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import { demoSimOptions, pastCase, writePastCaseBundle } from '../../src/sim/demo-past-case.js';
import type { SimTruth } from '../../src/sim/labels.js';
import { simulate } from '../../src/sim/simulate.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-lookalikes-'));
const logs = path.join(dir, 'demo-logs');
let truth: SimTruth;
let bundle: string;

/** The demo's simulation, as `mamori demo` runs it with its defaults (src/cli/commands/demo.ts). */
async function simulateDemo(): Promise<void> {
  const past = pastCase(2016);
  bundle = writePastCaseBundle(path.join(dir, 'demo-intel'), past);
  truth = await simulate(demoSimOptions(past, { out: logs, seed: 2016, hosts: 300, days: 2 }));
}

/** Imports the past case (and any more intel), hunts the demo logs, returns what the hunt found. */
async function hunt(name: string, intel: readonly string[] = []): Promise<HuntResult> {
  const store = await DuckDBStore.open({ dataDir: path.join(dir, name) });
  try {
    await importIntelPaths([bundle, ...intel], { store });
    return await runHunt({
      store,
      paths: [logs],
      sensor: 'demo-office',
      tmpDir: path.join(dir, name, 'tmp'),
      internal: truth.network.internal,
    });
  } finally {
    await store.close();
  }
}

function expectIntrusionFirstAndLookAlikesBenign(r: HuntResult): void {
  const [top, ...rest] = r.incidents;
  expect(top?.incident.verdict).toBe('suspicious');
  expect(top?.incident.hosts).toHaveLength(23);
  expect(top?.incident.hosts.map((h) => h.ip).sort()).toEqual([...truth.infectedHosts].sort());
  // The APT10 exfiltration from the first PC is still found, as exfiltration.
  expect(
    top?.incident.findings.some(
      (f) => f.detector === 'exfiltration' && f.stats['routine'] === 0 && f.techniques.length > 0,
    ),
  ).toBe(true);
  expect(top?.attribution?.hypotheses[0]?.actor).toMatch(/APT10/);
  for (const { incident, attribution } of rest) {
    expect(isLikelyBenign(incident), `${incident.id}: ${incident.summary}`).toBe(true);
    expect(incident.verdictReasons?.length).toBeGreaterThan(0);
    expect((attribution as Attribution).likelyBenign).toBe(true);
    expect(attribution?.assessment).not.toMatch(/almost certain/);
  }
}

describe('13.1 the demo office: the intrusion first, the look-alikes likely benign', () => {
  let plain: HuntResult;
  beforeAll(async () => {
    await simulateDemo();
    plain = await hunt('plain');
  }, 900_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('13.1: without warninglists, APT10 (23 hosts) is suspicious and first, every other incident likely benign', () => {
    expectIntrusionFirstAndLookAlikesBenign(plain);
    // The cloud-backup client's schedule is one of the look-alikes, and says why.
    const backblaze = plain.incidents.find((i) =>
      i.incident.servers.some((s) => s.domains.includes('f001.backblazeb2.com')),
    );
    expect(backblaze?.incident.verdictReasons?.[0]).toMatch(
      /^The only evidence is one schedule to one server/,
    );
  });

  it('13.1: the file server nightly backup is routine, not exfiltration', () => {
    const backup = plain.detect.findings.find(
      (f) => f.detector === 'exfiltration' && f.endpointDomain === 's3.eu-west-1.amazonaws.com',
    );
    expect(backup?.stats['routine']).toBe(1);
    expect(backup?.severity).toBe('low');
    expect(backup?.techniques).toEqual([]);
    expect(backup?.explanation).toMatch(/^Routine: 10\.0\.0\.20 sends about .* every night at about 01:00/);
    // Low findings build no incident: no suspicious one holds the backup.
    expect(
      plain.incidents.some(
        (i) =>
          !isLikelyBenign(i.incident) &&
          i.incident.servers.some((s) => s.domains.includes('s3.eu-west-1.amazonaws.com')),
      ),
    ).toBe(false);
  });

  describeWithSharedData('with the real warninglists', () => {
    it('13.1: with warninglists too, the intrusion is first and anything else is likely benign', async () => {
      const listed = await hunt('listed', [sharedData('intel/misp-warninglists')]);
      expectIntrusionFirstAndLookAlikesBenign(listed);
    }, 900_000);
  });
});
