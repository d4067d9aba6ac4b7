import { describe, expect, it } from 'vitest';
import type { Incident, IncidentServer } from '../domain/incident.js';
import type { PriorIncident } from '../store/triage-store.js';
import { incidentId } from './incident-id.js';
import { planIdentity } from './stable-identity.js';

const t = '2020-09-13T12:00:00.000Z';
const server = (key: string): IncidentServer => ({
  key,
  role: 'c2',
  ips: [key],
  domains: [],
  ports: [443],
  protocols: ['tls'],
  first: t,
  last: t,
  bytesOut: 1,
  bytesIn: 1,
  mergedBy: [],
  warninglists: [],
});
type Shape = Pick<Incident, 'id' | 'hosts' | 'servers' | 'pairs'>;
function inc(hosts: string[], servers: string[]): Shape {
  return {
    id: incidentId(hosts, servers, 'lab'),
    hosts: hosts.map((ip) => ({
      ip,
      firstCompromise: t,
      lastActivity: t,
      findings: 1,
      bytesOut: 1,
      bytesIn: 1,
    })),
    servers: servers.map(server),
  };
}
const prior = (s: Shape, triaged = false): PriorIncident => ({ ...s, triaged });

describe('15.3 stable incident identity', () => {
  it('15.3: with no earlier run (a fresh store) every id is the one computed today', () => {
    const a = inc(['10.0.0.1'], ['203.0.113.1']);
    expect(planIdentity([a], [])).toEqual({ keep: new Map(), aliases: [] });
  });

  it('15.3: an incident that gains a host keeps its old id; an unchanged one keeps its own', () => {
    const old = inc(['10.0.0.1'], ['203.0.113.1']);
    const same = inc(['10.0.0.9'], ['198.51.100.1']);
    const grown = inc(['10.0.0.1', '10.0.0.2'], ['203.0.113.1']);
    expect(grown.id).not.toBe(old.id);
    const plan = planIdentity([grown, same], [prior(old), prior(same)]);
    expect(plan.keep).toEqual(
      new Map([
        [grown.id, old.id],
        [same.id, same.id],
      ]),
    );
    expect(plan.aliases).toEqual([]);
  });

  it('15.3: two incidents that merge take the triaged one’s id and alias the other, whatever the order', () => {
    const a = inc(['10.0.0.1', '10.0.0.3'], ['203.0.113.1']);
    const b = inc(['10.0.0.2'], ['203.0.113.1']);
    const merged = inc(['10.0.0.1', '10.0.0.2', '10.0.0.3'], ['203.0.113.1']);
    // b is smaller but triaged: it wins.
    const plan = planIdentity([merged], [prior(a), prior(b, true)]);
    expect([...plan.keep]).toEqual([[merged.id, b.id]]);
    expect(plan.aliases).toEqual([[a.id, b.id]]);
    expect(planIdentity([merged], [prior(b, true), prior(a)])).toEqual(plan);
    // Neither triaged: the larger overlap wins.
    const untriaged = planIdentity([merged], [prior(a), prior(b)]);
    expect([...untriaged.keep]).toEqual([[merged.id, a.id]]);
    expect(untriaged.aliases).toEqual([[b.id, a.id]]);
  });

  it('15.3: an incident that splits keeps its id on the part sharing most pairs; the other part is new', () => {
    const old = inc(['10.0.0.1', '10.0.0.2', '10.0.0.3'], ['203.0.113.1']);
    const big = inc(['10.0.0.1', '10.0.0.2'], ['203.0.113.1']);
    const small = inc(['10.0.0.3'], ['203.0.113.1']);
    const plan = planIdentity([small, big], [prior(old)]);
    expect([...plan.keep]).toEqual([[big.id, old.id]]);
  });

  it('15.3: a server that gains a name is still the same server (pairs match on any address or name)', () => {
    const old = inc(['10.0.0.1'], ['203.0.113.1']);
    const named: Shape = {
      ...old,
      id: incidentId(['10.0.0.1'], ['c2.example.com'], 'lab'),
      servers: [{ ...server('c2.example.com'), ips: ['203.0.113.1'], domains: ['c2.example.com'] }],
    };
    expect([...planIdentity([named], [prior(old)]).keep]).toEqual([[named.id, old.id]]);
  });
});
