import type { Finding, FindingLink, Severity } from './finding.js';
import type { IncidentVerdict } from './incident-verdict.js';

/** An internal host in an incident: compromised, or at least talking to the incident's servers. */
export interface IncidentHost {
  readonly ip: string;
  /** The earliest finding's first contact: when the host was first seen doing this. */
  readonly firstCompromise: string;
  readonly lastActivity: string;
  readonly findings: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
}

/**
 * What a server did, from the findings on it: `delivery` when they are all downloads of a payload
 * from it (payload-delivery, or listed files only), `exfiltration` when they are all outbound
 * volume, else `c2` (command and control, or suspected of it).
 */
export type ServerRole = 'c2' | 'delivery' | 'exfiltration';

/** One piece of external infrastructure: the addresses and names found to be one server. */
export interface IncidentServer {
  /** Stable within the incident: the first domain, else the first address. */
  readonly key: string;
  readonly role: ServerRole;
  readonly ips: readonly string[];
  readonly domains: readonly string[];
  readonly ports: readonly number[];
  /** Application protocols seen (`tls`, `http`, `dns`, `tcp`, `udp`…). */
  readonly protocols: readonly string[];
  readonly first: string;
  readonly last: string;
  readonly bytesOut: number;
  readonly bytesIn: number;
  /** Why the addresses and names were merged into this server (shared certificate, DNS answer…). */
  readonly mergedBy: readonly string[];
  /** Benign warninglists any of its values are on (attribution gives such infrastructure no weight). */
  readonly warninglists: readonly string[];
}

/** What one host exchanged with one server of the incident (the figures its tables add up). */
export interface IncidentPair {
  readonly host: string;
  /** The server's key. */
  readonly server: string;
  readonly bytesOut: number;
  readonly bytesIn: number;
}

/** One line of an incident's timeline. */
export interface TimelineEntry {
  readonly ts: string;
  readonly host: string;
  /** The server's key, when the event involves one. */
  readonly server: string | null;
  readonly detector: string;
  readonly severity: Severity;
  readonly text: string;
}

export type { IncidentVerdict } from './incident-verdict.js';

/** Findings correlated into one intrusion: which hosts, which servers, how much data, and when. */
export interface Incident {
  /** `INC-` and 8 hex digits, from the scope, sorted hosts and servers: the same intrusion keeps its id. */
  readonly id: string;
  /** The network its hosts are in (the findings' scope: sensors, comma-separated); never mixed. */
  readonly scope?: string;
  /** One sentence: "23 internal hosts exchanged 4.1 GB (3.8 GB outbound) with 10 external servers between …". */
  readonly summary: string;
  readonly hosts: readonly IncidentHost[];
  readonly servers: readonly IncidentServer[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly bytesOut: number;
  readonly bytesIn: number;
  /** ATT&CK technique ids observed (from the findings' detectors and links). */
  readonly techniques: readonly string[];
  /** The strongest finding's score, raised a little by independent corroboration; 0–1. */
  readonly score: number;
  readonly severity: Severity;
  /** Knowledge-base entities the findings point at (malware, actors, campaigns behind indicators). */
  readonly links: readonly FindingLink[];
  readonly findings: readonly Finding[];
  readonly timeline: readonly TimelineEntry[];
  /** Each host–server pair's traffic; absent on incidents stored before it was recorded. */
  readonly pairs?: readonly IncidentPair[];
  /** Absent means `suspicious` (incidents built before verdicts existed). */
  readonly verdict?: IncidentVerdict;
  /** Why the verdict is `likely-benign`, one sentence each; empty or absent when suspicious. */
  readonly verdictReasons?: readonly string[];
}

/** True when the incident is a look-alike to review rather than a likely intrusion. */
export function isLikelyBenign(incident: Pick<Incident, 'verdict'>): boolean {
  return incident.verdict === 'likely-benign';
}
