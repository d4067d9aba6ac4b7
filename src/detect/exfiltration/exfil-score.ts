import { type Baseline, baseline, type HourSeries } from './exfil-baseline.js';
import { defaultExfilConfig, type ExfilConfig } from './exfil-config.js';
import { type Routine, routineOf } from './exfil-routine.js';

const clamp = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** 0 at `minBytes`, 1 at `fullBytes`, on a log scale: a gigabyte is not twenty times 50 MB as evidence. */
export function volumeFactor(bytesOut: number, cfg: ExfilConfig = defaultExfilConfig): number {
  return clamp(Math.log(bytesOut / cfg.minBytes) / Math.log(cfg.fullBytes / cfg.minBytes));
}

/** Outbound share of the bytes exchanged: browsing and updates download, calls are even, uploads send. */
export function uploadShare(bytesOut: number, bytesIn: number): number {
  return bytesOut + bytesIn > 0 ? bytesOut / (bytesOut + bytesIn) : 0;
}

export function uploadFactor(share: number, cfg: ExfilConfig = defaultExfilConfig): number {
  return clamp((share - cfg.uploadShareFrom) / (cfg.uploadShareFull - cfg.uploadShareFrom));
}

/** How far the peak hour stands above the host's usual hour (log scale). */
export function excessFactor(ratio: number, cfg: ExfilConfig = defaultExfilConfig): number {
  return clamp(Math.log(ratio / cfg.excessFrom) / Math.log(cfg.excessFull / cfg.excessFrom));
}

/** 1 for a destination few hosts use, falling to 0 as a good part of the network uses it. */
export function rarityFactor(
  prevalence: number,
  internalHosts: number,
  cfg: ExfilConfig = defaultExfilConfig,
): number {
  if (prevalence <= cfg.rareHosts) return 1;
  const common = Math.max(cfg.commonHosts, cfg.commonShare * internalHosts);
  return clamp(1 - Math.log(prevalence / cfg.rareHosts) / Math.log(common / cfg.rareHosts));
}

/** 1 − (usual daily volume to the destination / this transfer); null without another day to compare. */
export function novelty(b: Baseline): number | null {
  return b.usualDay === null ? null : clamp(1 - b.usualDay / Math.max(1, b.burstBytes));
}

/** A transfer repeated every day (a backup) is the host's routine; a one-off is not. */
export function routineFactor(n: number | null, cfg: ExfilConfig = defaultExfilConfig): number {
  return n === null ? cfg.unknownRoutine : cfg.routineFloor + (1 - cfg.routineFloor) * n;
}

/**
 * How much more of the transfer fell outside working hours than an even spread over the host's
 * observed span would put there (a round-the-clock stream: none), discounted by the host's own
 * habit of sending outside working hours.
 */
export function offHoursFactor(b: Baseline): number {
  if (b.evenOffShare >= 1) return 0;
  return clamp((b.offShare - b.evenOffShare) / (1 - b.evenOffShare)) * (1 - b.hostOffShare);
}

/** What the score is computed from, for one host → destination pair. */
export interface ExfilEvidence {
  readonly bytesOut: number;
  readonly bytesIn: number;
  /** The pair's and the host's (all external destinations) outbound per hour. */
  readonly pair: HourSeries;
  readonly host: HourSeries;
  /** Internal hosts talking to the destination (its address or its domain, whichever is more). */
  readonly prevalence: number;
  readonly internalHosts: number;
}

export interface ExfilScore {
  readonly score: number;
  /**
   * What `minScore` is compared with: the score, or for a routine transfer the score it would have
   * had without the routine discount, so the routine stays listed (low) rather than vanishing.
   */
  readonly gate: number;
  /** The pair's transfers and whether they repeat every night or day alike: the host's own baseline. */
  readonly routine: Routine;
  readonly baseline: Baseline;
  readonly novelty: number | null;
  readonly stats: Readonly<Record<string, number | string>>;
}

/**
 * upload × rarity × routine × (0.45 + 0.55·volume) × (0.55 + 0.25·excess + 0.2·offHours).
 * The first three are gates (a download, a destination the office shares, a nightly routine: the
 * same volume on other days, or transfers repeating at the same hour every night), volume
 * scales, excess over the host's usual hour and unusual timing confirm.
 */
export function exfilScore(e: ExfilEvidence, cfg: ExfilConfig = defaultExfilConfig): ExfilScore {
  const b = baseline(e.pair, e.host, cfg.workingHours, cfg.hourFloor);
  const share = uploadShare(e.bytesOut, e.bytesIn);
  const ratio = b.peakBytes / Math.max(b.usualHour, cfg.hourFloor);
  const n = novelty(b);
  // The host's own series starts where the sensor first saw it: the routine must predate that.
  const hostHours = [...e.host.keys()];
  const routine = routineOf(e.pair, cfg, hostHours.length > 0 ? Math.min(...hostHours) : undefined);
  const f = {
    volume: volumeFactor(e.bytesOut, cfg),
    upload: uploadFactor(share, cfg),
    excess: excessFactor(ratio, cfg),
    offHours: offHoursFactor(b),
    rarity: rarityFactor(e.prevalence, e.internalHosts, cfg),
    routine: routine.routine ? cfg.routineFloor : routineFactor(n, cfg),
  };
  const rest = f.upload * f.rarity * (0.45 + 0.55 * f.volume) * (0.55 + 0.25 * f.excess + 0.2 * f.offHours);
  return {
    score: r3(rest * f.routine),
    gate: r3(rest * (routine.routine ? routineFactor(n, cfg) : f.routine)),
    routine,
    baseline: b,
    novelty: n,
    stats: {
      uploadShare: r3(share),
      peakHourBytes: b.peakBytes,
      usualHourBytes: Math.round(b.usualHour),
      excessRatio: Math.round(ratio * 10) / 10,
      offHoursShare: r3(b.offShare),
      hostOffHoursShare: r3(b.hostOffShare),
      evenOffHoursShare: r3(b.evenOffShare),
      novelty: n === null ? 'unknown' : r3(n),
      otherDays: b.otherDays,
      prevalence: e.prevalence,
      internalHosts: e.internalHosts,
      volumeFactor: r3(f.volume),
      uploadFactor: r3(f.upload),
      excessFactor: r3(f.excess),
      offHoursFactor: r3(f.offHours),
      rarityFactor: r3(f.rarity),
      routineFactor: r3(f.routine),
      routine: routine.routine ? 1 : 0,
      transfers: routine.transfers.length,
      ...(routine.routine ? { routineHour: routine.usualHour, routineBytes: routine.usualBytes } : {}),
    },
  };
}
