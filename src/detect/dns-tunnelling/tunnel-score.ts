/** Thresholds of the tunnel score; defaults documented in the README. */
export interface TunnelConfig {
  /** Distinct names under one domain from one client: the volume ramp starts here… */
  readonly minUnique: number;
  /** …and is full here. */
  readonly fullUnique: number;
  /** Mean characters left of the domain below which a pair is not even a candidate. */
  readonly minMeanSubLength: number;
  /** The longest label of a name: shorter than this carries no data… */
  readonly shortLabel: number;
  /** …this long is as long as tunnels make them. */
  readonly longLabel: number;
  /** Share of TXT/NULL/CNAME/MX/ANY queries that counts fully. */
  readonly fullDataTypes: number;
  /** Share of the network's DNS clients from which a domain starts to look like a service… */
  readonly commonFrom: number;
  /** …and at which it is one (and is not even returned). */
  readonly commonAt: number;
}

export const defaultTunnelConfig: TunnelConfig = {
  minUnique: 20,
  fullUnique: 500,
  minMeanSubLength: 8,
  shortLabel: 10,
  longLabel: 32,
  fullDataTypes: 0.5,
  commonFrom: 0.05,
  commonAt: 0.3,
};

/** What one client's queries under one domain showed. */
export interface TunnelEvidence {
  readonly uniqueNames: number;
  /** Mean length of the longest label left of the domain, over the sampled names. */
  readonly longestLabel: number;
  /** Mean randomness (0–1) of those labels. */
  readonly randomness: number;
  /** Share of queries of the types that carry data in answers. */
  readonly dataTypeShare: number;
  /** Share of address-answered names nobody connected to; null when there is no conn data. */
  readonly unreachedShare: number | null;
  /** Share of address-answered names answered in 127.0.0.0/8 (reputation services answer so). */
  readonly loopbackShare: number;
  /** Internal clients querying the domain, and all DNS clients. */
  readonly hosts: number;
  readonly clients: number;
  /** The domain belongs to a known reputation or blocklist service. */
  readonly reputationService: boolean;
  /** Share of the sampled names whose registered domain is the grouped one. */
  readonly sameOwner: number;
}

/** The parts of the score, kept in the finding's stats. */
export interface TunnelScore {
  readonly score: number;
  readonly shape: number;
  readonly volume: number;
  readonly dataTypes: number;
  readonly unreached: number;
  /** Multiplier ≤ 1 from prevalence, reputation-service and owner checks. */
  readonly damping: number;
}

const ramp = (x: number, lo: number, hi: number) => Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Data in DNS names needs long random labels (shape), so shape gates the score. Volume, answer types
 * that carry data back, and answers nobody connects to each add to it; none of them alone (nor
 * shape with only one of them) reaches 0.5. Services many clients use, reputation lookups and
 * provider zones holding many owners are damped.
 */
export function tunnelScore(e: TunnelEvidence, cfg: TunnelConfig = defaultTunnelConfig): TunnelScore {
  const shape = ramp(e.longestLabel, cfg.shortLabel, cfg.longLabel) * e.randomness;
  const volume = ramp(Math.log(e.uniqueNames), Math.log(cfg.minUnique), Math.log(cfg.fullUnique));
  const dataTypes = ramp(e.dataTypeShare, 0, cfg.fullDataTypes);
  // Without conn data nobody can tell whether the answers were used: half credit.
  const unreached = e.unreachedShare === null ? 0.5 : ramp(e.unreachedShare, 0.5, 1);
  const share = e.clients > 0 ? e.hosts / e.clients : 0;
  const common = e.hosts >= 3 ? 1 - 0.75 * ramp(share, cfg.commonFrom, cfg.commonAt) : 1;
  const loopback = e.loopbackShare >= 0.5 ? 0.5 : 1;
  const reputation = e.reputationService ? 0.3 : 1;
  const owner = e.sameOwner < 0.6 ? 0.3 : 1;
  const damping = common * Math.min(loopback, reputation, owner);
  const raw = shape * (0.35 * volume + 0.35 * dataTypes + 0.3 * unreached);
  return {
    score: r3(Math.min(1, raw * damping)),
    shape: r3(shape),
    volume: r3(volume),
    dataTypes: r3(dataTypes),
    unreached: r3(unreached),
    damping: r3(damping),
  };
}
