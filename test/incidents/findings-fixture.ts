import { type Finding, severityOf } from '../../src/domain/finding.js';

/** A finding with plausible defaults: a day-long beacon from `host` at score 0.8. */
export function finding(p: Partial<Finding> & { readonly host: string }): Finding {
  const score = p.score ?? 0.8;
  return {
    detector: 'beaconing',
    techniques: ['T1071'],
    endpointIp: null,
    endpointDomain: null,
    first: '2016-06-01T08:00:00.000Z',
    last: '2016-06-02T08:00:00.000Z',
    connections: 100,
    bytesOut: 1000,
    bytesIn: 2000,
    severity: severityOf(score),
    stats: {},
    explanation: `${p.host} called ${p.endpointDomain ?? p.endpointIp} every 5 min.`,
    links: [],
    ...p,
    score,
  };
}

/** The facts of one external address, with nothing shared. */
export function address(ip: string, extra: Partial<{ hosts: number; names: number }> = {}) {
  return { ip, hosts: 1, names: 0, protocols: ['tls'], ports: [443], certificates: [], ja3s: [], ...extra };
}
