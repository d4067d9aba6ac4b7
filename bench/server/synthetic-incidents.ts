import type { Attribution } from '../../src/domain/attribution.js';
import type { Incident } from '../../src/domain/incident.js';
import {
  assemble,
  DAY,
  type FindingSpec,
  prng,
  type ServerSpec,
} from '../../test/report/fixtures/assemble.js';

const detectors = ['beaconing', 'long-connections', 'rare-destinations', 'tls-http-oddities'] as const;

/**
 * A plausible incident of `hosts` internal hosts and `servers` external servers, every host
 * reaching one or two servers: the shapes the queue and the incident page must handle at scale.
 */
export function syntheticIncident(n: number, hosts: number, servers: number): Incident {
  const rand = prng(n + 1);
  const t0 = Date.parse('2016-06-01T00:00:00Z') + Math.floor(rand() * 30) * DAY;
  const serverSpecs: ServerSpec[] = Array.from({ length: servers }, (_, i) => ({
    domains: [`c2-${n}-${i}.example`],
    ips: [`198.51.${(n + i) % 250}.${(i % 250) + 1}`],
    ports: [443],
    protocols: ['tls'],
  }));
  const specs: FindingSpec[] = [];
  for (let h = 0; h < hosts; h++) {
    const host = `10.${(n >> 8) % 250}.${h >> 8}.${(h % 250) + 1}`;
    const reach = h % 3 === 0 && servers > 1 ? 2 : 1;
    for (let k = 0; k < reach; k++) {
      const first = t0 + Math.floor(rand() * DAY);
      specs.push({
        detector: detectors[(h + k) % detectors.length]!,
        techniques: ['T1071.001'],
        host,
        server: (h + k * 7) % servers,
        first,
        last: first + DAY + Math.floor(rand() * DAY),
        bytesOut: Math.floor(rand() * 5e6),
        bytesIn: Math.floor(rand() * 5e6),
        score: 0.5 + rand() * 0.49,
        explanation: `${host} called the server about every 10 min`,
      });
    }
  }
  const id = `INC-${(0x10000000 + n).toString(16).slice(-8)}`;
  const incident = assemble(id, serverSpecs, specs);
  const pairs = specs.map((s) => ({
    host: s.host,
    server: incident.servers[s.server]!.key,
    bytesOut: s.bytesOut,
    bytesIn: s.bytesIn,
  }));
  return { ...incident, scope: 'bench', pairs, verdict: 'suspicious', verdictReasons: [] };
}

/** A modest attribution: one actor against "unknown". */
export function syntheticAttribution(n: number): Attribution {
  const p = 0.2 + ((n * 7919) % 70) / 100;
  return {
    hypotheses: [
      {
        actor: 'APT10',
        actorId: 'intrusion-set--apt10',
        aliases: ['menuPass'],
        attackId: 'G0045',
        probability: p,
        term: p > 0.8 ? 'very likely' : p > 0.55 ? 'likely' : 'roughly even chance',
        likelihood: 4,
        evidence: [],
      },
      {
        actor: 'unknown',
        actorId: null,
        aliases: [],
        attackId: null,
        probability: 1 - p,
        term: 'unlikely',
        likelihood: 1,
        evidence: [],
      },
    ],
    evidence: [],
    confidence: 'low',
    ach: { hypotheses: ['APT10', 'unknown'], rows: [] },
    assessment: 'Synthetic.',
    modelVersion: 'bench',
  };
}
