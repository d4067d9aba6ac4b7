// 15.3 end to end through the CLI: mark, note, suppress, hunt again; identity across a hunt that grows.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import type { IncidentsJson } from '../../src/report/json/incidents-json.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { writeConnLog } from '../helpers/zeek-log-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-triage-loop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 2020-09-13T12:00Z: lab hosts call servers every ten minutes for a day.
const t0 = Date.UTC(2020, 8, 13, 12) / 1000;
const beacon = (orig: string, resp: string, offset = 0) =>
  Array.from({ length: 144 }, (_, i) => ({
    ts: t0 + offset + i * 600,
    orig,
    resp,
    port: 443,
    duration: 0.4,
    out: 900,
    in: 3000,
  }));

function logsDir(name: string, rows: Parameters<typeof writeConnLog>[1]): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  writeConnLog(join(d, 'conn.log'), rows);
  return d;
}

async function huntJson(...args: string[]): Promise<IncidentsJson> {
  const r = await run('hunt', ...args, '--sensor', 'lab', '--no-progress', '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as IncidentsJson;
}

const serversOf = (j: IncidentsJson) =>
  j.incidents.map((i) => [[...i.internalHosts].sort(), i.externalServers.flatMap((s) => s.ips).sort()]);

describe('15.3 the triage loop', () => {
  const data = join(dir, 'data');
  let first: IncidentsJson;
  beforeAll(async () => {
    first = await huntJson(
      logsDir('day1', [...beacon('10.0.2.15', '203.0.113.77'), ...beacon('10.0.2.16', '198.51.100.20', 7)]),
      '--data',
      data,
    );
  }, 180_000);

  it("15.3: a benign mark with a host + destination suppression makes the next hunt drop exactly that, and keeps the incident's notes", async () => {
    expect(serversOf(first)).toEqual(
      expect.arrayContaining([
        [['10.0.2.15'], ['203.0.113.77']],
        [['10.0.2.16'], ['198.51.100.20']],
      ]),
    );
    const backup = first.incidents.find((i) => i.internalHosts[0] === '10.0.2.16')?.id as string;
    const c2 = first.incidents.find((i) => i.internalHosts[0] === '10.0.2.15')?.id as string;
    const marked = await run(
      'incidents',
      'mark',
      backup,
      'benign',
      '--note',
      'nightly backup, owner confirmed',
      '--suppress',
      'host-destination',
      '--reason',
      'backup job',
      '--by',
      'alice',
      '--data',
      data,
      '--json',
    );
    expect(marked.code, marked.err).toBe(0);
    const out = JSON.parse(marked.out) as {
      suppression: { id: string; match: unknown; scope: string | null };
    };
    // Host and destination came from the incident: it has exactly one of each.
    expect(out.suppression.match).toEqual({
      kind: 'host-destination',
      host: '10.0.2.16',
      destination: '198.51.100.20',
    });
    expect(out.suppression.id).toMatch(/^SUP-[0-9a-f]{8}$/);
    expect(
      (await run('incidents', 'note', backup, 'second look: still the backup', '--by', 'bob', '--data', data))
        .code,
    ).toBe(0);

    const text = await run('hunt', '--data', data, '--sensor', 'lab', '--no-progress');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(
      new RegExp(`suppression ${out.suppression.id} \\(host-destination\\) dropped [1-9]\\d* finding`),
    );
    const second = await huntJson('--data', data);
    expect(second.suppressions?.map((s) => s.id)).toEqual([out.suppression.id]);
    expect(second.suppressions?.[0]?.suppressed).toBeGreaterThan(0);
    // Exactly that pair is gone; the other incident is untouched and keeps its id.
    expect(second.incidents.map((i) => i.id)).toEqual([c2]);
    expect(serversOf(second)).toEqual([[['10.0.2.15'], ['203.0.113.77']]]);
    // --no-suppressions brings it back for one run, under its old id.
    const off = await run(
      'hunt',
      '--data',
      data,
      '--sensor',
      'lab',
      '--no-progress',
      '--json',
      '--no-suppressions',
    );
    expect((JSON.parse(off.out) as IncidentsJson).incidents.map((i) => i.id).sort()).toEqual(
      [backup, c2].sort(),
    );

    // The notes and the decision are still there, with the history of every change.
    const history = JSON.parse((await run('incidents', 'history', backup, '--data', data, '--json')).out) as {
      items: { field: string; actor: string; to: string | null }[];
    };
    expect(history.items.map((h) => [h.field, h.actor])).toEqual([
      ['status', 'alice'],
      ['note', 'alice'],
      ['suppression', 'alice'],
      ['note', 'bob'],
    ]);
    const store = await DuckDBStore.open({ dataDir: data, readOnly: true });
    try {
      expect((await store.triage.listNotes(backup)).map((n) => n.text)).toEqual([
        'nightly backup, owner confirmed',
        'second look: still the backup',
      ]);
      expect((await store.triage.get(backup))?.status).toBe('benign');
      const audit = await store.identity.listAudit({});
      expect(audit.map((a) => [a.action, a.target, a.actor, a.origin]).reverse()).toEqual([
        ['incident.triage', backup, 'alice', 'cli'],
        ['incident.note', backup, 'alice', 'cli'],
        ['suppression.create', out.suppression.id, 'alice', 'cli'],
        ['incident.note', backup, 'bob', 'cli'],
      ]);
    } finally {
      await store.close();
    }
  }, 300_000);

  it('15.3: an incident that gains a host keeps its id, its triage and its notes', async () => {
    const d = join(dir, 'grow');
    const j1 = await huntJson(logsDir('grow1', beacon('10.0.3.15', '192.0.2.55')), '--data', d);
    expect(j1.incidents).toHaveLength(1);
    const id = j1.incidents[0]?.id as string;
    expect((await run('incidents', 'mark', id, 'investigating', '--note', 'IR-7', '--data', d)).code).toBe(0);
    const j2 = await huntJson(logsDir('grow2', beacon('10.0.3.16', '192.0.2.55', 3)), '--data', d);
    expect(j2.incidents.map((i) => [i.id, [...i.internalHosts].sort()])).toEqual([
      [id, ['10.0.3.15', '10.0.3.16']],
    ]);
    const listed = JSON.parse((await run('incidents', '--data', d, '--json')).out) as IncidentsJson;
    expect(listed.incidents.map((i) => [i.id, i.triage.status, i.triage.note])).toEqual([
      [id, 'investigating', 'IR-7'],
    ]);
    const shown = await run('incidents', 'show', id, '--data', d);
    expect(shown.out).toMatch(/investigating/);
  }, 300_000);

  it('15.3: a suppression never hides a finding that matches a live intel indicator, and the hunt says so', async () => {
    const d = join(dir, 'intel');
    const iocs = join(dir, 'c2.txt');
    writeFileSync(iocs, '203.0.113.88\n');
    expect(
      (await run('intel', 'import', iocs, '--data', d, '--actor', 'Test Panda', '--new-actor')).code,
    ).toBe(0);
    const j1 = await huntJson(logsDir('intel1', beacon('10.0.4.15', '203.0.113.88')), '--data', d);
    const id = j1.incidents[0]?.id as string;
    expect(j1.incidents[0]?.findings.map((f) => f.detector)).toContain('threat-intel');
    const added = await run(
      'suppressions',
      'add',
      '--kind',
      'destination',
      '--destination',
      '203.0.113.88',
      '--reason',
      'mistake',
      '--data',
      d,
      '--json',
    );
    expect(added.code, added.err).toBe(0);
    const text = await run('hunt', '--data', d, '--sensor', 'lab', '--no-progress');
    expect(text.out).toMatch(
      /kept threat-intel 10\.0\.4\.15 → 203\.0\.113\.88: it matches a live intel indicator/,
    );
    const j2 = await huntJson('--data', d);
    expect(j2.incidents.map((i) => i.id)).toEqual([id]);
    expect(j2.incidents[0]?.findings.map((f) => f.detector)).toContain('threat-intel');
    expect(j2.suppressions?.[0]?.keptForIntel.length).toBeGreaterThan(0);
  }, 300_000);
});
