import { type Finding, severityOf } from '../domain/finding.js';
import { evidenceKindOf, isDownWeightedOnProxy, isLookAlikeProne } from './detector-properties.js';

/** A corroborating finding must itself be reported (medium or worse). */
export const corroborationFloor = 0.5;

/** The highest score an uncorroborated look-alike-prone finding keeps: just under high. */
export const uncorroboratedCap = 0.74;

function endpoints(f: Finding): { ips: Set<string>; names: string[] } {
  const ips = new Set<string>();
  if (f.endpointIp) ips.add(f.endpointIp);
  const listed = f.stats['ips'];
  if (Array.isArray(listed)) for (const ip of listed) ips.add(String(ip));
  const names = f.endpointDomain ? [f.endpointDomain.toLowerCase()] : [];
  return { ips, names };
}

const sameName = (a: string, b: string) => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

/** Whether two findings are about the same host and the same server (an address or a name in common). */
export function sameRelation(a: Finding, b: Finding): boolean {
  if (a.host !== b.host) return false;
  const x = endpoints(a);
  const y = endpoints(b);
  for (const ip of x.ips) if (y.ips.has(ip)) return true;
  return x.names.some((n) => y.names.some((m) => sameName(n, m)));
}

/**
 * High severity takes two independent kinds of evidence. A finding from a look-alike-prone detector
 * that no detector of another kind reports (at medium or worse) for the same host and server is
 * capped just under high; one that another kind confirms keeps its score and names the others. Intel, IDS and the DNS detectors
 * are specific enough on their own and are left as they are.
 */
export function applyCorroboration(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => {
    const others = [
      ...new Set(
        findings
          .filter(
            (o) =>
              o.score >= corroborationFloor && evidenceKindOf(o) !== evidenceKindOf(f) && sameRelation(f, o),
          )
          .map((o) => o.detector),
      ),
    ].sort();
    if (others.length > 0) return { ...f, stats: { ...f.stats, corroboratedBy: others } };
    if (!isLookAlikeProne(f) || f.score <= uncorroboratedCap) return f;
    return {
      ...f,
      score: uncorroboratedCap,
      severity: severityOf(uncorroboratedCap),
      stats: { ...f.stats, scoreBeforeCorroboration: f.score },
      explanation: `${f.explanation} Held under high: no other kind of evidence points at this host and server.`,
    };
  });
}

/** What a finding from a proxy's own outbound traffic keeps: the traffic is its clients'. */
export const proxyWeight = 0.5;

/**
 * An explicit web proxy's outbound connections are its clients' requests, which are already found
 * on the clients (through the proxy, by name). Its own findings of detectors that read that traffic
 * (`downWeightedOnProxy`: the look-alike-prone ones and fan-out) keep half their score and say
 * why, so the client, not the proxy, tops the list.
 */
export function downWeightProxies(findings: readonly Finding[], proxies: ReadonlySet<string>): Finding[] {
  if (proxies.size === 0) return [...findings];
  return findings.map((f) => {
    if (!proxies.has(f.host) || !isDownWeightedOnProxy(f)) return f;
    const score = Math.round(f.score * proxyWeight * 1000) / 1000;
    return {
      ...f,
      score,
      severity: severityOf(score),
      stats: { ...f.stats, proxy: f.host, scoreBeforeProxy: f.score },
      explanation: `${f.explanation} Down-weighted: ${f.host} is a web proxy other hosts send their requests through, so this traffic is theirs.`,
    };
  });
}
