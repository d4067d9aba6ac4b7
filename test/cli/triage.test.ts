import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import type { IncidentJson } from '../../src/report/json/incidents-json.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { apt10Attribution, apt10Incident, unknownAttribution, unknownIncident } from '../report/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-triage-cli-'));
const data = join(dir, 'data');
const apt10 = apt10Incident();
const other = unknownIncident();

beforeAll(async () => {
  const store = await DuckDBStore.open({ dataDir: data });
  const runId = await store.saveFindings({ detectors: [] }, []);
  await store.saveIncidents(runId, [
    { incident: apt10, attribution: apt10Attribution() },
    { incident: other, attribution: unknownAttribution() },
  ]);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mamori incidents triage', () => {
  it('13.5: records a decision with note and --by, and prints it (text and --json)', async () => {
    const text = await run(
      'incidents',
      'triage',
      apt10.id.toLowerCase(),
      '--status',
      'confirmed',
      '--note',
      'IR-2291',
      '--by',
      'alice',
      '--data',
      data,
    );
    expect(text.code).toBe(0);
    expect(text.out).toMatch(
      new RegExp(`^${apt10.id}: confirmed by alice at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(IR-2291\\)$`),
    );
    const json = await run('incidents', 'triage', other.id, '--status', 'benign', '--data', data, '--json');
    expect(json.code).toBe(0);
    const t = JSON.parse(json.out) as Record<string, unknown>;
    expect(t).toMatchObject({ incidentId: other.id, status: 'benign', note: null });
    expect(typeof t['by']).toBe('string');
    expect(String(t['by']).length).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(String(t['at'])))).toBe(false);
  });

  it('13.5: incidents list and show carry the triage status, in text and --json', async () => {
    const list = await run('incidents', '--data', data);
    expect(list.out).toMatch(/\btriage\b/);
    expect(list.out.split('\n').find((l) => l.startsWith(apt10.id))).toMatch(/confirmed$/);
    expect(list.out.split('\n').find((l) => l.startsWith(other.id))).toMatch(/benign$/);
    const listed = JSON.parse((await run('incidents', '--data', data, '--json')).out) as {
      incidents: IncidentJson[];
    };
    expect(listed.incidents.map((i) => [i.id, i.triage.status])).toEqual(
      expect.arrayContaining([
        [apt10.id, 'confirmed'],
        [other.id, 'benign'],
      ]),
    );
    expect(listed.incidents.find((i) => i.id === apt10.id)?.triage).toMatchObject({
      note: 'IR-2291',
      by: 'alice',
    });
    const show = await run('incidents', 'show', apt10.id, '--data', data);
    expect(show.out).toMatch(new RegExp(`Triage: ${apt10.id}: confirmed by alice`));
  });

  it('13.5: going back to open, an unknown incident and a bad status are refused or reported', async () => {
    const back = await run('incidents', 'triage', other.id, '--status', 'open', '--data', data, '--json');
    expect(JSON.parse(back.out)).toMatchObject({ status: 'open' });
    const bad = await run('incidents', 'triage', other.id, '--status', 'fine', '--data', data);
    expect(bad.code).toBe(2);
    const none = await run('incidents', 'triage', other.id, '--data', data);
    expect(none.code).toBe(2);
    const missing = await run('incidents', 'triage', 'INC-ffffffff', '--status', 'benign', '--data', data);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/no incident INC-ffffffff/);
    const help = await run('incidents', 'triage', '--help');
    expect(help.code).toBe(0);
  });
});
