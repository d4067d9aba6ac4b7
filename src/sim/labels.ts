import type { SimLog } from './log/zeek-layouts.js';
import type { OfficeServer } from './net/office-net.js';
import type { IntrusionKind, SimParams } from './sim-options.js';

/** An infected workstation of one intrusion. */
export interface InfectedHostTruth {
  readonly ip: string;
  /** First malicious connection from the host (ISO). */
  readonly firstCompromise: string;
  readonly lastActivity: string;
  /** Whether its web C2 went through the office proxy. */
  readonly viaProxy: boolean;
  /** Malicious connections and lookups it made. */
  readonly connections: number;
  /** Every malicious address and name it contacted or looked up. */
  readonly endpoints: readonly string[];
}

/** One server of an intrusion's infrastructure. */
export interface C2Truth {
  /** `c2` for command and control, `delivery` for where a payload was downloaded. */
  readonly role: 'c2' | 'delivery';
  /** The address, when there is exactly one. */
  readonly ip?: string;
  readonly ips: readonly string[];
  readonly domains: readonly string[];
  readonly ports: readonly number[];
  readonly proto: 'http' | 'tls' | 'tcp' | 'dns';
  /** When the domain's addresses changed (ISO start, addresses from then on). */
  readonly resolutions?: readonly { readonly from: string; readonly ips: readonly string[] }[];
}

/** An office server that carried intrusion traffic on an infected host's behalf. */
export interface RelayTruth {
  readonly ip: string;
  readonly role: 'dns-resolver' | 'proxy';
}

/** One planted intrusion. */
export interface IntrusionTruth {
  readonly kind: IntrusionKind;
  readonly actor?: string;
  readonly techniques: readonly string[];
  readonly infectedHosts: readonly InfectedHostTruth[];
  readonly c2: readonly C2Truth[];
  readonly exfilBytes: number;
  readonly relays: readonly RelayTruth[];
  /** DGA names the bot queried that never resolved (NXDOMAIN). */
  readonly generatedDomains?: readonly string[];
  /** Kind-specific facts (beacon interval, tunnel tool, DGA names, exfiltrating host …). */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Benign traffic planted because it looks like an intrusion (what a good hunt sets apart). */
export interface LookalikeTruth {
  /** `nightly-backup`: a server's nightly upload; `cloud-backup-client`: workstations' backup client. */
  readonly kind: 'nightly-backup' | 'cloud-backup-client';
  readonly hosts: readonly string[];
  /** The names and addresses the hosts upload to. */
  readonly servers: readonly string[];
  readonly description: string;
}

/** labels.json: the ground truth of a simulated run (schema in docs/simulator.md). */
export interface SimTruth {
  /** 2 adds `lookalikes`; files of version 1 have none. */
  readonly version: 1 | 2;
  readonly generator: 'mamori simulate';
  readonly scenario: string;
  readonly seed: number;
  readonly params: SimParams;
  readonly window: { readonly start: string; readonly end: string };
  /** Workstations producing benign traffic (0 without background). */
  readonly backgroundHosts: number;
  readonly network: {
    readonly internal: readonly string[];
    readonly domain: string;
    readonly workstations: { readonly first: string; readonly last: string; readonly count: number };
    readonly servers: readonly OfficeServer[];
    readonly upstreamResolvers: readonly string[];
    readonly proxiedWorkstations: number;
  };
  readonly intrusions: readonly IntrusionTruth[];
  /** Union over intrusions. */
  readonly infectedHosts: readonly string[];
  /** Every address and name with role `c2`. */
  readonly c2Servers: readonly string[];
  /** Every address and name of every role (C2 and delivery), and DGA names that never resolved. */
  readonly maliciousEndpoints: readonly string[];
  /** The planted look-alikes (version 2 on; absent in older files, where readers take none). */
  readonly lookalikes?: readonly LookalikeTruth[];
  readonly logs: { readonly files: number; readonly rows: Readonly<Record<SimLog, number>> };
}

/** The unions of a truth's intrusions, sorted. */
export function truthUnions(
  intrusions: readonly IntrusionTruth[],
): Pick<SimTruth, 'infectedHosts' | 'c2Servers' | 'maliciousEndpoints'> {
  const sorted = (s: Set<string>) => [...s].sort();
  const hosts = new Set<string>();
  const c2 = new Set<string>();
  const all = new Set<string>();
  for (const i of intrusions) {
    for (const h of i.infectedHosts) hosts.add(h.ip);
    for (const s of i.c2) {
      for (const v of [...s.ips, ...s.domains]) {
        all.add(v);
        if (s.role === 'c2') c2.add(v);
      }
    }
    for (const d of i.generatedDomains ?? []) all.add(d);
  }
  return { infectedHosts: sorted(hosts), c2Servers: sorted(c2), maliciousEndpoints: sorted(all) };
}
