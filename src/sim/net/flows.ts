/** What actors ask the network for: lookups, flows, TLS handshakes, HTTP exchanges. */
import type { ConnState, QType } from '../log/records.js';

/** One answer section: records and their TTLs. */
export interface DnsAnswer {
  readonly answers: readonly string[];
  readonly ttls: readonly number[];
}

/** A name lookup through the office resolver. */
export interface Lookup {
  readonly ts: number;
  readonly client: string;
  readonly name: string;
  readonly qtypes: readonly QType[];
  readonly rcode?: number;
  readonly answers?: Partial<Record<QType, DnsAnswer>>;
  /** TTL the resolver caches the answer for (negative answers: 900 s). */
  readonly ttl?: number;
  /** Force (or forbid) the resolver's upstream query; by default it follows the resolver's cache. */
  readonly forward?: boolean;
  /** The client's long-lived socket (a tunnel): its queries share one conn, which the caller logs. */
  readonly socket?: { readonly uid: string; readonly port: number };
  /** Answer payload beyond the records, e.g. NULL record data Zeek does not show. */
  readonly extraAnswerBytes?: number;
}

/** A TCP flow between a client and a server. */
export interface Flow {
  readonly ts: number;
  readonly client: string;
  readonly server: string;
  readonly port: number;
  readonly duration: number;
  readonly up: number;
  readonly down: number;
  readonly state?: ConnState;
  /** Through the office's explicit proxy (CONNECT for TLS, absolute URIs for HTTP). */
  readonly viaProxy?: boolean;
  /** The client's user agent, which a proxied TLS session's CONNECT request carries. */
  readonly userAgent?: string | null;
}

/** The TLS handshake as the sensor sees it. */
export interface TlsHello {
  readonly sni: string | null;
  readonly version: 'TLSv10' | 'TLSv12' | 'TLSv13';
  readonly cipher: string;
  readonly curve: string | null;
  readonly ja3: string;
  readonly ja3s: string;
  readonly nextProtocol: string | null;
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly validation: string | null;
  readonly resumed?: boolean;
}

/** One HTTP request/response. */
export interface HttpExchange {
  readonly method: string;
  readonly host: string | null;
  readonly uri: string;
  readonly userAgent: string | null;
  readonly referrer?: string | null;
  readonly reqLen: number;
  readonly respLen: number;
  readonly status: number;
  readonly statusMsg?: string;
  readonly respMime?: string | null;
  readonly filename?: string | null;
  readonly reqMime?: string | null;
  /** Hashes for the response file (downloads of executables, archives, updates). */
  readonly hashes?: { readonly md5: string; readonly sha1: string; readonly sha256: string } | null;
}
