// Scoring one seed: does the incident match the planted intrusion, and how good is its attribution.
import type { Attribution } from '../../src/domain/attribution.js';
import type { Incident } from '../../src/domain/incident.js';
import type { IntrusionTruth } from '../../src/sim/labels.js';

/** The incident holding most of the intrusion's infected hosts (ties: most servers in common). */
export function incidentOf(incidents: readonly Incident[], truth: IntrusionTruth): Incident | null {
  const hosts = new Set(truth.infectedHosts.map((h) => h.ip));
  const values = new Set(truth.c2.flatMap((c) => [...c.ips, ...c.domains]));
  let best: Incident | null = null;
  let bestScore = 0;
  for (const inc of incidents) {
    const h = inc.hosts.filter((x) => hosts.has(x.ip)).length;
    const s = inc.servers.filter((x) => [...x.ips, ...x.domains].some((v) => values.has(v))).length;
    const score = h * 1000 + s;
    if (score > bestScore) {
      best = inc;
      bestScore = score;
    }
  }
  return best;
}

/** How the incident compares with the labels: hosts exactly, and servers one to one. */
export interface LabelMatch {
  readonly hostsExact: boolean;
  readonly serversExact: boolean;
  readonly note: string;
}

export function matchLabels(inc: Incident | null, truth: IntrusionTruth): LabelMatch {
  if (!inc) return { hostsExact: false, serversExact: false, note: 'no incident' };
  const want = truth.infectedHosts.map((h) => h.ip).sort();
  const got = inc.hosts.map((h) => h.ip).sort();
  const hostsExact = want.join() === got.join();
  const servers = truth.c2.map((c) => new Set([...c.ips, ...c.domains]));
  const owner = (x: Incident['servers'][number]) =>
    servers.findIndex((s) => [...x.ips, ...x.domains].some((v) => s.has(v)));
  const owners = inc.servers.map(owner);
  const stray = inc.servers.filter((_, i) => owners[i] === -1).map((x) => x.key);
  const covered = new Set(owners.filter((o) => o >= 0));
  const split = owners.filter((o) => o >= 0).length - covered.size;
  const missing = servers.length - covered.size;
  const serversExact = stray.length === 0 && split === 0 && missing === 0;
  const notes = [
    hostsExact
      ? ''
      : `hosts ${got.length}/${want.length}${got.filter((h) => !want.includes(h)).length ? ` (+${got.filter((h) => !want.includes(h)).join(' ')})` : ''}`,
    stray.length ? `stray servers ${stray.join(' ')}` : '',
    split ? `${split} label servers split` : '',
    missing ? `${missing} label servers missing` : '',
  ].filter(Boolean);
  return { hostsExact, serversExact, note: notes.join('; ') };
}

/** The attribution against the truth (an actor id, or null for "unknown"). */
export interface AttributionScore {
  readonly top: string;
  readonly topProbability: number;
  readonly topTerm: string;
  readonly truthProbability: number;
  readonly correct: boolean;
  /** Top hypothesis is the truth at "likely" (55%) or above. */
  readonly likelyOrAbove: boolean;
  /** Multi-class Brier score over the shown hypotheses (a truth not shown counts with probability 0). */
  readonly brier: number;
  readonly confidence: string;
  /** The probability given to the planted actor (APT10), whatever the truth. */
  readonly apt10Probability: number;
}

export function scoreAttribution(
  a: Attribution | null,
  truth: string | null,
  planted: string,
): AttributionScore {
  // No incident: nothing was attributed, which reads as "unknown" for sure.
  const hs = a?.hypotheses ?? [{ actorId: null, actor: 'unknown', probability: 1, term: 'no incident' }];
  const isTruth = (id: string | null) => id === truth;
  const top = hs[0];
  const truthP = hs.find((h) => isTruth(h.actorId))?.probability ?? 0;
  const shownTruth = hs.some((h) => isTruth(h.actorId));
  const brier =
    hs.reduce((s, h) => s + (h.probability - (isTruth(h.actorId) ? 1 : 0)) ** 2, 0) + (shownTruth ? 0 : 1);
  const correct = top !== undefined && isTruth(top.actorId);
  return {
    top: top ? (top.actorId === null ? 'unknown' : top.actor) : 'none',
    topProbability: top?.probability ?? 0,
    topTerm: top?.term ?? '—',
    truthProbability: truthP,
    correct,
    likelyOrAbove: correct && (top?.probability ?? 0) >= 0.55,
    brier,
    confidence: a?.confidence ?? '—',
    apt10Probability: hs.find((h) => h.actorId === planted)?.probability ?? 0,
  };
}
