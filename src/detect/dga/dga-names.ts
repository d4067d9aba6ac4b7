import { labelRandomness } from '../dns-names/name-randomness.js';
import { icannParts } from '../dns-names/registered-domain.js';
import type { NxName, ResolvedName } from './dga-query.js';

/** One registered domain a host failed to resolve. */
export interface FailedDomain {
  readonly domain: string;
  readonly label: string;
  readonly suffix: string;
  /** First failure, epoch seconds. */
  readonly first: number;
  readonly count: number;
  /** Most internal clients failing on one of its names. */
  readonly hosts: number;
  readonly randomness: number;
}

/**
 * Failed names grouped by registered domain under a real TLD. Search-suffix appending
 * (`www.example.com.corp.local`), bare labels (Chrome's probes) and internal zones have no ICANN
 * domain and drop out; names under one domain (typos of a host, DNSBL lookups) count once.
 */
export function failedDomains(names: readonly NxName[]): FailedDomain[] {
  const byDomain = new Map<string, FailedDomain>();
  for (const n of names) {
    const parts = icannParts(n.name);
    if (!parts) continue;
    const seen = byDomain.get(parts.domain);
    byDomain.set(parts.domain, {
      domain: parts.domain,
      label: parts.label,
      suffix: parts.suffix,
      first: Math.min(seen?.first ?? n.first, n.first),
      count: (seen?.count ?? 0) + n.count,
      hosts: Math.max(seen?.hosts ?? 0, n.hosts),
      randomness: seen?.randomness ?? labelRandomness(parts.label),
    });
  }
  return [...byDomain.values()].sort((a, b) => a.first - b.first);
}

/** Most of the given times (epoch seconds) within any window of `seconds`. */
export function maxBurst(times: readonly number[], seconds: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < t.length; hi++) {
    while ((t[hi] ?? 0) - (t[lo] ?? 0) > seconds) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/** A resolved name shaped like the random failed ones: the domain the DGA found registered. */
export interface Lookalike {
  readonly name: string;
  readonly domain: string;
  readonly answers: readonly string[];
  readonly connected: boolean;
  readonly first: number;
}

/** A DGA tries its names back to back: the one that resolves is asked among the failures. */
const nearFailure = 60;

/**
 * Resolved names whose registered label looks random and matches the failed ones' shape (one of
 * their TLDs, a label length within their range: DGA families draw from fixed TLD lists and
 * lengths), first asked within a minute of a failure.
 */
export function lookalikes(
  resolved: readonly ResolvedName[],
  random: readonly FailedDomain[],
  randomAt: number,
): Lookalike[] {
  if (random.length === 0) return [];
  const times = random.map((d) => d.first).sort((a, b) => a - b);
  const near = (t: number) => times.some((f) => Math.abs(f - t) <= nearFailure);
  const suffixes = new Set(random.map((d) => d.suffix));
  const lengths = random.map((d) => d.label.length);
  const lo = Math.min(...lengths) - 1;
  const hi = Math.max(...lengths) + 1;
  const byDomain = new Map<string, Lookalike>();
  for (const r of resolved) {
    const parts = icannParts(r.name);
    if (!parts || !suffixes.has(parts.suffix)) continue;
    if (parts.label.length < lo || parts.label.length > hi) continue;
    if (labelRandomness(parts.label) < randomAt || !near(r.first)) continue;
    const seen = byDomain.get(parts.domain);
    // Keep the name that tells most: one the host connected to.
    if (!seen || (!seen.connected && r.connected)) byDomain.set(parts.domain, { ...r, domain: parts.domain });
  }
  return [...byDomain.values()].sort((a, b) => a.first - b.first);
}

const sinkholeLike = (ip: string) => ip.startsWith('127.') || ip === '0.0.0.0' || ip === '::1' || ip === '::';

/** The look-alike to report as the endpoint: connected to first, then with a routable answer. */
export function likelyHit(found: readonly Lookalike[]): { domain: string; ip: string | null } | null {
  const routable = (l: Lookalike) => l.answers.find((a) => !sinkholeLike(a)) ?? null;
  const best =
    found.find((l) => l.connected && routable(l)) ?? found.find((l) => routable(l)) ?? found[0] ?? null;
  return best ? { domain: best.domain, ip: routable(best) } : null;
}
