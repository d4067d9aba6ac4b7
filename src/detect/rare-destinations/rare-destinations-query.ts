import type { AnalyticsSession } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import type { DestinationWindow } from '../shared/destination-window.js';
import { duckdbRareDestinations } from './sql/duckdb.js';

/** What the rare-destinations aggregate reads, and its limits. */
export interface RareDestinationsOptions extends DestinationWindow {
  /** Endpoints reached by more internal hosts than this are not rare. */
  readonly maxHosts: number;
  /** Host ↔ endpoint pairs seen in fewer distinct clock hours (0–23) than this are left out. */
  readonly minHoursOfDay: number;
  /**
   * Suffixes under which each next label has its own owner (`co.uk`, `cloudfront.net`,
   * `s3.amazonaws.com`): a name's registrable domain keeps one label more than them.
   */
  readonly sharedSuffixes: readonly string[];
}

/** One internal host's contacts with one external endpoint that few internal hosts reach. */
export interface RareEndpoint {
  readonly host: string;
  /** `domain`: names under one registrable domain (SNI, HTTP Host, DNS); `ip`: an address no name leads to. */
  readonly kind: 'domain' | 'ip';
  /** The address (for `domain`, the one most used, if any). */
  readonly ip: string | null;
  /** The registrable domain (for `domain`). */
  readonly domain: string | null;
  /** The names used under the domain, most used first (at most 5). */
  readonly names: readonly string[];
  /** Addresses the host reached for it (at most 5). */
  readonly ips: readonly string[];
  /** Internal hosts that reach the endpoint. */
  readonly hosts: number;
  /** Connections, TLS sessions and HTTP requests (the largest of the three counts). */
  readonly sessions: number;
  /** DNS lookups of the names. */
  readonly lookups: number;
  /** Distinct clock hours (0–23) with contact. */
  readonly hoursOfDay: number;
  /** Distinct days with contact (counted modulo 64). */
  readonly days: number;
  readonly first: string;
  readonly last: string;
  /** When the network first met the endpoint, over the whole stored history. */
  readonly firstSeen: string;
  readonly ports: readonly number[];
  /** From the conn log; null when there is none for the pair. */
  readonly bytesOut: number | null;
  readonly bytesIn: number | null;
}

/** Rare endpoints with the context needed to judge them. */
export interface RareDestinations {
  /** Internal hosts with any outbound contact or lookup in the window. */
  readonly internalHosts: number;
  /** The earliest first-seen time of the store: where the network's own history starts. */
  readonly historyStart: string | null;
  readonly endpoints: readonly RareEndpoint[];
}

/** The rare-destinations aggregate one dialect computes. */
export interface RareDestinationsSql {
  /** Host ↔ endpoint pairs that few internal hosts share and that recur over several clock hours. */
  rareDestinations(s: AnalyticsSession, opts: RareDestinationsOptions): Promise<RareDestinations>;
}

/** The aggregate per SQL dialect. */
export const rareDestinationsSql: PerSqlDialect<RareDestinationsSql> = { duckdb: duckdbRareDestinations };

/** Host ↔ endpoint pairs that few internal hosts share and that recur over several clock hours. */
export function rareDestinations(
  s: AnalyticsSession,
  opts: RareDestinationsOptions,
): Promise<RareDestinations> {
  return rareDestinationsSql[s.dialect].rareDestinations(s, opts);
}
