import { detectorNames, detectors } from '../detect/registry.js';
import type { Finding } from '../domain/finding.js';

/** The thresholds of incident correlation, in one place (README.md explains each). */
export const correlateDefaults = {
  /** Findings at or above this score build incidents; weaker ones only attach to an incident's host and server. */
  minScore: 0.5,
  /** A finding that would join two incidents already formed must score at least this… */
  bridgeScore: 0.6,
  /** …and overlap both incidents' activity in time, give or take this many seconds. */
  overlapSlackSeconds: 2 * 3600,
  /** A server is common when more than this share of the internal hosts reach it… */
  commonShare: 0.5,
  /** …at least this many… */
  commonMinHosts: 5,
  /**
   * …and fewer than this share of them have a finding on it (a popular service has findings on a
   * few of its many users; a C2 on a good part of them). Common servers link no hosts.
   */
  commonFlaggedShare: 0.2,
  /** An address DNS answered for more names than this is shared hosting: no names are merged through it. */
  maxNamesPerAddress: 4,
  /** A name answered with more addresses than this is a CDN or a pool: its addresses are not merged. */
  maxAddressesPerName: 16,
  /** A certificate or JA3S links servers only when at least this share of the addresses presenting it have findings. */
  sharedTraitShare: 0.5,
  /** Administration ports whose use between two flagged hosts can be lateral movement. */
  adminPorts: [22, 135, 139, 445, 3389, 5985, 5986] as readonly number[],
  /** How long before a host's first finding an administration connection to it counts. */
  adminLookbackSeconds: 2 * 3600,
  /** The bytes such a connection must send (a probe or a scan sends almost none). */
  adminMinBytes: 1000,
  /** Hosts reached on administration ports by more internal hosts than this are servers, not victims. */
  adminMaxSources: 3,
  /** The weight of a lateral-movement link, as if it were a finding's score. */
  adminLinkWeight: 0.8,
  /** Weak findings that can be the way into a host (a downloaded payload; detectors marked `leadIn`)… */
  leadInDetectors: detectorNames.filter((n) => detectors[n].leadIn) as readonly string[],
  /** …join the host's incident, with their server, when they start at most this long before its first strong finding… */
  leadInBeforeSeconds: 30 * 60,
  /** …or this long after it (the implant fetching its next stage)… */
  leadInAfterSeconds: 30 * 60,
  /** …and score at least this (a warninglisted site's download scores less). */
  leadInMinScore: 0.2,
  /** A lead-in scoring at least this (an executable from a bare address or disguised) joins at any time until the host's last strong finding. */
  leadInAnytimeScore: 0.4,
  /**
   * A popular service (top-sites lists, a CDN, cloud or video provider's own names) is C2 only with
   * intel or an IDS alert on it, or findings of this many independent kinds of evidence…
   */
  popularMinKinds: 2,
  /** …each scoring at least this (high) before warninglist down-weighting. */
  popularCorroborationScore: 0.75,
  /** Each further kind of evidence closes this share of the gap between the best score and 1. */
  corroborationGain: 0.2,
  /** At most this many timeline entries per incident (the first contacts are always kept). */
  timelineCap: 200,
};

export type CorrelateConfig = typeof correlateDefaults;

/** Options of `correlate`: any threshold can be overridden. */
export type CorrelateOptions = Partial<CorrelateConfig>;

/** The defaults with the given overrides. */
export function correlateConfig(opts: CorrelateOptions = {}): CorrelateConfig {
  const defined = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
  return { ...correlateDefaults, ...defined };
}

/**
 * Whether a finding may build incidents: at or above the minimum score, and not one detection
 * down-weighted because its host is a web proxy relaying other hosts' traffic (the relay is not the
 * victim; the hosts behind it have findings of their own).
 */
export function isStrong(f: Finding, minScore: number): boolean {
  return f.score >= minScore && f.host !== '' && f.stats['proxy'] !== f.host;
}
