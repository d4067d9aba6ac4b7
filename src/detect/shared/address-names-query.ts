import type { AnalyticsSession } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import { duckdbAddressNames } from './sql/duckdb-address-names.js';

/** Which addresses to name, how many names each, and the telemetry window (ISO; default all of it). */
export interface AddressNamesOptions {
  readonly ips: readonly string[];
  readonly maxNames: number;
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}

/** The address-names aggregate one dialect computes. */
export interface AddressNamesSql {
  /**
   * The names the network used for each given address (DNS answers, TLS SNI, HTTP Host), most used
   * first, at most `maxNames` each; addresses nothing names are absent.
   */
  addressNames(
    s: AnalyticsSession,
    opts: AddressNamesOptions,
  ): Promise<ReadonlyMap<string, readonly string[]>>;
}

/** The aggregate per SQL dialect. */
export const addressNamesSql: PerSqlDialect<AddressNamesSql> = { duckdb: duckdbAddressNames };

/**
 * The names the network used for each given address (DNS answers, TLS SNI, HTTP Host), most used
 * first, at most `maxNames` each; addresses nothing names are absent.
 */
export function addressNames(
  s: AnalyticsSession,
  opts: AddressNamesOptions,
): Promise<ReadonlyMap<string, readonly string[]>> {
  return addressNamesSql[s.dialect].addressNames(s, opts);
}
