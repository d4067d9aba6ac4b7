import type { Finding } from '../../domain/finding.js';

/** One known compromise: an infected host and the servers it talks to (addresses, names or CIDRs). */
export interface TruthPair {
  readonly host: string;
  /** Addresses, domain names (a finding on a subdomain counts) or CIDRs of the C2 side. */
  readonly servers: readonly string[];
  readonly note?: string;
}

/** How a ranked finding list compares with the known compromises. */
export interface TruthScore {
  /** For each truth pair, the 1-based rank of its first finding (null when not found). */
  readonly ranks: readonly (number | null)[];
  /** Share of truth pairs with a finding in the top `topN`. */
  readonly topHit: number;
  readonly infectedHostRecall: number;
  readonly serverRecall: number;
  /** Share of reported findings that belong to a truth pair. */
  readonly precision: number;
  readonly reported: number;
  readonly falseFindings: number;
  readonly falseHighFindings: number;
}

function ipToInt(ip: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return null;
  return ((Number(m[1]) << 24) >>> 0) + (Number(m[2]) << 16) + (Number(m[3]) << 8) + Number(m[4]);
}

/** True when the finding's endpoint is one of the servers (address, CIDR, domain or subdomain). */
export function endpointMatches(f: Finding, servers: readonly string[]): boolean {
  const ips = [f.endpointIp, ...((f.stats['ips'] as readonly string[] | undefined) ?? [])].filter(
    (x): x is string => typeof x === 'string',
  );
  const domain = f.endpointDomain?.toLowerCase() ?? null;
  return servers.some((s) => {
    const server = s.toLowerCase();
    if (server.includes('/')) {
      const [base, bits] = server.split('/');
      const b = ipToInt(base ?? '');
      const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
      return b !== null && ips.some((ip) => ((ipToInt(ip) ?? -1) & mask) >>> 0 === (b & mask) >>> 0);
    }
    if (ips.includes(server)) return true;
    return domain !== null && (domain === server || domain.endsWith(`.${server}`));
  });
}

/** A finding belongs to a truth pair when host and endpoint match it. */
export function truthOf(f: Finding, truth: readonly TruthPair[]): TruthPair | undefined {
  return truth.find((t) => t.host === f.host && endpointMatches(f, t.servers));
}

/**
 * Scores a ranked finding list (best first) against the truth. Findings under `minScore` are not
 * "reported" for precision; ranks look at the whole list. Benign findings are false; a finding on an
 * infected host with some other endpoint is neither true nor false (it is not a C2 server we know of,
 * but the host is compromised), so it is left out of precision.
 */
export function scoreAgainstTruth(
  ranked: readonly Finding[],
  truth: readonly TruthPair[],
  opts: { topN?: number; minScore?: number } = {},
): TruthScore {
  const topN = opts.topN ?? 3;
  const minScore = opts.minScore ?? 0.5;
  const ranks = truth.map((t) => {
    const i = ranked.findIndex((f) => f.host === t.host && endpointMatches(f, t.servers));
    return i < 0 ? null : i + 1;
  });
  const reported = ranked.filter((f) => f.score >= minScore);
  const infected = new Set(truth.map((t) => t.host));
  let good = 0;
  let bad = 0;
  let badHigh = 0;
  for (const f of reported) {
    if (truthOf(f, truth)) good++;
    else if (!infected.has(f.host)) {
      bad++;
      if (f.score >= 0.75) badHigh++;
    }
  }
  const hostsFound = new Set(reported.filter((f) => truthOf(f, truth)).map((f) => f.host));
  const serversFound = new Set<string>();
  const allServers = new Set(truth.flatMap((t) => t.servers));
  for (const f of reported)
    for (const t of truth)
      if (t.host === f.host) for (const s of t.servers) if (endpointMatches(f, [s])) serversFound.add(s);
  return {
    ranks,
    topHit: truth.length === 0 ? 1 : ranks.filter((r) => r !== null && r <= topN).length / truth.length,
    infectedHostRecall: infected.size === 0 ? 1 : hostsFound.size / infected.size,
    serverRecall: allServers.size === 0 ? 1 : serversFound.size / allServers.size,
    precision: good + bad === 0 ? 1 : good / (good + bad),
    reported: reported.length,
    falseFindings: bad,
    falseHighFindings: badHigh,
  };
}
