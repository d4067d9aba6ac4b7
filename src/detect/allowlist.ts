import { readFileSync } from 'node:fs';
import type { Finding } from '../domain/finding.js';
import { errorCodes, MamoriError, messageOf } from '../errors.js';
import { detectIndicator } from '../intel/indicators/normalize.js';
import { type IpRange, tryIpRange } from '../net/ip-range.js';

/**
 * The user's allowlist: addresses, CIDRs, domains (a domain covers its subdomains) and TLS client
 * fingerprints (`ja3:` and the MD5, or the bare MD5), one per line, `#` comments. Applied when
 * detection runs, so editing it needs no re-import.
 */
export class Allowlist {
  private readonly ranges: IpRange[] = [];
  private readonly domains = new Set<string>();
  private readonly ja3s = new Set<string>();

  /** Reads a file; a line that is no address, CIDR or domain is an error naming the line. */
  static fromFile(path: string): Allowlist {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new MamoriError(errorCodes.io, `${path}: cannot read the allowlist: ${messageOf(err)}`);
    }
    const list = new Allowlist();
    text.split('\n').forEach((raw, i) => {
      const line = raw.replace(/#.*$/, '').trim();
      if (line === '') return;
      const ja3 = /^(?:ja3:\s*)?([0-9a-f]{32})$/i.exec(line);
      if (ja3?.[1]) {
        list.ja3s.add(ja3[1].toLowerCase());
        return;
      }
      const n = detectIndicator(line);
      if (n.ok && (n.type === 'ipv4' || n.type === 'ipv6' || n.type === 'cidr')) {
        const r = tryIpRange(n.value);
        if (r) list.ranges.push(r);
      } else if (n.ok && n.type === 'domain') list.domains.add(n.value);
      else
        throw new MamoriError(
          errorCodes.badInput,
          `${path}: line ${i + 1}: "${line}" is not an address, CIDR, domain or JA3 (ja3:<md5>)`,
        );
    });
    return list;
  }

  /** Whether the finding's destination, or the TLS client fingerprint it is about, is allowed. */
  allows(f: Finding): boolean {
    const ja3 = f.stats['ja3'];
    const ja3List = typeof ja3 === 'string' ? [ja3] : Array.isArray(ja3) ? ja3 : [];
    if (ja3List.length > 0 && ja3List.every((j) => this.ja3s.has(String(j).toLowerCase()))) return true;
    const r = f.endpointIp ? tryIpRange(f.endpointIp) : null;
    if (r && this.ranges.some((a) => a.v === r.v && r.lo >= a.lo && r.hi <= a.hi)) return true;
    const labels = (f.endpointDomain ?? '').toLowerCase().split('.');
    for (let i = 0; i < labels.length - 1; i++) if (this.domains.has(labels.slice(i).join('.'))) return true;
    return false;
  }
}
