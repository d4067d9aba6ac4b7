// The triage part of the store contract, run against every backend in `storeBackends`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Incident } from '../domain/incident.js';
import { storeBackends } from './open-store.js';
import type { BackendName, Store } from './store.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function incident(id: string): Incident {
  const t = '2016-06-01T00:00:00.000Z';
  return {
    id,
    summary: '1 internal host talked to 1 external server',
    hosts: [{ ip: '10.0.0.5', firstCompromise: t, lastActivity: t, findings: 1, bytesOut: 1, bytesIn: 2 }],
    servers: [],
    firstSeen: t,
    lastSeen: t,
    bytesOut: 1,
    bytesIn: 2,
    techniques: [],
    score: 0.8,
    severity: 'high',
    links: [],
    findings: [],
    timeline: [],
  };
}

describe.each(Object.keys(storeBackends) as BackendName[])('store contract, triage: %s', (backend) => {
  const open = (dataDir: string, readOnly = false): Promise<Store> =>
    storeBackends[backend]({ dataDir, readOnly });

  it('13.5: keeps an incident triage across a reopen and a new hunt, and shows it with the incident', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-triage-'));
    dirs.push(dir);
    const s = await open(dir);
    const run1 = await s.saveFindings({ detectors: [] }, []);
    await s.saveIncidents(run1, [
      { incident: incident('INC-0000000a'), attribution: null },
      { incident: incident('INC-0000000b'), attribution: null },
    ]);
    expect(await s.getTriage('INC-0000000a')).toBeNull();
    const at = '2026-12-07T10:00:00.123Z';
    const stored = await s.setTriage({
      incidentId: 'INC-0000000a',
      status: 'benign',
      note: 'nightly backup to S3, owner confirmed',
      by: 'alice',
      at,
    });
    expect(stored).toEqual({
      incidentId: 'INC-0000000a',
      status: 'benign',
      note: 'nightly backup to S3, owner confirmed',
      by: 'alice',
      at,
      assignee: null,
    });
    // The latest decision replaces the earlier one; a note may be absent.
    await s.setTriage({ incidentId: 'INC-0000000a', status: 'true-positive', note: null, by: 'bob', at });
    // A later hunt stores the same incident again: its triage still applies (ids are stable).
    const run2 = await s.saveFindings({ detectors: [] }, []);
    await s.saveIncidents(run2, [{ incident: incident('INC-0000000a'), attribution: null }]);
    await s.close();

    const r = await open(dir, true);
    expect(await r.getTriage('INC-0000000a')).toEqual({
      incidentId: 'INC-0000000a',
      status: 'true-positive',
      note: null,
      by: 'bob',
      at,
      assignee: null,
    });
    expect((await r.getIncident('inc-0000000a'))?.triage?.status).toBe('true-positive');
    expect((await r.listIncidents()).map((x) => [x.id, x.triage?.status ?? 'new'])).toEqual([
      ['INC-0000000a', 'true-positive'],
    ]);
    expect((await r.listIncidents({ runId: run1 })).map((x) => [x.id, x.triage?.status ?? 'new'])).toEqual([
      ['INC-0000000a', 'true-positive'],
      ['INC-0000000b', 'new'],
    ]);
    expect((await r.getIncident('INC-0000000b'))?.triage).toBeNull();
    await expect(
      r.setTriage({ incidentId: 'INC-0000000b', status: 'benign', note: null, by: 'x', at }),
    ).rejects.toThrow(/read-only/);
    await r.close();
  });
});
