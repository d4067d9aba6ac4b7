/** Thresholds of the DGA score; defaults documented in the README. */
export interface DgaConfig {
  /** Length of the sliding window a burst is counted in (seconds). */
  readonly burstSeconds: number;
  /** Random-looking failed domains within one window: the burst ramp starts here… */
  readonly burstFrom: number;
  /** …and is full here. */
  readonly burstFull: number;
  /** Random-looking failed domains over the whole window: the slow-DGA ramp… */
  readonly tailFrom: number;
  readonly tailFull: number;
  /** Randomness (0–1) from which a registered label counts as random-looking. */
  readonly randomAt: number;
  /** Resolved look-alikes that give the full boost. */
  readonly fullLookalikes: number;
  /** A failed domain other hosts fail on too (this many, and this share of clients) is common. */
  readonly commonHosts: number;
  readonly commonShare: number;
}

export const defaultDgaConfig: DgaConfig = {
  burstSeconds: 900,
  burstFrom: 4,
  burstFull: 40,
  tailFrom: 10,
  tailFull: 200,
  randomAt: 0.5,
  fullLookalikes: 5,
  commonHosts: 5,
  commonShare: 0.1,
};

/** What one host's failed lookups showed. */
export interface DgaEvidence {
  /** Distinct registered domains (real TLDs) that got NXDOMAIN. */
  readonly nxDomains: number;
  /** Of those, the random-looking ones. */
  readonly randomDomains: number;
  /** Most random-looking failed domains within one burst window. */
  readonly burst: number;
  /** Random-looking names of the same shape that did resolve. */
  readonly lookalikes: number;
  /** Share of the random-looking failed domains that many other hosts fail on too. */
  readonly commonShare: number;
  /** The host is a resolver: its failures are its clients'. */
  readonly resolver: boolean;
}

/** The parts of the score, kept in the finding's stats. */
export interface DgaScore {
  readonly score: number;
  readonly volume: number;
  readonly randomShare: number;
  readonly boost: number;
  readonly damping: number;
}

const ramp = (x: number, lo: number, hi: number) => Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
const logRamp = (x: number, lo: number, hi: number) =>
  x <= 0 ? 0 : ramp(Math.log(x), Math.log(lo), Math.log(hi));
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Many random-looking failed domains in a short burst (or a long tail of them) is how a DGA hunts
 * for its one registered domain. Volume needs randomness behind it: the share of failed domains
 * that look random scales it, and look-alikes that resolved (the hit) boost it. Failures every host
 * shares and a resolver's mixed clients are damped.
 */
export function dgaScore(e: DgaEvidence, cfg: DgaConfig = defaultDgaConfig): DgaScore {
  const volume = Math.max(
    logRamp(e.burst, cfg.burstFrom, cfg.burstFull),
    0.85 * logRamp(e.randomDomains, cfg.tailFrom, cfg.tailFull),
  );
  const randomShare = e.nxDomains > 0 ? e.randomDomains / e.nxDomains : 0;
  const boost = 1 + 0.3 * ramp(e.lookalikes, 0, cfg.fullLookalikes);
  const damping = (e.commonShare >= 0.5 ? 0.4 : 1) * (e.resolver ? 0.7 : 1);
  const score = Math.min(1, volume * (0.4 + 0.6 * randomShare) * boost) * damping;
  return {
    score: r3(score),
    volume: r3(volume),
    randomShare: r3(randomShare),
    boost: r3(boost),
    damping: r3(damping),
  };
}
