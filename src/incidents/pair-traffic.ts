import { impliedProtocolsOf } from '../detect/detector-properties.js';
import type { Finding } from '../domain/finding.js';
import type { CorrelationFacts } from './correlation-facts.js';
import type { PairTraffic } from './incident-facts-query.js';
import type { InfraServer, ServerIdentity } from './server-identity.js';

/** What one host exchanged with one server of an incident. */
export interface HostServerTraffic {
  readonly host: string;
  readonly server: InfraServer;
  readonly findings: readonly Finding[];
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly first: string;
  readonly last: string;
  readonly ports: readonly number[];
  readonly protocols: readonly string[];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const minIso = (xs: readonly string[]) => [...xs].sort()[0] ?? '';
const maxIso = (xs: readonly string[]) => [...xs].sort().at(-1) ?? '';
const numbers = (v: unknown): number[] =>
  Array.isArray(v) ? v.map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];

const listed = (f: Finding, key: string) => Array.isArray(f.stats[key]) && f.stats[key].length > 0;

/**
 * Each host–server pair of an incident with its traffic: the store's counts over the server's
 * addresses, or the largest finding on the pair when that is more (detectors see the same
 * connections, so findings are not added up; one spanning several servers counts for its main one).
 */
export function hostServerTraffic(
  findings: readonly Finding[],
  identity: ServerIdentity,
  facts: CorrelationFacts,
): HostServerTraffic[] {
  const pairs = new Map<string, { host: string; server: InfraServer; findings: Finding[] }>();
  for (const f of findings)
    for (const server of identity.serversOf(f)) {
      const k = `${f.host}|${server.id}`;
      const p = pairs.get(k) ?? { host: f.host, server, findings: [] };
      p.findings.push(f);
      pairs.set(k, p);
    }
  const traffic = new Map<string, PairTraffic>();
  for (const t of facts.pairs ?? []) traffic.set(`${t.host}|${t.ip.toLowerCase()}`, t);
  const protocolsOf = new Map<string, readonly string[]>();
  for (const a of facts.addresses ?? []) protocolsOf.set(a.ip.toLowerCase(), a.protocols);

  return [...pairs.values()].map(({ host, server, findings: fs }) => {
    const seen = server.ips.flatMap((ip) => traffic.get(`${host}|${ip}`) ?? []);
    const own = fs.filter((f) => identity.primaryOf(f) === server);
    // A finding counts a subset of the pair's traffic (except what only open-connection snapshots
    // hold); one spanning several servers counts only where the store has no traffic at all.
    const counted = seen.length > 0 ? own.filter((f) => identity.serversOf(f).length === 1) : own;
    // Ports a finding saw are the server's only when it reached an outside address: one that knows
    // the server by name alone went through a proxy, and its ports are the proxy's.
    const direct = own.filter((f) => !listed(f, 'proxies') && (f.endpointIp !== null || listed(f, 'ips')));
    const protocols =
      seen.length > 0
        ? seen.flatMap((t) => t.protocols)
        : [...server.ips.flatMap((ip) => protocolsOf.get(ip) ?? []), ...fs.flatMap(impliedProtocolsOf)];
    return {
      host,
      server,
      findings: fs,
      bytesOut: Math.max(sum(seen.map((t) => t.bytesOut)), ...counted.map((f) => f.bytesOut ?? 0)),
      bytesIn: Math.max(sum(seen.map((t) => t.bytesIn)), ...counted.map((f) => f.bytesIn ?? 0)),
      first: minIso([...seen.map((t) => t.first), ...fs.map((f) => f.first)]),
      last: maxIso([...seen.map((t) => t.last), ...fs.map((f) => f.last)]),
      ports: [
        ...new Set([...seen.flatMap((t) => t.ports), ...direct.flatMap((f) => numbers(f.stats['ports']))]),
      ]
        .filter((p) => p > 0)
        .sort((a, b) => a - b),
      protocols: [...new Set(protocols)].sort(),
    };
  });
}
