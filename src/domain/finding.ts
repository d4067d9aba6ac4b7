/** How urgent a finding is, from its score. */
export const severities = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

/** Severity bands of a 0–1 score (RITA-style: one place, documented). */
export function severityOf(score: number): Severity {
  if (score >= 0.9) return 'critical';
  if (score >= 0.75) return 'high';
  if (score >= 0.5) return 'medium';
  return 'low';
}

/** An entity of the knowledge base a finding points at (the actor or malware behind an indicator). */
export interface FindingLink {
  readonly id: string;
  readonly type: string;
  readonly name: string;
}

/**
 * The detectors, one key per name. It is empty here: detect/registry.ts adds the registry's names by
 * declaration merging, so findings name only real detectors while domain/ imports nothing from detect/.
 */
// biome-ignore lint/suspicious/noEmptyInterface: detect/registry.ts fills it (declaration merging)
export interface DetectorRegistry {}

/** A detector's name: a key of the registry (`beaconing`, `threat-intel`…). */
export type DetectorName = keyof DetectorRegistry & string;

/** The log rows behind a finding, so an analyst can pull them up (`mamori rows --finding ID`). */
export interface FindingEvidence {
  /** A sample of the Zeek `uid`s (or Suricata flow ids) of the connections, earliest first. */
  readonly uids: readonly string[];
  /** How many connection uids there are in all. */
  readonly uidCount: number;
  /** The Community IDs of the flows (a sample), where the data carries them. */
  readonly communityIds: readonly string[];
}

/** One suspicious internal host ↔ external endpoint relation, with the evidence that scored it. */
export interface Finding {
  /**
   * `F-` and 12 hex digits from the scope, detector, host and endpoint: the same relation keeps its
   * id across hunts. Absent on findings stored before ids existed.
   */
  readonly id?: string;
  readonly detector: DetectorName;
  /** ATT&CK technique ids the behaviour maps to. */
  readonly techniques: readonly string[];
  readonly host: string;
  readonly endpointIp: string | null;
  /** From DNS, SNI or HTTP Host when known. */
  readonly endpointDomain: string | null;
  readonly first: string;
  readonly last: string;
  readonly connections: number;
  readonly bytesOut: number | null;
  readonly bytesIn: number | null;
  /** 0–1. */
  readonly score: number;
  readonly severity: Severity;
  /** The statistics that produced the score. */
  readonly stats: Readonly<Record<string, number | string | readonly string[]>>;
  /** One sentence an analyst can read. */
  readonly explanation: string;
  readonly links: readonly FindingLink[];
  /**
   * The network the host is in: the sensors of the scope it was found in, comma-separated. Address
   * spaces overlap between networks, so a host is (scope, address). Absent for an empty store.
   */
  readonly scope?: string;
  /** The log rows behind it; absent when not collected (findings stored before v13). */
  readonly evidence?: FindingEvidence;
}
