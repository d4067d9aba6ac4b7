import { commonServicePorts, dynamicPortsFrom } from '../common-ports.js';
import { defaultLongConfig, serverRarity } from './long-score.js';

/** Thresholds of the session score; defaults documented in the README. */
export interface SessionConfig {
  /** Sessions shorter than this (seconds) are not scored. */
  readonly minSession: number;
  /** A session this long (seconds) gets the whole duration part. */
  readonly fullSession: number;
  /** A port is uncommon when at most this many internal hosts use it to external addresses… */
  readonly uncommonPortHosts: number;
  /** …or at most this share of them. */
  readonly uncommonPortShare: number;
  /** A host reaching at most this many other external addresses otherwise stays inside. */
  readonly quietMaxOther: number;
}

export const defaultSessionConfig: SessionConfig = {
  minSession: 10 * 60,
  fullSession: 2 * 3600,
  uncommonPortHosts: 2,
  uncommonPortShare: 0.05,
  quietMaxOther: 2,
};

/** What one session pair's score is made of. */
export interface SessionFacts {
  /** Longest session, seconds. */
  readonly longest: number;
  /** The port is outside the everyday-service list and below the dynamic range. */
  readonly unusualPort: boolean;
  /** Internal hosts using the port to external addresses, and internal hosts in all. */
  readonly portHosts: number;
  readonly internalHosts: number;
  /** External addresses the host reached besides this server. */
  readonly otherExternal: number;
  /** Share of the internal hosts reaching this server. */
  readonly prevalenceShare: number;
}

/** How much the session counts, and why. */
export interface SessionScore {
  readonly score: number;
  readonly uncommonPort: boolean;
  /** 1 when the host reached no other external address, ½ for one or two, else 0. */
  readonly quiet: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

const everyday: ReadonlySet<number> = new Set(commonServicePorts);

/** A port outside the everyday-service list and below the dynamic range: a service someone chose. */
export function isUnusualPort(port: number): boolean {
  return !everyday.has(port) && port > 0 && port < dynamicPortsFrom;
}

/**
 * A session of minutes, not hours, on a port almost no host uses, or from a host that otherwise
 * speaks only to internal servers: an IRC channel, a reverse shell on 4444, one operator session.
 * Each of the two facts adds 0.2 to a base of 0.25, and the duration up to 0.35 (10 min → 0, 2 h →
 * full, on a log scale); a server much of the network uses fades as in the long-connection score.
 * An uncommon port from a quiet host scores 0.65 at 10 minutes; an uncommon port alone, or a host
 * reaching no other external address, reaches 0.5 at 14 minutes.
 */
export function sessionScore(s: SessionFacts, cfg: SessionConfig = defaultSessionConfig): SessionScore {
  const uncommonPort =
    s.unusualPort && s.portHosts <= Math.max(cfg.uncommonPortHosts, cfg.uncommonPortShare * s.internalHosts);
  const quiet = s.otherExternal === 0 ? 1 : s.otherExternal <= cfg.quietMaxOther ? 0.5 : 0;
  if (s.longest < cfg.minSession || (!uncommonPort && quiet === 0)) return { score: 0, uncommonPort, quiet };
  const duration = clamp01(Math.log(s.longest / cfg.minSession) / Math.log(cfg.fullSession / cfg.minSession));
  const raw = 0.25 + (uncommonPort ? 0.2 : 0) + 0.2 * quiet + 0.35 * duration;
  const score = Math.round(clamp01(raw) * serverRarity(s.prevalenceShare, defaultLongConfig) * 1000) / 1000;
  return { score, uncommonPort, quiet };
}
