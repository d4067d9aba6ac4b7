import type { AnalyticsSession } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import type { DestinationWindow } from '../shared/destination-window.js';
import { duckdbPayloadDelivery } from './sql/duckdb.js';

/** What the payload-delivery aggregate reads, and its limits. */
export interface PayloadDownloadsOptions extends DestinationWindow {
  /** Servers (address, or name through a proxy) more internal hosts than this reach are left out. */
  readonly maxHosts: number;
  /** The response MIME types that count, each with the kind of payload it is. */
  readonly mimeTypes: readonly { readonly mime: string; readonly kind: string }[];
}

/** One internal host's HTTP downloads of payload types (executables, documents…) from one rare server. */
export interface PayloadDownload {
  readonly host: string;
  /** The server address; null when fetched through a proxy by name. */
  readonly ip: string | null;
  /** The HTTP Host name, when it is a name. */
  readonly name: string | null;
  readonly proxied: boolean;
  readonly downloads: number;
  /** The payload kinds fetched (as `mimeTypes` classes them), and the first download's type and URI. */
  readonly kinds: readonly string[];
  readonly mime: string;
  readonly uri: string | null;
  /** Lower-case extensions of the URIs that delivered an `executable`. */
  readonly executableExtensions: readonly string[];
  readonly bytes: number;
  /** The first download's hashes, from the files log, when it has them. */
  readonly sha256: string | null;
  readonly md5: string | null;
  /** Internal hosts that reach the server at all (conn, TLS or HTTP). */
  readonly hosts: number;
  readonly first: string;
  readonly last: string;
}

/** The payload-delivery aggregate one dialect computes. */
export interface PayloadDeliverySql {
  /** Host ↔ server pairs where the host downloaded a payload type over HTTP from a server few hosts reach. */
  payloadDownloads(s: AnalyticsSession, opts: PayloadDownloadsOptions): Promise<PayloadDownload[]>;
}

/** The aggregate per SQL dialect. */
export const payloadDeliverySql: PerSqlDialect<PayloadDeliverySql> = { duckdb: duckdbPayloadDelivery };

/** Host ↔ server pairs where the host downloaded a payload type over HTTP from a server few hosts reach. */
export function payloadDownloads(
  s: AnalyticsSession,
  opts: PayloadDownloadsOptions,
): Promise<PayloadDownload[]> {
  return payloadDeliverySql[s.dialect].payloadDownloads(s, opts);
}
