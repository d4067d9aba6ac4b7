import type { AnalyticsSession, TelemetryWindow } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import { duckdbJa3Pairs } from './sql/duckdb.js';

/** One host–endpoint pair of a finding, as a JA3 suppression asks about it. */
export interface Ja3Pair {
  readonly host: string;
  /** The endpoint address, or '' when the finding names only a domain. */
  readonly ip: string;
  /** The endpoint domain (the TLS server name), or '' when the finding names only an address. */
  readonly domain: string;
}

export interface Ja3PairsOptions extends TelemetryWindow {
  readonly ja3: string;
  readonly pairs: readonly Ja3Pair[];
}

/** The JA3 aggregate per SQL dialect. */
export interface Ja3PairsSql {
  /** Indexes (into `opts.pairs`) of the pairs that have TLS client hellos, every one with `opts.ja3`. */
  ja3Pairs(s: AnalyticsSession, opts: Ja3PairsOptions): Promise<number[]>;
}

export const ja3PairsSql: PerSqlDialect<Ja3PairsSql> = { duckdb: duckdbJa3Pairs };

/** Indexes of the pairs whose TLS client hellos in the window all carry `opts.ja3`. */
export function ja3Pairs(s: AnalyticsSession, opts: Ja3PairsOptions): Promise<number[]> {
  if (opts.pairs.length === 0) return Promise.resolve([]);
  return ja3PairsSql[s.dialect].ja3Pairs(s, opts);
}
