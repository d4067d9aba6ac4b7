import type { AnalyticsSession } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import type { DestinationWindow } from '../shared/destination-window.js';
import type { OddityName } from './oddity-names.js';
import { duckdbTlsHttpOddities } from './sql/duckdb.js';

/** What the tls-http-oddities aggregate reads, and its limits. */
export interface TlsHttpOdditiesOptions extends DestinationWindow {
  /** A user agent or TLS client fingerprint used by at most this many internal hosts is rare. */
  readonly rareMaxHosts: number;
  /** A fingerprint used fewer times in all is per-connection randomisation (Chrome's JA3), not a client. */
  readonly minFingerprintUses: number;
  /** Certificate subjects matching this regular expression are tool defaults (OpenSSL's `Some-State`…). */
  readonly placeholderSubject: string;
}

/** One internal host's TLS sessions and HTTP requests to one external endpoint with at least one oddity. */
export interface OddEndpoint {
  readonly host: string;
  /** The server address; null when reached through a proxy by name. */
  readonly ip: string | null;
  /** SNI or HTTP Host, most used first. */
  readonly domain: string | null;
  /** Reached through an internal HTTP proxy (CONNECT or absolute URI). */
  readonly proxied: boolean;
  readonly tlsSessions: number;
  readonly httpRequests: number;
  /** Internal hosts that talk TLS or HTTP to the endpoint. */
  readonly hosts: number;
  /** Sessions or requests showing each oddity. */
  readonly counts: Readonly<Record<OddityName, number>>;
  readonly first: string;
  readonly last: string;
  readonly ports: readonly number[];
  /** From the conn log; null when there is none for the pair. */
  readonly bytesOut: number | null;
  readonly bytesIn: number | null;
  /** Attacker-controlled examples for the explanation (untruncated): the user agent of an odd request and how many hosts use it. */
  readonly userAgent: string | null;
  readonly userAgentHosts: number | null;
  /** A rare TLS client fingerprint (JA4, else JA3) and how many hosts use it. */
  readonly fingerprint: string | null;
  readonly fingerprintHosts: number | null;
  readonly subject: string | null;
  readonly validation: string | null;
  readonly uri: string | null;
}

/** Odd endpoints with the population they are judged against. */
export interface TlsHttpOddities {
  /** Internal hosts with any TLS or HTTP in the window. */
  readonly internalHosts: number;
  readonly endpoints: readonly OddEndpoint[];
}

/** The tls-http-oddities aggregate one dialect computes. */
export interface TlsHttpOdditiesSql {
  /** Host ↔ endpoint pairs whose TLS sessions or HTTP requests show certificate, client or request oddities. */
  tlsHttpOddities(s: AnalyticsSession, opts: TlsHttpOdditiesOptions): Promise<TlsHttpOddities>;
}

/** The aggregate per SQL dialect. */
export const tlsHttpOdditiesSql: PerSqlDialect<TlsHttpOdditiesSql> = { duckdb: duckdbTlsHttpOddities };

/** Host ↔ endpoint pairs whose TLS sessions or HTTP requests show certificate, client or request oddities. */
export function tlsHttpOddities(s: AnalyticsSession, opts: TlsHttpOdditiesOptions): Promise<TlsHttpOddities> {
  return tlsHttpOdditiesSql[s.dialect].tlsHttpOddities(s, opts);
}
