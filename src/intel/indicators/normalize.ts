import { domainToASCII } from 'node:url';
import ipaddr from 'ipaddr.js';
import { parse as parseDomain } from 'tldts';
import { clip } from '../../clip.js';
import type { IndicatorType } from '../model.js';
import { refang } from './defang.js';

/** A typed, normalised indicator value, or why the text is not one. */
export type Normalized =
  | { readonly ok: true; readonly type: IndicatorType; readonly value: string; readonly port?: number }
  | { readonly ok: false; readonly reason: string };

const hexLengths: Partial<Record<IndicatorType, number>> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  ja3: 32,
  ja3s: 32,
};
const hostnameRe = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;
const emailRe = /^[^\s@<>()[\],;:"]+@([^\s@<>()[\],;:"]+)$/;
const ja4Re = /^[tqd][0-9sid][0-9]{2}[di][0-9]{4}[0-9a-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}$/;

const bad = (reason: string): Normalized => ({ ok: false, reason });
const specialTlds = new Set([
  'example',
  'test',
  'invalid',
  'onion',
  'local',
  'internal',
  'corp',
  'lan',
  'home',
]);

/** Normalises `raw` as the given type: refanged, lower-cased, canonical address forms. */
export function normalizeAs(type: IndicatorType, raw: string): Normalized {
  const text = refang(raw.trim());
  switch (type) {
    case 'ipv4':
    case 'ipv6':
    case 'cidr':
      return normalizeAddress(text, type);
    case 'domain': {
      const host = normalizeHostname(text.replace(/^\*\./, ''));
      return host
        ? { ok: true, type, value: host }
        : bad(`"${clip(raw, 80, { mark: '...' })}" is not a domain name`);
    }
    case 'url':
      return normalizeUrl(text);
    case 'email': {
      const m = emailRe.exec(text.toLowerCase());
      const host = m?.[1] ? normalizeHostname(m[1]) : null;
      return m && host
        ? { ok: true, type, value: `${text.toLowerCase().split('@')[0]}@${host}` }
        : bad(`"${clip(raw, 80, { mark: '...' })}" is not an e-mail address`);
    }
    case 'ja4':
      return ja4Re.test(text.toLowerCase())
        ? { ok: true, type, value: text.toLowerCase() }
        : bad(`"${clip(raw, 80, { mark: '...' })}" is not a JA4 fingerprint`);
    case 'x509': {
      const hex = text.replace(/:/g, '').toLowerCase();
      return /^(?:[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{32})$/.test(hex)
        ? { ok: true, type, value: hex }
        : bad(
            `"${clip(raw, 80, { mark: '...' })}" is not a certificate fingerprint (MD5, SHA-1 or SHA-256 hex)`,
          );
    }
    default: {
      const want = hexLengths[type] ?? 0;
      const hex = text.toLowerCase();
      return hex.length === want && /^[0-9a-f]+$/.test(hex)
        ? { ok: true, type, value: hex }
        : bad(`"${clip(raw, 80, { mark: '...' })}" is not a ${type} (${want} hex digits)`);
    }
  }
}

/**
 * Guesses the type of an untyped value (a line of an IOC list): addresses, CIDRs, URLs, e-mail
 * addresses, MD5/SHA-1/SHA-256 by length, then domain names with a known public suffix.
 */
export function detectIndicator(raw: string): Normalized {
  const text = refang(raw.trim()).replace(/[,;]+$/, '');
  if (text === '') return bad('empty value');
  if (/^[0-9a-fA-F]+$/.test(text)) {
    if (text.length === 32) return normalizeAs('md5', text);
    if (text.length === 40) return normalizeAs('sha1', text);
    if (text.length === 64) return normalizeAs('sha256', text);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return normalizeUrl(text);
  if (text.includes('@') && !text.includes('/')) return normalizeAs('email', text);
  if (/^[0-9.]+(\/\d+)?(:\d+)?$/.test(text) || (text.includes(':') && /^[0-9a-f:.]+(\/\d+)?$/i.test(text)))
    return normalizeAddress(text, null);
  if (/^\[[0-9a-f:.]+\]:\d+$/i.test(text)) return normalizeAddress(text, null);
  if (text.includes('/')) {
    // A host and path without a scheme, as PwC's list writes its URLs.
    const host = normalizeHostname(text.split('/')[0] ?? '', true);
    return host
      ? normalizeUrl(`http://${text}`)
      : bad(`"${clip(raw, 80, { mark: '...' })}" is not an indicator`);
  }
  const host = normalizeHostname(text.replace(/^\*\./, ''), true);
  if (host) return { ok: true, type: 'domain', value: host };
  return bad(
    `"${clip(raw, 80, { mark: '...' })}" is not an IP address, CIDR, domain, URL, e-mail address or hash`,
  );
}

/** Lower-cased ASCII (punycode) hostname without a trailing dot, or null when it is not one. */
export function normalizeHostname(raw: string, requireKnownSuffix = false): string | null {
  let host = raw.trim().toLowerCase().replace(/\.$/, '');
  if (host === '' || host.includes(' ')) return null;
  if (/[^\x00-\x7f]/.test(host)) {
    host = domainToASCII(host);
    if (host === '') return null;
  }
  if (!hostnameRe.test(host)) return null;
  if (/^[0-9.]+$/.test(host)) return null;
  if (requireKnownSuffix) {
    // Private suffixes (ddns.net, hopto.org, github.io) are where much C2 lives; special-use and
    // internal names (RFC 6761, .onion, .corp) appear in lists and exercises too.
    const p = parseDomain(host, { allowPrivateDomains: true });
    if (!p.isIcann && !p.isPrivate && !specialTlds.has(host.slice(host.lastIndexOf('.') + 1))) return null;
  }
  return host;
}

function normalizeUrl(text: string): Normalized {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad(`"${clip(text, 80, { mark: '...' })}" is not a URL`);
  }
  if (!/^(https?|ftp):$/.test(url.protocol))
    return bad(`"${clip(text, 80, { mark: '...' })}" is not an http, https or ftp URL`);
  if (url.hostname === '') return bad(`"${clip(text, 80, { mark: '...' })}" has no host`);
  // URL already lower-cases the scheme and host and punycodes IDNs; the path keeps its case.
  return { ok: true, type: 'url', value: url.href };
}

function normalizeAddress(text: string, want: IndicatorType | null): Normalized {
  let addr = text;
  let port: number | undefined;
  const bracketed = /^\[([0-9a-f:.]+)\]:(\d+)$/i.exec(addr);
  const v4port = /^([0-9.]+):(\d+)$/.exec(addr);
  const m = bracketed ?? v4port;
  if (m?.[1] && m[2]) {
    addr = m[1];
    port = Number(m[2]);
    if (port > 65535) return bad(`port ${port} out of range in "${clip(text, 80, { mark: '...' })}"`);
  }
  try {
    if (addr.includes('/')) {
      const [ip, bits] = ipaddr.parseCIDR(addr);
      const max = ip.kind() === 'ipv4' ? 32 : 128;
      if (bits === max) {
        const type = ip.kind() === 'ipv4' ? 'ipv4' : 'ipv6';
        return checkWanted({ ok: true, type, value: ip.toString() }, want);
      }
      // The network address, so that 10.1.2.3/8 and 10.0.0.0/8 are one indicator.
      const net =
        ip.kind() === 'ipv4'
          ? ipaddr.IPv4.networkAddressFromCIDR(addr)
          : ipaddr.IPv6.networkAddressFromCIDR(addr);
      return checkWanted({ ok: true, type: 'cidr', value: `${net.toString()}/${bits}` }, want);
    }
    if (ip4Strict(addr) || (addr.includes(':') && ipaddr.IPv6.isValid(addr))) {
      const ip = ipaddr.parse(addr);
      const type = ip.kind() === 'ipv4' ? 'ipv4' : 'ipv6';
      const value =
        type === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()
          ? (ip as ipaddr.IPv6).toIPv4Address().toString()
          : ip.toString();
      const finalType = value.includes(':') ? 'ipv6' : 'ipv4';
      return checkWanted(
        port === undefined
          ? { ok: true, type: finalType, value }
          : { ok: true, type: finalType, value, port },
        want,
      );
    }
  } catch {
    // fall through to the error below
  }
  return bad(`"${clip(text, 80, { mark: '...' })}" is not an IP address or CIDR`);
}

/** Four decimal octets 0–255; ipaddr.js alone also accepts octal, hex and short forms. */
function ip4Strict(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function checkWanted(n: Normalized, want: IndicatorType | null): Normalized {
  if (!n.ok || want === null || want === n.type) return n;
  // A CIDR source may list single hosts; an ip source may not list networks.
  if (want === 'cidr' && (n.type === 'ipv4' || n.type === 'ipv6')) return n;
  if ((want === 'ipv4' || want === 'ipv6') && (n.type === 'ipv4' || n.type === 'ipv6')) return n;
  return bad(`"${n.value}" is a ${n.type}, not a ${want}`);
}
