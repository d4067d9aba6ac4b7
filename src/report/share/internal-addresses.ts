import { isIP } from 'node:net';
import { errorCodes, MamoriError } from '../../errors.js';
import { type IpRange, tryIpRange } from '../../net/ip-range.js';
import { nonPublicBlocks } from '../../net/live-scope.js';
import type { AttributedIncident } from '../report-format.js';

/**
 * What counts as internal when sharing: the incidents' own hosts (whatever their address space),
 * every non-public range (RFC 1918, carrier-grade NAT, loopback, link-local, ULA, multicast…), and
 * the networks the user names with `--internal` (public blocks the organisation owns).
 */
export class InternalAddresses {
  private readonly hosts = new Set<string>();
  private readonly ranges: readonly IpRange[];

  /** A bad `--internal` value is a usage error naming it. */
  constructor(items: readonly AttributedIncident[], internal: readonly string[] = []) {
    for (const { incident } of items) {
      for (const h of incident.hosts) this.hosts.add(h.ip);
      for (const f of incident.findings) this.hosts.add(f.host);
      for (const t of incident.timeline) this.hosts.add(t.host);
    }
    const named = internal.map((c) => {
      const r = tryIpRange(c);
      if (!r) throw new MamoriError(errorCodes.usage, `option --internal: "${c}" is not an address or CIDR`);
      return r;
    });
    this.ranges = [...nonPublicBlocks, ...named];
  }

  /** True for an incident host, or an address in a non-public or named internal range. */
  has(value: string): boolean {
    if (this.hosts.has(value)) return true;
    if (isIP(value) === 0) return false;
    const r = tryIpRange(value);
    return r !== null && this.ranges.some((n) => n.v === r.v && r.lo >= n.lo && r.hi <= n.hi);
  }

  /** True for one of the incidents' hosts (as opposed to another internal address). */
  isHost(value: string): boolean {
    return this.hosts.has(value);
  }
}
