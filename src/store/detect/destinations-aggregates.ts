import type { IpRange } from '../../net/ip-range.js';

/** The monitored networks and the telemetry window (ISO; default all of it). */
export interface DestinationWindow {
  readonly internal: readonly IpRange[];
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}

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

/** The TLS and HTTP oddities counted per host ↔ endpoint, as the store computes them. */
export const oddityNames = [
  'selfSigned',
  'placeholderCert',
  'expiredCert',
  'invalidCert',
  'noSni',
  'rareFingerprint',
  'missingHost',
  'postToRawIp',
  'rareUserAgent',
  'mimicUserAgent',
  'noUserAgent',
  'gatePost',
] as const;
export type OddityName = (typeof oddityNames)[number];

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

export interface TlsHttpOddities {
  /** Internal hosts with any TLS or HTTP in the window. */
  readonly internalHosts: number;
  readonly endpoints: readonly OddEndpoint[];
}

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

/** Aggregates the rare-destinations, tls-http-oddities and payload-delivery detectors read; each backend computes them in its own SQL. */
export interface DestinationAggregates {
  /** Host ↔ endpoint pairs that few internal hosts share and that recur over several clock hours. */
  rareDestinations(opts: RareDestinationsOptions): Promise<RareDestinations>;
  /** Host ↔ endpoint pairs whose TLS sessions or HTTP requests show certificate, client or request oddities. */
  tlsHttpOddities(opts: TlsHttpOdditiesOptions): Promise<TlsHttpOddities>;
  /** Host ↔ server pairs where the host downloaded a payload type over HTTP from a server few hosts reach. */
  payloadDownloads(opts: PayloadDownloadsOptions): Promise<PayloadDownload[]>;
}
