import { evidenceKindOf } from '../detect/detector-properties.js';
import type { Finding } from '../domain/finding.js';
import type { CorrelateConfig } from './correlate-config.js';
import type { CorrelationFacts } from './correlation-facts.js';
import { atomValue, findingAtoms, isIpAtom } from './endpoints.js';

/**
 * Names the largest video, CDN and cloud providers serve under their own domains (not their
 * customers': a CloudFront or Azure CDN customer gets a name under cloudfront.net or azureedge.net,
 * and those are left out). A store without the MISP warninglists still knows these.
 */
export const popularServiceSuffixes = [
  // Google and YouTube: every video edge has a name of its own (rr3---sn-….googlevideo.com).
  'youtube.com',
  'youtu.be',
  'youtube-nocookie.com',
  'googlevideo.com',
  'ytimg.com',
  'ggpht.com',
  'google.com',
  'googleapis.com',
  'gstatic.com',
  'gvt1.com',
  'gvt2.com',
  '1e100.net',
  'doubleclick.net',
  // Microsoft, Apple and Meta front-ends and update services.
  'microsoft.com',
  'windowsupdate.com',
  'msedge.net',
  'office.com',
  'office365.com',
  'live.com',
  'apple.com',
  'icloud.com',
  'mzstatic.com',
  'facebook.com',
  'fbcdn.net',
  'instagram.com',
  // Video and streaming.
  'netflix.com',
  'nflxvideo.net',
  'twitch.tv',
  'ttvnw.net',
  'vimeocdn.com',
  // CDN edge names (customers reach them through a CNAME of their own).
  'akamaiedge.net',
  'akamaihd.net',
  'akamaized.net',
  'edgekey.net',
  'edgesuite.net',
  'fastly.net',
  'fastlylb.net',
] as const;

/** The label a name matched by `popularServiceSuffixes` gets, as if it were a warninglist. */
export const popularServicesList = 'popular-services';

const builtIn: ReadonlySet<string> = new Set(popularServiceSuffixes);

/** Whether the name or one of its parents is a popular service's own domain. */
export function isPopularServiceName(name: string): boolean {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) if (builtIn.has(labels.slice(i).join('.'))) return true;
  return false;
}

/** The benign lists of a value: the store's warninglists, plus `popular-services` for a built-in name. */
export function popularityLists(
  warninglists: ReadonlyMap<string, readonly string[]> | undefined,
): (value: string) => readonly string[] {
  return (value) => {
    const v = value.toLowerCase();
    const listed = warninglists?.get(v) ?? [];
    return !isIpLike(v) && isPopularServiceName(v) ? [...listed, popularServicesList] : listed;
  };
}

const isIpLike = (v: string) => /^[0-9.]+$/.test(v) || v.includes(':');

/**
 * Whether a finding's server is a popular service: one of its names is on a top-sites list or a
 * provider's own domain; or it has no name of its own and its addresses are in a CDN or cloud
 * range, or DNS names them only with popular names. A name on no list is the operator's own, even on
 * a cloud address: a C2 with its own rare name on a cloud host is not popular.
 */
export function isPopularEndpoint(
  f: Finding,
  listsOf: (value: string) => readonly string[],
  namesOfAddress: (ip: string) => readonly string[],
): boolean {
  const atoms = findingAtoms(f);
  const names = atoms.filter((a) => !isIpAtom(a)).map(atomValue);
  if (names.some((n) => listsOf(n).length > 0)) return true;
  if (names.length > 0) return false;
  const ips = atoms.filter(isIpAtom).map(atomValue);
  if (ips.some((ip) => listsOf(ip).length > 0)) return true;
  return ips.some((ip) => {
    const seen = namesOfAddress(ip);
    return seen.length > 0 && seen.every((n) => listsOf(n).length > 0);
  });
}

const before = (f: Finding) => Number(f.stats['scoreBeforeWarninglist'] ?? f.score);
/** Evidence that names the server as bad, rather than describing behaviour a service also shows. */
const namingKinds: ReadonlySet<string> = new Set(['intel', 'ids']);

/**
 * Whether the findings on a popular service's host↔server pair call it C2 anyway: a threat-intel
 * or Suricata finding at `minScore` or more, or findings of `popularMinKinds` independent kinds of
 * evidence each at `popularCorroborationScore` (before warninglist down-weighting).
 */
export function vettedPopular(f: Finding, related: readonly Finding[], cfg: CorrelateConfig): boolean {
  if (related.some((o) => namingKinds.has(evidenceKindOf(o)) && before(o) >= cfg.minScore)) return true;
  const kinds = new Set(
    [f, ...related].filter((o) => before(o) >= cfg.popularCorroborationScore).map(evidenceKindOf),
  );
  return kinds.size >= cfg.popularMinKinds;
}

/** The names DNS gave each address in the facts. */
export function addressNames(facts: CorrelationFacts): (ip: string) => readonly string[] {
  const out = new Map<string, string[]>();
  for (const r of facts.resolutions ?? []) {
    const list = out.get(r.ip.toLowerCase()) ?? [];
    list.push(r.name.toLowerCase());
    out.set(r.ip.toLowerCase(), list);
  }
  return (ip) => out.get(ip.toLowerCase()) ?? [];
}
