/** When the monitored office works, in the sensor's local time. */
export interface WorkingHours {
  /** First working hour (0–23). */
  readonly start: number;
  /** First hour after work (0–24); smaller than `start` for a shift across midnight. */
  readonly end: number;
  /** Local time minus UTC, in minutes (Zeek timestamps are UTC). */
  readonly utcOffsetMinutes: number;
  /** Saturday and Sunday are off-hours all day. */
  readonly weekendsOff: boolean;
}

/** Thresholds of the exfiltration score; the README documents each. */
export interface ExfilConfig {
  /** A host → address pair must send at least this many bytes in the window to be looked at. */
  readonly minBytes: number;
  /** This many bytes out gives the full volume factor (log scale from `minBytes`). */
  readonly fullBytes: number;
  /** Outbound share of the bytes exchanged at which the upload factor starts, and where it is full. */
  readonly uploadShareFrom: number;
  readonly uploadShareFull: number;
  /** A host's usual hour counts as at least this many bytes, so quiet hosts do not make every upload huge. */
  readonly hourFloor: number;
  /** Peak hour over the usual hour: no excess up to `excessFrom`, full excess at `excessFull`. */
  readonly excessFrom: number;
  readonly excessFull: number;
  /** Up to this many hosts talking to the destination it still counts as rare. */
  readonly rareHosts: number;
  /** Rarity reaches 0 at this many hosts, or at `commonShare` of the network when that is more. */
  readonly commonHosts: number;
  readonly commonShare: number;
  /** Routine factor when there is no other day to compare with, and when the same volume goes there every day. */
  readonly unknownRoutine: number;
  readonly routineFloor: number;
  /**
   * The pair's own routine (`exfil-routine.ts`): transfers are hours carrying at least
   * `routineBusyShare` of the peak hour, joined across silences of up to `routineGapHours`; at least
   * `routineMinTransfers` of them, one a day, starting within `routineHourSlack` hours of the usual
   * time, at most `routineMaxGapDays` apart, none over `routineGrowth` × the others' median.
   */
  readonly routineBusyShare: number;
  readonly routineGapHours: number;
  readonly routineMinTransfers: number;
  readonly routineHourSlack: number;
  readonly routineMaxGapDays: number;
  readonly routineGrowth: number;
  readonly workingHours: WorkingHours;
  /** Findings below this score are dropped; at most `perHost` findings per host. */
  readonly minScore: number;
  readonly perHost: number;
}

export const defaultWorkingHours: WorkingHours = {
  start: 8,
  end: 18,
  utcOffsetMinutes: 0,
  weekendsOff: true,
};

export const defaultExfilConfig: ExfilConfig = {
  minBytes: 25e6,
  fullBytes: 5e9,
  uploadShareFrom: 0.5,
  uploadShareFull: 0.85,
  hourFloor: 1e6,
  excessFrom: 3,
  excessFull: 100,
  rareHosts: 2,
  commonHosts: 20,
  commonShare: 0.1,
  unknownRoutine: 0.8,
  routineFloor: 0.45,
  routineBusyShare: 0.1,
  routineGapHours: 2,
  routineMinTransfers: 2,
  routineHourSlack: 2,
  routineMaxGapDays: 3,
  routineGrowth: 3,
  workingHours: defaultWorkingHours,
  minScore: 0.3,
  perHost: 3,
};
