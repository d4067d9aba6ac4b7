import { parseIpv4Block, tryIpRange } from '../../net/ip-range.js';
import type { IndicatorType, WarninglistRecord } from '../model.js';
import { CidrSet } from './cidr-set.js';
import { compileEntryRegex } from './warninglist-entries.js';
import { warninglistScope } from './warninglist-scope.js';

/** An entry the matcher could not use, and why. */
export interface SkippedEntry {
  readonly list: string;
  readonly entry: string;
  readonly reason: string;
}

/** Answers "which warninglists hold this indicator?" over lists compiled once into memory. */
export interface WarninglistMatcher {
  /** Ids (record names) of the lists that contain the normalised value, in the order the lists were given. */
  match(type: IndicatorType, value: string): string[];
  /** Entries left out: regexes JavaScript cannot compile, CIDR entries that are not addresses. */
  readonly skipped: readonly SkippedEntry[];
}

type Index = Map<string, number[]>;

/**
 * Compiles warninglists for lookups: CIDR lists as merged sorted ranges (binary search), hostname
 * lists as a suffix index on label boundaries, string lists as exact keys (a `.example.com` entry
 * matches subdomains only), substrings and regexes scanned per list. Each list only answers for the
 * indicator types its `matching_attributes` cover.
 */
export function buildWarninglistMatcher(lists: readonly WarninglistRecord[]): WarninglistMatcher {
  const skipped: SkippedEntry[] = [];
  const ids = lists.map((l) => l.name);
  const scopes = lists.map((l) => warninglistScope(l));
  const exact: Index = new Map();
  const hostSuffix: Index = new Map();
  const subdomainsOnly: Index = new Map();
  const cidrLists: { idx: number; set: CidrSet }[] = [];
  const substringLists: { idx: number; entries: string[] }[] = [];
  const regexLists: { idx: number; res: RegExp[] }[] = [];

  lists.forEach((list, idx) => {
    switch (list.matchType) {
      case 'cidr': {
        const set = new CidrSet(list.entries, (entry, reason) =>
          skipped.push({ list: list.name, entry, reason }),
        );
        cidrLists.push({ idx, set });
        break;
      }
      case 'hostname':
        for (const e of list.entries) add(hostSuffix, e, idx);
        break;
      case 'string':
        for (const e of list.entries) {
          if (e.startsWith('.') && e.length > 1) add(subdomainsOnly, e.slice(1), idx);
          else add(exact, e, idx);
        }
        break;
      case 'substring':
        substringLists.push({ idx, entries: list.entries.filter((e) => e !== '') });
        break;
      case 'regex': {
        const res: RegExp[] = [];
        for (const e of list.entries) {
          const re = compileEntryRegex(e);
          if (typeof re === 'string') skipped.push({ list: list.name, entry: e, reason: re });
          else res.push(re);
        }
        regexLists.push({ idx, res });
        break;
      }
    }
  });

  function match(type: IndicatorType, value: string): string[] {
    // Most lookups hit nothing or one list; a small array beats a Set here.
    const hits: number[] = [];
    const hit = (idx: number) => {
      if (scopes[idx]?.has(type) === true && !hits.includes(idx)) hits.push(idx);
    };
    const collect = (found: number[] | undefined) => {
      if (found) for (const idx of found) hit(idx);
    };
    // Entries are lower-case; indicator values are too, except URL paths.
    const lower = type === 'url' ? value.toLowerCase() : value;
    collect(exact.get(lower));
    for (const { idx, entries } of substringLists) {
      if (scopes[idx]?.has(type) && entries.some((e) => lower.includes(e))) hit(idx);
    }
    for (const { idx, res } of regexLists) {
      if (scopes[idx]?.has(type) && res.some((re) => re.test(value))) hit(idx);
    }
    if (type === 'ipv4' || type === 'ipv6' || type === 'cidr') matchAddress(value, hit);
    const host = type === 'domain' ? lower : type === 'url' ? hostOfUrl(value) : null;
    if (host) {
      if (type === 'url') collect(exact.get(host));
      // `a.b.example.com`, then `b.example.com`, `example.com`, `com`: suffixes on label boundaries.
      let dot = -1;
      do {
        const suffix = host.slice(dot + 1);
        collect(hostSuffix.get(suffix));
        if (dot >= 0) collect(subdomainsOnly.get(suffix));
        dot = host.indexOf('.', dot + 1);
      } while (dot >= 0);
    }
    if (hits.length === 0) return [];
    if (hits.length === 1) return [ids[hits[0] as number] ?? ''];
    // Two records may carry one name (the same list imported from two places): report it once.
    return [...new Set(hits.sort((a, b) => a - b).map((idx) => ids[idx] ?? ''))];
  }

  function matchAddress(value: string, hit: (idx: number) => void): void {
    if (cidrLists.length === 0) return;
    // Plain IPv4 skips the bigint path: it is most of what network data looks up.
    const v4 = parseIpv4Block(value);
    if (v4) {
      for (const { idx, set } of cidrLists) if (set.coversIpv4(v4.lo, v4.hi)) hit(idx);
      return;
    }
    const range = tryIpRange(value);
    if (range) for (const { idx, set } of cidrLists) if (set.covers(range)) hit(idx);
  }

  return { match, skipped };
}

function add(index: Index, key: string, idx: number): void {
  const found = index.get(key);
  if (!found) index.set(key, [idx]);
  else if (found[found.length - 1] !== idx) found.push(idx);
}

function hostOfUrl(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return host === '' || host.startsWith('[') ? null : host;
  } catch {
    return null;
  }
}
