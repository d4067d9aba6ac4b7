import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { memoryTriage } from '../../../test/helpers/fake-server-context.js';
import type { Incident } from '../../domain/incident.js';
import { alertsDue } from '../alerts/alert-decision.js';
import type { ServerContext } from '../server-context.js';
import { onHuntRequest, requestHunt } from './hunt-requests.js';
import { createHuntScheduler } from './hunt-scheduler.js';

describe('hunt scheduling', () => {
  it('15.1: one hunt at a time; requests made meanwhile coalesce into one more hunt', async () => {
    const ran: string[] = [];
    let running = 0;
    let most = 0;
    const s = createHuntScheduler({
      hunt: async (reason) => {
        running++;
        most = Math.max(most, running);
        ran.push(reason);
        await sleep(50);
        running--;
      },
      settleMs: 30,
    });
    s.request('a');
    s.request('b');
    s.request('c');
    s.request('b');
    await s.idle();
    expect(ran).toEqual(['a', 'b, c']);
    expect(most).toBe(1);
    // A burst of data: one hunt after the settle delay, however many batches arrive.
    s.dataArrived();
    s.dataArrived();
    await sleep(10);
    s.dataArrived();
    await s.idle();
    expect(ran).toEqual(['a', 'b, c', 'new data']);
    await s.stop();
  });

  it('15.1: requests made before the loop listens are delivered when it starts, per server', () => {
    const ctxA = {} as ServerContext;
    const ctxB = {} as ServerContext;
    requestHunt(ctxA, 'intel import');
    const got: string[] = [];
    const off = onHuntRequest(ctxA, (r) => got.push(r));
    requestHunt(ctxA, 'suppression');
    requestHunt(ctxB, 'other server');
    off();
    requestHunt(ctxA, 'after stop');
    expect(got).toEqual(['intel import', 'suppression']);
  });
});

const incident = (id: string, severity: Incident['severity'], verdict?: Incident['verdict']) =>
  ({ id, severity, verdict }) as Incident;

describe('which incidents alert', () => {
  it('15.2: new and risen incidents alert once; benign- or closed-triaged, low and look-alikes do not', async () => {
    const triage = memoryTriage();
    const settings = { minSeverity: 'medium' as const, includeLikelyBenign: false };
    await triage.update('INC-benign', { status: 'benign' }, 'ana', '2024-01-01T00:00:00Z');
    await triage.update('INC-closed', { status: 'closed' }, 'ana', '2024-01-01T00:00:00Z');
    const items = [
      incident('INC-new', 'high'),
      incident('INC-low', 'low'),
      incident('INC-lookalike', 'high', 'likely-benign'),
      incident('INC-benign', 'critical'),
      incident('INC-closed', 'critical'),
    ].map((i) => ({ incident: i, attribution: null }));
    const first = await alertsDue(items, triage, settings);
    expect(first.map((d) => [d.incident.id, d.previous])).toEqual([['INC-new', null]]);
    expect(await alertsDue(items, triage, settings)).toEqual([]);
    const rose = await alertsDue(
      [{ incident: incident('INC-new', 'critical'), attribution: null }],
      triage,
      settings,
    );
    expect(rose.map((d) => [d.incident.id, d.previous])).toEqual([['INC-new', 'high']]);
    const fell = await alertsDue(
      [{ incident: incident('INC-new', 'medium'), attribution: null }],
      triage,
      settings,
    );
    expect(fell).toEqual([]);
    const withLookAlikes = await alertsDue(items, triage, { ...settings, includeLikelyBenign: true });
    expect(withLookAlikes.map((d) => d.incident.id)).toEqual(['INC-lookalike']);
  });
});
