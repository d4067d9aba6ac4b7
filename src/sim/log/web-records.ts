/** http.log, ssl.log and files.log lines, in the field order of `simulatorLayouts`. */
import { bool, isPrivate, str, fixed6 as t6, unset } from './zeek-values.js';

export interface HttpRecord {
  readonly ts: number;
  readonly uid: string;
  readonly orig: string;
  readonly origPort: number;
  readonly resp: string;
  readonly respPort: number;
  readonly depth: number;
  readonly method: string;
  readonly host: string | null;
  readonly uri: string;
  readonly referrer: string | null;
  readonly userAgent: string | null;
  readonly reqLen: number;
  readonly respLen: number;
  readonly status: number;
  readonly statusMsg: string;
  readonly proxied: string | null;
  readonly origFuid: string | null;
  readonly origMime: string | null;
  readonly respFuid: string | null;
  readonly respMime: string | null;
}

/** An http.log line. */
export function httpLine(h: HttpRecord): string {
  return [
    t6(h.ts),
    h.uid,
    h.orig,
    h.origPort,
    h.resp,
    h.respPort,
    h.depth,
    h.method,
    str(h.host),
    str(h.uri),
    str(h.referrer),
    '1.1',
    str(h.userAgent),
    unset,
    h.reqLen,
    h.respLen,
    h.status,
    str(h.statusMsg),
    unset,
    unset,
    '(empty)',
    unset,
    unset,
    h.proxied === null ? unset : str(h.proxied),
    h.origFuid ?? unset,
    unset,
    h.origMime ?? unset,
    h.respFuid ?? unset,
    unset,
    h.respMime ?? unset,
  ].join('\t');
}

export interface SslRecord {
  readonly ts: number;
  readonly uid: string;
  readonly orig: string;
  readonly origPort: number;
  readonly resp: string;
  readonly respPort: number;
  readonly version: string;
  readonly cipher: string;
  readonly curve: string | null;
  readonly serverName: string | null;
  readonly resumed: boolean;
  readonly nextProtocol: string | null;
  readonly established: boolean;
  /** Certificate details; TLS 1.3 hides them from the sensor. */
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly validation: string | null;
  readonly ja3: string;
  readonly ja3s: string | null;
}

/** An ssl.log line. */
export function sslLine(s: SslRecord): string {
  return [
    t6(s.ts),
    s.uid,
    s.orig,
    s.origPort,
    s.resp,
    s.respPort,
    s.version,
    s.cipher,
    s.curve ?? unset,
    str(s.serverName),
    bool(s.resumed),
    unset,
    s.nextProtocol ?? unset,
    bool(s.established),
    unset,
    unset,
    str(s.subject),
    str(s.issuer),
    unset,
    unset,
    str(s.validation),
    s.ja3,
    s.ja3s ?? unset,
  ].join('\t');
}

export interface FileRecord {
  readonly ts: number;
  readonly fuid: string;
  readonly uid: string;
  readonly orig: string;
  readonly origPort: number;
  readonly resp: string;
  readonly respPort: number;
  readonly source: string;
  readonly mime: string | null;
  readonly filename: string | null;
  readonly duration: number;
  readonly isOrig: boolean;
  readonly bytes: number;
  readonly hashes: { readonly md5: string; readonly sha1: string; readonly sha256: string } | null;
}

/** A files.log line (Zeek 6 layout). */
export function fileLine(f: FileRecord): string {
  return [
    t6(f.ts),
    f.fuid,
    f.uid,
    f.orig,
    f.origPort,
    f.resp,
    f.respPort,
    f.source,
    0,
    f.hashes ? 'MD5,SHA1,SHA256' : '(empty)',
    f.mime ?? unset,
    str(f.filename),
    f.duration.toFixed(6),
    bool(isPrivate(f.orig)),
    bool(f.isOrig),
    f.bytes,
    f.bytes,
    0,
    0,
    'F',
    unset,
    f.hashes?.md5 ?? unset,
    f.hashes?.sha1 ?? unset,
    f.hashes?.sha256 ?? unset,
    unset,
    unset,
    unset,
  ].join('\t');
}
