import type { Finding } from '../../domain/finding.js';
import type { IncidentServer } from '../../domain/incident.js';
import { scoId } from './stix-ids.js';
import { addressType, isHostname, stixTime } from './stix-values.js';

/** A STIX object as plain JSON. */
export type StixObject = Record<string, unknown> & { readonly type: string; readonly id: string };

/** What every object of one bundle shares: its time, its producer and its TLP marking. */
export interface StixContext {
  readonly created: string;
  readonly producer: string;
  readonly marking: string;
}

/** Adds SCOs to a shared map (hosts recur across servers) and returns their ids. */
export class ScoSet {
  readonly objects = new Map<string, StixObject>();

  constructor(private readonly ctx: StixContext) {}

  address(ip: string): string | null {
    const type = addressType(ip);
    if (!type) return null;
    return this.add({ type, id: scoId(type, { value: ip }), value: ip });
  }

  domain(name: string): string | null {
    if (!isHostname(name)) return null;
    const value = name.toLowerCase();
    return this.add({ type: 'domain-name', id: scoId('domain-name', { value }), value });
  }

  /** Traffic to `dst`; from `src` when the source address may be shared, else destination only. */
  traffic(src: string | null, dst: string, server: IncidentServer, found: readonly Finding[]): string {
    const start = found.map((f) => stixTime(f.first, this.ctx.created)).sort()[0]!;
    const end = found
      .map((f) => stixTime(f.last, this.ctx.created))
      .sort()
      .at(-1)!;
    const protocols = trafficProtocols(dst.startsWith('ipv6') ? 'ipv6' : 'ipv4', server.protocols);
    const contributing = {
      start,
      end,
      ...(src ? { src_ref: src } : {}),
      dst_ref: dst,
      ...(server.ports.length === 1 ? { dst_port: server.ports[0] } : {}),
      protocols,
    };
    const out = found.reduce((n, f) => n + (f.bytesOut ?? 0), 0);
    const inb = found.reduce((n, f) => n + (f.bytesIn ?? 0), 0);
    return this.add({
      type: 'network-traffic',
      id: scoId('network-traffic', contributing),
      ...contributing,
      ...(out > 0 ? { src_byte_count: out } : {}),
      ...(inb > 0 ? { dst_byte_count: inb } : {}),
    });
  }

  private add(o: StixObject): string {
    if (!this.objects.has(o.id)) {
      this.objects.set(o.id, { ...o, spec_version: '2.1', object_marking_refs: [this.ctx.marking] });
    }
    return o.id;
  }
}

/** Outer to inner, as STIX wants: address family, transport, then the application protocols seen. */
function trafficProtocols(family: string, seen: readonly string[]): string[] {
  const lower = seen.map((p) => p.toLowerCase()).filter((p) => /^[a-z0-9][a-z0-9-]*$/.test(p));
  const transport = lower.filter((p) => p === 'tcp' || p === 'udp');
  const apps = lower.filter((p) => p !== 'tcp' && p !== 'udp');
  if (transport.length === 0)
    transport.push(apps.length > 0 && apps.every((p) => p === 'dns') ? 'udp' : 'tcp');
  return [family, ...transport, ...apps];
}
