/** Thresholds of the fan-out score; defaults documented in the README. */
export interface FanOutConfig {
  /** Fewer distinct addresses than this score 0. */
  readonly minDestinations: number;
  /** This many distinct addresses give full breadth. */
  readonly fullDestinations: number;
  /** Share of the monitored hosts above which a port is common (a P2P app everyone runs). */
  readonly commonShare: number;
}

export const defaultFanOutConfig: FanOutConfig = {
  minDestinations: 20,
  fullDestinations: 500,
  commonShare: 0.1,
};

/** What the score is made of. */
export interface FanOutStats {
  readonly breadth: number;
  /** 1 when the addresses are packed into few networks (a range sweep), 0 when scattered (P2P peers). */
  readonly sweep: number;
  /** Share of flows that got nothing back. */
  readonly unanswered: number;
  readonly rarity: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * One host sending to hundreds of external addresses on a port nobody else uses: a botnet's check-in
 * sweep (Cerber's UDP 6892 announcements to whole /24s), a worm, or P2P. Sweeping a few ranges and
 * getting no answers is the malware shape; peers scattered across the internet that answer are P2P,
 * which keeps the breadth part only and stays at medium at most.
 */
export function fanOutScore(
  x: {
    destinations: number;
    networks: number;
    flows: number;
    answered: number;
    prevalenceShare: number;
  },
  cfg: FanOutConfig = defaultFanOutConfig,
): { score: number; stats: FanOutStats } {
  const breadth =
    x.destinations < cfg.minDestinations
      ? 0
      : clamp01(
          Math.log(x.destinations / cfg.minDestinations) /
            Math.log(cfg.fullDestinations / cfg.minDestinations),
        );
  const sweep = x.destinations === 0 ? 0 : clamp01(1 - x.networks / x.destinations);
  const unanswered = x.flows === 0 ? 0 : clamp01(1 - x.answered / x.flows);
  const rarity =
    x.prevalenceShare <= cfg.commonShare
      ? 1
      : clamp01(1 - (x.prevalenceShare - cfg.commonShare) / (1 - cfg.commonShare));
  const score = (0.5 + 0.25 * sweep + 0.25 * unanswered) * breadth * rarity;
  return {
    score: round3(score),
    stats: {
      breadth: round3(breadth),
      sweep: round3(sweep),
      unanswered: round3(unanswered),
      rarity: round3(rarity),
    },
  };
}
