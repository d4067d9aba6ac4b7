import type { HostServerPair } from './incident-pairs.js';

/** Past this many hosts the graph draws host groups instead of one node per host. */
export const groupHostsAbove = 150;
/** Past this many groups, groups are merged again by the server their hosts send the most to. */
export const maxGroups = 200;
/** A group this small expands into its hosts on click; a bigger one lists them instead. */
export const expandableGroup = 50;

/** Hosts drawn as one node: those that reached the same servers. */
export interface HostGroup {
  readonly id: string;
  /** Host IPs, heaviest first. */
  readonly hosts: string[];
  /** Server keys reached by any of the hosts, sorted. */
  readonly servers: string[];
  /** Bytes per server over all the hosts. */
  readonly bytesTo: ReadonlyMap<string, number>;
  readonly bytes: number;
}

interface HostReach {
  readonly ip: string;
  readonly bytes: number;
  readonly to: Map<string, number>;
}

function reachOf(hosts: readonly { ip: string; bytes: number }[], pairs: readonly HostServerPair[]) {
  const out = new Map<string, HostReach>(
    hosts.map((h) => [h.ip, { ip: h.ip, bytes: h.bytes, to: new Map() }]),
  );
  for (const p of pairs) {
    const r = out.get(p.host);
    if (r) r.to.set(p.server, (r.to.get(p.server) ?? 0) + p.bytes);
  }
  return [...out.values()];
}

/** The server a host sent the most to (ties: the first key), or '' for a host with no pairs. */
function mainServer(r: HostReach): string {
  let best = '';
  let most = -1;
  for (const [s, b] of r.to) if (b > most || (b === most && s < best)) [best, most] = [s, b];
  return best;
}

function bucket(members: HostReach[], keyOf: (r: HostReach) => string): HostReach[][] {
  const out = new Map<string, HostReach[]>();
  for (const r of members) {
    const k = keyOf(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return [...out.values()];
}

function groupOf(members: HostReach[]): Omit<HostGroup, 'id'> {
  const bytesTo = new Map<string, number>();
  for (const r of members) for (const [s, b] of r.to) bytesTo.set(s, (bytesTo.get(s) ?? 0) + b);
  const hosts = [...members].sort((a, b) => b.bytes - a.bytes || a.ip.localeCompare(b.ip)).map((r) => r.ip);
  return {
    hosts,
    servers: [...bytesTo.keys()].sort(),
    bytesTo,
    bytes: members.reduce((n, r) => n + r.bytes, 0),
  };
}

/**
 * The incident's hosts in groups, or null when there are few enough to draw one by one. Hosts that
 * reached exactly the same servers share a group; when that still leaves more than `maxGroups`,
 * groups merge by their hosts' main server (the one each sent the most to). Every host is in
 * exactly one group; a group of one is still a group here, the caller draws it as its host.
 */
export function hostGroups(
  hosts: readonly { ip: string; bytes: number }[],
  pairs: readonly HostServerPair[],
  above = groupHostsAbove,
): HostGroup[] | null {
  if (hosts.length <= above) return null;
  const reach = reachOf(hosts, pairs);
  let buckets = bucket(reach, (r) => [...r.to.keys()].sort().join('\u0000'));
  if (buckets.length > maxGroups) buckets = bucket(reach, mainServer);
  return buckets
    .map(groupOf)
    .sort((a, b) => b.bytes - a.bytes || (a.hosts[0] ?? '').localeCompare(b.hosts[0] ?? ''))
    .map((g, i) => ({ id: `g:${i}`, ...g }));
}
