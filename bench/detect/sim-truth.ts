// Scores findings against a simulator's labels.json: which infected hosts and C2 servers were found,
// and which findings are false.
import { endpointMatches } from '../../src/detect/evaluation/ground-truth.js';
import type { Finding } from '../../src/domain/finding.js';
import type { SimTruth } from '../../src/sim/labels.js';

export interface SimScore {
  readonly infectedHosts: number;
  readonly hostsFound: number;
  readonly c2Servers: number;
  readonly c2Found: number;
  readonly trueFindings: number;
  readonly falseFindings: number;
  readonly falseHigh: number;
  readonly backgroundHostDays: number;
  /** Up to three false findings, for the report. */
  readonly falseExamples: readonly string[];
}

/**
 * A reported finding (score ≥ `minScore`) is true when its endpoint is one of the intrusion's
 * malicious addresses or names, false when it is on a host that is neither infected nor a relay of
 * the intrusion (the office resolver or proxy) and its endpoint is not malicious; anything else (an
 * infected host's other traffic) is neither. A C2 server is found when a true finding on one of
 * its infected hosts matches any of its addresses or names.
 */
export function scoreSimulation(findings: readonly Finding[], truth: SimTruth, minScore = 0.5): SimScore {
  const reported = findings.filter((f) => f.score >= minScore);
  const malicious = truth.maliciousEndpoints;
  const infected = new Set(truth.infectedHosts);
  const relays = new Set(truth.intrusions.flatMap((i) => i.relays.map((r) => r.ip)));
  let trueFindings = 0;
  let falseFindings = 0;
  let falseHigh = 0;
  const falseExamples: string[] = [];
  for (const f of reported) {
    if (endpointMatches(f, malicious)) trueFindings++;
    else if (!infected.has(f.host) && !relays.has(f.host)) {
      falseFindings++;
      if (f.score >= 0.75) falseHigh++;
      if (falseExamples.length < 3)
        falseExamples.push(`${f.detector} ${f.score} ${f.host}→${f.endpointDomain ?? f.endpointIp}`);
    }
  }
  let hostsFound = 0;
  let c2Servers = 0;
  let c2Found = 0;
  for (const intrusion of truth.intrusions) {
    const endpoints = [
      ...intrusion.c2.flatMap((s) => [...s.ips, ...s.domains]),
      ...(intrusion.generatedDomains ?? []),
    ];
    const hosts = intrusion.infectedHosts.map((h) => h.ip);
    for (const h of hosts)
      if (reported.some((f) => f.host === h && endpointMatches(f, endpoints))) hostsFound++;
    for (const server of intrusion.c2.filter((s) => s.role === 'c2')) {
      c2Servers++;
      const names = [...server.ips, ...server.domains];
      const seenFrom = [...hosts, ...intrusion.relays.map((r) => r.ip)];
      if (reported.some((f) => seenFrom.includes(f.host) && endpointMatches(f, names))) c2Found++;
    }
  }
  return {
    infectedHosts: truth.intrusions.reduce((n, i) => n + i.infectedHosts.length, 0),
    hostsFound,
    c2Servers,
    c2Found,
    trueFindings,
    falseFindings,
    falseHigh,
    backgroundHostDays: (truth.backgroundHosts * truth.params.hours) / 24,
    falseExamples,
  };
}
