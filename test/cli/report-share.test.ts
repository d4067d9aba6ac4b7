import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import type { Incident } from '../../src/domain/incident.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import {
  apt10Attribution,
  apt10Incident,
  hostileAttribution,
  hostileIncident,
  unknownAttribution,
  unknownIncident,
} from '../report/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-report-share-'));
const data = join(dir, 'data');
const apt10 = apt10Incident();
const lookalike: Incident = {
  ...unknownIncident(),
  verdict: 'likely-benign',
  verdictReasons: ['routine volume: this host uploads about as much every night'],
};
const hostile = hostileIncident();
const hostAddress = apt10.hosts[0]!.ip;

beforeAll(async () => {
  const store = await DuckDBStore.open({ dataDir: data });
  const runId = await store.saveFindings({ detectors: [] }, []);
  await store.saveIncidents(runId, [
    { incident: apt10, attribution: apt10Attribution() },
    { incident: lookalike, attribution: unknownAttribution() },
    { incident: hostile, attribution: hostileAttribution() },
  ]);
  await store.close();
  expect((await run('incidents', 'mark', hostile.id, 'benign', '--data', data)).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report: safe sharing by default', () => {
  it('13.5: report --format stix leaves out internal addresses by default and keeps them with --include-internal', async () => {
    const r = await run('report', apt10.id, '--format', 'stix', '--data', data);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain(hostAddress);
    expect(r.out).not.toMatch(/"10\.20\.\d+\.\d+"/);
    expect(JSON.parse(r.out).type).toBe('bundle');
    const full = await run('report', apt10.id, '--format', 'stix', '--include-internal', '--data', data);
    expect(full.code).toBe(0);
    expect(full.out).toContain(`"value": "${hostAddress}"`);
  });

  it('13.5: report --format json leaves out internal addresses by default and keeps them with --include-internal', async () => {
    const r = await run('report', apt10.id, '--format', 'json', '--data', data);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/10\.20\.\d+\.\d+/);
    const doc = JSON.parse(r.out) as {
      sharing: Record<string, unknown>;
      incidents: { internalHosts: string[] }[];
    };
    expect(doc.sharing).toMatchObject({ internalAddresses: 'withheld', withheldHosts: 23 });
    expect(doc.incidents[0]!.internalHosts[0]).toBe('internal-host-1');
    const full = await run('report', apt10.id, '--format', 'json', '--include-internal', '--data', data);
    expect(JSON.parse(full.out).incidents[0].internalHosts).toContain(hostAddress);
  });

  it('13.5: a likely-benign or benign-triaged incident is refused (exit 2), naming the incident and the rule', async () => {
    for (const format of ['stix', 'json']) {
      const likely = await run('report', lookalike.id, '--format', format, '--tlp', 'red', '--data', data);
      expect(likely.code).toBe(2);
      expect(likely.out).toBe('');
      expect(likely.err).toMatch(
        new RegExp(`^mamori: refused to export: ${lookalike.id} is likely benign .*never exported`),
      );
      const benign = await run('report', hostile.id, '--format', format, '--data', data);
      expect(benign.code).toBe(2);
      expect(benign.err).toMatch(new RegExp(`${hostile.id} is triaged benign .*never exported`));
    }
  });

  it('13.5: among several incidents, benign ones are left out and counted on stderr; stdout stays JSON', async () => {
    const r = await run('report', apt10.id, lookalike.id, hostile.id, '--format', 'json', '--data', data);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { incidents: { id: string }[]; sharing: { leftOut: unknown[] } };
    expect(doc.incidents.map((i) => i.id)).toEqual([apt10.id]);
    expect(doc.sharing.leftOut).toEqual([
      { id: lookalike.id, rule: 'likely-benign' },
      { id: hostile.id, rule: 'triaged-benign' },
    ]);
    expect(r.err).toContain(
      `left out 2 of 3 incidents that are never exported: ${lookalike.id} (likely-benign), ${hostile.id} (triaged-benign)`,
    );
  });

  it('13.5: TLP:GREEN and CLEAR refuse an unconfirmed incident without --force; --force warns; AMBER is unaffected', async () => {
    for (const tlp of ['green', 'clear']) {
      const refused = await run('report', apt10.id, '--format', 'stix', '--tlp', tlp, '--data', data);
      expect(refused.code).toBe(2);
      expect(refused.out).toBe('');
      expect(refused.err.split('\n')).toHaveLength(1);
      expect(refused.err).toContain(
        `refused to export at TLP:${tlp.toUpperCase()}: ${apt10.id} is not triaged true-positive`,
      );
      expect(refused.err).toContain(`mamori incidents mark ${apt10.id} true-positive, or add --force`);
      const forced = await run(
        'report',
        apt10.id,
        '--format',
        'stix',
        '--tlp',
        tlp,
        '--force',
        '--data',
        data,
      );
      expect(forced.code).toBe(0);
      expect(forced.err).toMatch(/warning: exporting .* not triaged true-positive \(--force\)/);
      expect(JSON.parse(forced.out).type).toBe('bundle');
    }
    const amber = await run('report', apt10.id, '--format', 'stix', '--tlp', 'amber', '--data', data);
    expect(amber.code).toBe(0);
    expect(amber.err).toBe('');
    await run('incidents', 'mark', apt10.id, 'true-positive', '--data', data);
    const confirmed = await run('report', apt10.id, '--format', 'stix', '--tlp', 'green', '--data', data);
    expect(confirmed.code).toBe(0);
    expect(confirmed.err).toBe('');
  });
});
