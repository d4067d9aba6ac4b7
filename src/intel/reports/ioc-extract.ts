import ipaddr from 'ipaddr.js';
import { refang } from '../indicators/defang.js';
import { detectIndicator as detectValue, normalizeAs, normalizeHostname } from '../indicators/normalize.js';
import type { IndicatorType } from '../model.js';
import {
  defangMarkRe,
  domainRe,
  emailRe,
  fileLikeTlds,
  hashRe,
  ipv4Re,
  notHosts,
  urlRe,
  versionBeforeRe,
} from './ioc-patterns.js';

/** One indicator found in free text, at its first place in the refanged text. */
export interface ExtractedIoc {
  readonly type: IndicatorType;
  readonly value: string;
  readonly port?: number;
  readonly index: number;
  readonly length: number;
}

/** What free text yielded: the refanged text the indexes point into, indicators, and what was left out. */
export interface Extraction {
  readonly text: string;
  readonly iocs: readonly ExtractedIoc[];
  /** Private, loopback, link-local, multicast and documentation addresses, which match no one else's traffic. */
  readonly skippedNonPublic: number;
  /** Dotted quads read as version numbers. */
  readonly skippedVersions: number;
}

/**
 * Finds URLs, e-mail addresses, IPv4 addresses and CIDRs, hashes and domains in article text.
 * Each kind is searched after the ones before it are blanked out, so a URL's host or an address's
 * domain is not found again on its own.
 */
export function extractIocs(original: string): Extraction {
  const intentional = defangedHosts(original);
  const text = refang(original);
  const found: ExtractedIoc[] = [];
  let skippedNonPublic = 0;
  let skippedVersions = 0;
  const add = (type: IndicatorType, value: string, index: number, length: number, port?: number) => {
    found.push(port === undefined ? { type, value, index, length } : { type, value, index, length, port });
  };
  const blank = (m: string) => ' '.repeat(m.length);

  let rest = text.replace(urlRe, (m: string, index: number) => {
    const url = trimUrl(m);
    const n = detectValue(url);
    if (n.ok && n.type === 'url') add('url', n.value, index, url.length);
    return blank(m);
  });
  rest = rest.replace(emailRe, (m: string, index: number) => {
    const n = normalizeAs('email', m);
    if (n.ok) add('email', n.value, index, m.length);
    return blank(m);
  });
  const beforeIps = rest;
  rest = rest.replace(ipv4Re, (m: string, index: number) => {
    if (versionBeforeRe.test(beforeIps.slice(Math.max(0, index - 16), index))) {
      skippedVersions++;
      return blank(m);
    }
    const n = detectValue(m);
    if (!n.ok) return blank(m);
    if (!isPublic(n.value)) skippedNonPublic++;
    else add(n.type, n.value, index, m.length, n.port);
    return blank(m);
  });
  rest = rest.replace(hashRe, (m: string, index: number) => {
    if ([32, 40, 64].includes(m.length) && !/^(.)\1*$/.test(m)) {
      const n = detectValue(m);
      if (n.ok) add(n.type, n.value, index, m.length);
    }
    return blank(m);
  });
  for (const m of rest.matchAll(domainRe)) {
    const host = normalizeHostname(m[0], true);
    if (!host || notHosts.has(host)) continue;
    if (/[\\/]$/.test(rest.slice(Math.max(0, m.index - 1), m.index))) continue;
    if (!intentional.has(host) && !looksMeantAsHost(m[0], host)) continue;
    add('domain', host, m.index, m[0].length);
  }

  found.sort((a, b) => a.index - b.index);
  const seen = new Set<string>();
  const iocs = found.filter((f) => {
    const key = `${f.type}:${f.value}:${f.port ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { text, iocs, skippedNonPublic, skippedVersions };
}

/** Hostnames inside text the writer defanged: they are indicators even when they look like file names. */
function defangedHosts(original: string): Set<string> {
  const out = new Set<string>();
  const squeezed = original.replace(/\s?\[\s?(\.|dot)\s?\]\s?/gi, '[.]');
  let covered = 0;
  for (const m of squeezed.matchAll(defangMarkRe)) {
    if (m.index < covered) continue;
    // The whitespace-delimited word around the mark, within bounds so that one huge word stays linear.
    let start = m.index;
    while (start > 0 && start > m.index - 256 && !/\s/.test(squeezed[start - 1] ?? ' ')) start--;
    let end = m.index + m[0].length;
    while (end < squeezed.length && end < m.index + 256 && !/\s/.test(squeezed[end] ?? ' ')) end++;
    covered = end;
    for (const d of refang(squeezed.slice(start, end)).matchAll(domainRe)) {
      const host = normalizeHostname(d[0]);
      if (host) out.add(host);
    }
  }
  return out;
}

/** Undefanged names: not a file-extension TLD, and not a sentence run together ("malware.Network"). */
function looksMeantAsHost(written: string, host: string): boolean {
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (fileLikeTlds.has(tld)) return false;
  const writtenTld = written.slice(written.lastIndexOf('.') + 1);
  return !/^\p{Lu}\p{Ll}+$/u.test(writtenTld);
}

/** Drops punctuation that ends the sentence rather than the URL; keeps a `)` the URL opened. */
function trimUrl(raw: string): string {
  let s = raw;
  for (;;) {
    const last = s.at(-1) ?? '';
    const open = s.split('(').length - 1;
    const close = s.split(')').length - 1;
    if (/[.,;:!?'"]/.test(last) || (last === ')' && close > open)) s = s.slice(0, -1);
    else return s;
  }
}

function isPublic(value: string): boolean {
  try {
    const addr = value.includes('/') ? ipaddr.parseCIDR(value)[0] : ipaddr.parse(value);
    return addr.range() === 'unicast';
  } catch {
    return false;
  }
}
