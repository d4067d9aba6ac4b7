import { domainToASCII } from 'node:url';
import { clip } from '../../clip.js';
import { parseIpv4Block } from '../../net/ip-range.js';
import { normalizeAs } from '../indicators/normalize.js';
import type { WarninglistRecord } from '../model.js';

/** A normalised warninglist entry, or why it was dropped. */
export type EntryResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Normalises one entry for its list's match type: CIDRs canonical (single hosts stay addresses),
 * hostnames lower-case without `*.`/`.` prefix or trailing dot, strings and substrings trimmed and
 * lower-cased (indicator values are lower-case; the matcher lower-cases URLs to compare), regexes
 * checked to compile.
 */
export function normalizeEntry(matchType: WarninglistRecord['matchType'], raw: string): EntryResult {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'empty entry' };
  switch (matchType) {
    case 'cidr': {
      // Most entries are already canonical IPv4; skip the full parser for those.
      if (parseIpv4Block(text)?.canonical) return { ok: true, value: text };
      const n = normalizeAs('cidr', text);
      return n.ok ? { ok: true, value: n.value } : { ok: false, reason: n.reason };
    }
    case 'hostname': {
      // Lists such as public-dns-hostname hold odd but harmless names (`-250.starlink.ru`); only
      // text that cannot be a name at all is dropped.
      let host = text
        .toLowerCase()
        .replace(/^(?:\*\.|\.)+/, '')
        .replace(/\.$/, '');
      if (/[^\x00-\x7f]/.test(host)) host = domainToASCII(host);
      if (host === '' || /[\s/@]/.test(host))
        return { ok: false, reason: `"${clip(raw, 80, { mark: '...' })}" is not a hostname` };
      return { ok: true, value: host };
    }
    case 'string':
    case 'substring':
      return { ok: true, value: text.toLowerCase() };
    case 'regex': {
      const re = compileEntryRegex(text);
      return typeof re === 'string' ? { ok: false, reason: re } : { ok: true, value: text };
    }
  }
}

/**
 * Compiles a regex entry, written either bare or PCRE-style as `/pattern/flags`; returns the reason
 * when JavaScript cannot compile it.
 */
export function compileEntryRegex(entry: string): RegExp | string {
  const delimited = /^\/(.*)\/([a-zA-Z]*)$/s.exec(entry);
  const source = delimited?.[1] ?? entry;
  const rawFlags = delimited?.[2] ?? '';
  const unsupported = rawFlags.replace(/[imsu]/g, '');
  if (unsupported !== '')
    return `regex flag(s) "${unsupported}" are not supported in "${clip(entry, 80, { mark: '...' })}"`;
  try {
    return new RegExp(source, [...new Set(rawFlags)].join(''));
  } catch (err) {
    return `invalid regex "${clip(entry, 80, { mark: '...' })}": ${(err as Error).message}`;
  }
}
