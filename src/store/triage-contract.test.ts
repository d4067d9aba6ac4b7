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
    expect(await s.triage.get('INC-0000000a')).toBeNull();
    const at = '2026-12-07T10:00:00.123Z';
    const stored = await s.triage.update('INC-0000000a', { status: 'benign' }, 'alice', at);
    expect(stored).toEqual({
      incidentId: 'INC-0000000a',
      status: 'benign',
      note: null,
      by: 'alice',
      at,
      assignee: null,
    });
    await s.triage.update('INC-0000000a', { status: 'true-positive' }, 'bob', at);
    // A later hunt stores the same incident again: its triage still applies (ids are stable).
    const run2 = await s.saveFindings({ detectors: [] }, []);
    await s.saveIncidents(run2, [{ incident: incident('INC-0000000a'), attribution: null }]);
    await s.close();

    const r = await open(dir, true);
    expect(await r.triage.get('inc-0000000A')).toEqual({
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
    await expect(r.triage.update('INC-0000000b', { status: 'benign' }, 'x', at)).rejects.toThrow(/read-only/);
    await r.close();
  });

  it('15.3: update, notes and history: one history entry per changed field, the latest note on the state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-triage-'));
    dirs.push(dir);
    const s = await open(dir);
    const id = 'INC-000000c1';
    // A note on an untriaged incident creates its state as `new`.
    const n1 = await s.triage.addNote(id, 'alice', 'looks like the backup job', '2026-12-07T10:00:00.000Z');
    expect(n1).toMatchObject({ incidentId: id, author: 'alice', text: 'looks like the backup job' });
    expect(await s.triage.get(id)).toMatchObject({
      status: 'new',
      note: 'looks like the backup job',
      by: 'alice',
    });
    const t = await s.triage.update(
      id,
      { status: 'investigating', assignee: 'bob' },
      'alice',
      '2026-12-07T10:01:00.000Z',
    );
    expect(t).toMatchObject({ status: 'investigating', assignee: 'bob', note: 'looks like the backup job' });
    // No change records nothing.
    await s.triage.update(id, { status: 'investigating' }, 'carol', '2026-12-07T10:02:00.000Z');
    await s.triage.update(id, { assignee: null }, 'bob', '2026-12-07T10:03:00.000Z');
    await s.triage.addNote(id, 'bob', '<script>x</script>', '2026-12-07T10:04:00.000Z');
    await s.triage.recordChange({
      incidentId: id.toLowerCase(),
      at: '2026-12-07T10:05:00.000Z',
      actor: 'bob',
      field: 'suppression',
      from: null,
      to: 'SUP-0000abcd',
    });
    expect((await s.triage.listNotes(id)).map((n) => [n.author, n.text])).toEqual([
      ['alice', 'looks like the backup job'],
      ['bob', '<script>x</script>'],
    ]);
    expect((await s.triage.get(id))?.note).toBe('<script>x</script>');
    expect((await s.triage.history(id)).map((h) => [h.actor, h.field, h.from, h.to, h.at])).toEqual([
      ['alice', 'note', null, 'looks like the backup job', '2026-12-07T10:00:00.000Z'],
      ['alice', 'status', 'new', 'investigating', '2026-12-07T10:01:00.000Z'],
      ['alice', 'assignee', null, 'bob', '2026-12-07T10:01:00.000Z'],
      ['bob', 'assignee', 'bob', null, '2026-12-07T10:03:00.000Z'],
      ['bob', 'note', 'looks like the backup job', '<script>x</script>', '2026-12-07T10:04:00.000Z'],
      ['bob', 'suppression', null, 'SUP-0000abcd', '2026-12-07T10:05:00.000Z'],
    ]);
    await s.close();
  });

  it('15.3: aliases (and chains of them) carry state, notes and history to the current id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-triage-'));
    dirs.push(dir);
    const s = await open(dir);
    const at = '2026-12-07T11:00:00.000Z';
    await s.triage.update('INC-000000a1', { status: 'benign' }, 'alice', at);
    await s.triage.addNote('INC-000000a1', 'alice', 'backup', at);
    await s.triage.recordAlert('INC-000000a1', 'medium', at);
    await s.triage.alias('INC-000000a1', 'INC-000000a2', at);
    await s.triage.alias('INC-000000a2', 'INC-000000a3', at);
    expect(await s.triage.resolve('INC-000000a1')).toBe('INC-000000a3');
    expect(await s.triage.resolve('INC-000000a3')).toBe('INC-000000a3');
    expect(await s.triage.resolve('INC-0000ffff')).toBe('INC-0000ffff');
    expect((await s.triage.get('INC-000000a1'))?.incidentId).toBe('INC-000000a3');
    expect((await s.triage.get('INC-000000a3'))?.status).toBe('benign');
    expect((await s.triage.listNotes('INC-000000a2')).map((n) => n.text)).toEqual(['backup']);
    expect(await s.triage.alertedSeverity('INC-000000a1')).toBe('medium');
    expect((await s.triage.aliases('INC-000000a3')).sort()).toEqual(['INC-000000a1', 'INC-000000a2']);
    const h = await s.triage.history('INC-000000a1');
    expect(h.filter((x) => x.field === 'identity').map((x) => [x.from, x.to])).toEqual([
      ['INC-000000a1', 'INC-000000a2'],
      ['INC-000000a2', 'INC-000000a3'],
    ]);
    // Writes through an old id land on the current one.
    await s.triage.update('INC-000000a1', { status: 'closed' }, 'bob', at);
    expect((await s.triage.get('INC-000000a3'))?.status).toBe('closed');
    // A merge into an id that has its own state keeps that state.
    await s.triage.update('INC-000000b1', { status: 'true-positive' }, 'bob', at);
    await s.triage.alias('INC-000000a3', 'INC-000000b1', at);
    expect((await s.triage.get('INC-000000a1'))?.status).toBe('true-positive');
    expect((await s.triage.listNotes('INC-000000b1')).map((n) => n.text)).toEqual(['backup']);
    await s.close();
  });

  it('15.3: suppressions: create, get, edit, list active, delete, and they survive a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-triage-'));
    dirs.push(dir);
    const s = await open(dir);
    const base = {
      scope: 'office',
      author: 'alice',
      reason: 'backup',
      createdAt: '2026-12-07T10:00:00.000Z',
      incidentId: 'INC-0000000a',
    };
    const a = await s.triage.createSuppression({
      ...base,
      match: { kind: 'host-destination', host: '10.0.0.5', destination: 'backup.example.com' },
      expiresAt: null,
    });
    expect(a.id).toMatch(/^SUP-[0-9a-f]{8}$/);
    expect(a).toEqual({
      ...base,
      id: a.id,
      match: { kind: 'host-destination', host: '10.0.0.5', destination: 'backup.example.com' },
      expiresAt: null,
    });
    const b = await s.triage.createSuppression({
      ...base,
      scope: null,
      match: { kind: 'ja3', ja3: 'e7d705a3286e19ea42f587b344ee6865' },
      expiresAt: '2026-12-08T00:00:00.000Z',
    });
    const c = await s.triage.createSuppression({
      ...base,
      match: { kind: 'detector-destination', detector: 'beaconing', destination: '203.0.113.9' },
      expiresAt: null,
    });
    expect(await s.triage.getSuppression(b.id.toLowerCase())).toEqual(b);
    expect((await s.triage.listSuppressions()).length).toBe(3);
    const active = await s.triage.listSuppressions({ activeAt: new Date('2026-12-09T00:00:00Z') });
    expect(active.map((x) => x.id).sort()).toEqual([a.id, c.id].sort());
    const edited = await s.triage.updateSuppression(b.id, {
      reason: 'ops tooling',
      expiresAt: null,
      match: { kind: 'destination', destination: 'cdn.example.net' },
    });
    expect(edited).toMatchObject({ reason: 'ops tooling', expiresAt: null, match: { kind: 'destination' } });
    expect(await s.triage.updateSuppression('SUP-00000000', { reason: 'x' })).toBeNull();
    expect(await s.triage.deleteSuppression(c.id)).toBe(true);
    expect(await s.triage.deleteSuppression(c.id)).toBe(false);
    expect(await s.triage.getSuppression(c.id)).toBeNull();
    await s.close();
    const r = await open(dir, true);
    expect((await r.triage.listSuppressions()).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    await expect(r.triage.deleteSuppression(a.id)).rejects.toThrow(/read-only/);
    await r.close();
  });

  it('15.3: prior incidents of a scope, with their triage, for stable identity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-triage-'));
    dirs.push(dir);
    const s = await open(dir);
    const run1 = await s.saveFindings({ detectors: [] }, []);
    await s.saveIncidents(run1, [
      { incident: { ...incident('INC-0000000a'), scope: 'office' }, attribution: null },
      { incident: incident('INC-0000000b'), attribution: null },
    ]);
    await s.triage.update('INC-0000000a', { status: 'benign' }, 'alice', '2026-12-07T10:00:00.000Z');
    const run2 = await s.saveFindings({ detectors: [] }, []);
    expect(
      (await s.triage.priorIncidents('office', run2)).map((p) => [p.id, p.triaged, p.hosts[0]?.ip]),
    ).toEqual([['INC-0000000a', true, '10.0.0.5']]);
    expect((await s.triage.priorIncidents(null, run2)).map((p) => [p.id, p.triaged])).toEqual([
      ['INC-0000000b', false],
    ]);
    expect(await s.triage.priorIncidents('office', run1)).toEqual([]);
    await s.close();
  });
});
